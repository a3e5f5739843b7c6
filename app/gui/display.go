package gui

import "runtime"

// DisplayMissing reports that the window has nowhere to open: on the
// systems where Fyne's driver draws through X11 (Linux and the BSDs),
// $DISPLAY names no display. The driver would then panic with a stack
// trace (GLFW "not initialized") instead of saying so; main says so in
// the user's language and points to the commands, which need no display.
func DisplayMissing(getenv func(string) string) bool {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		return getenv("DISPLAY") == ""
	}
	return false
}
