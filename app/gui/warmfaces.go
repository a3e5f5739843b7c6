package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// warmFaces has Fyne load the theme's regular and then its bold face into
// its font cache on a goroutine, and closes the channel it returns when
// both are in. One goroutine, not one per face: Fyne loads each style's
// system fallback face under one lock, so the faces gain little from a
// second goroutine, and on two cores it takes CPU from the GL window
// being created meanwhile (start to first frame −0.1 s in alternating
// runs). Measuring text is safe off the UI goroutine (the cache is
// concurrent) and draws nothing.
func warmFaces() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, st := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("乌海 Wuhai", theme.TextSize(), st)
		}
	}()
	return done
}
