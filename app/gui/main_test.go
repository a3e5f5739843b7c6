package gui

import (
	"os"
	"testing"
)

// TestMain points the render cache at a directory of this run, removed at
// the end, so the window's tests neither read nor litter the user's cache.
func TestMain(m *testing.M) {
	const env = "MINEREHAB_RENDER_CACHE"
	dir := ""
	if os.Getenv(env) == "" {
		if d, err := os.MkdirTemp("", "minerehab-render-cache-"); err == nil {
			dir = d
			os.Setenv(env, dir)
		}
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
