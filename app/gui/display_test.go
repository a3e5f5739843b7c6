package gui

import (
	"runtime"
	"testing"
)

func TestDisplayMissing(t *testing.T) {
	x11 := runtime.GOOS == "linux" || runtime.GOOS == "freebsd" || runtime.GOOS == "openbsd" ||
		runtime.GOOS == "netbsd" || runtime.GOOS == "dragonfly"
	for _, tc := range []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"X11 display", map[string]string{"DISPLAY": ":0"}, false},
		{"Xvfb", map[string]string{"DISPLAY": ":99"}, false},
		{"none", map[string]string{}, x11},
		{"Wayland without XWayland", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, x11},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DisplayMissing(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Errorf("DisplayMissing(%v) = %v, want %v", tc.env, got, tc.want)
			}
		})
	}
}
