package main

import (
	"os"
	"runtime"
	"testing"
)

// TestNoDisplay: with no display to open the window on, minerehab says so
// and exits 1, instead of the window driver's panic.
func TestNoDisplay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the X11 check is for Linux and the BSDs")
	}
	t.Setenv("DISPLAY", "")
	args := os.Args
	defer func() { os.Args = args }()
	os.Args = []string{"minerehab"}
	if code := run(); code != 1 {
		t.Errorf("run() without a display = %d, want 1", code)
	}
}
