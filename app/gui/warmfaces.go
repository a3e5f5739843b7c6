package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// warmFaces warms the regular and the bold face (see warmFace).
func warmFaces() []<-chan struct{} {
	return []<-chan struct{}{warmFace(fyne.TextStyle{}), warmFace(fyne.TextStyle{Bold: true})}
}

// warmFace has Fyne load the theme's face for style st into its font
// cache, on a goroutine of its own, and closes the channel it returns
// when it is in. Measuring text is safe off the UI goroutine (the cache
// is concurrent) and draws nothing.
func warmFace(st fyne.TextStyle) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		fyne.MeasureText("乌海 Wuhai", theme.TextSize(), st)
	}()
	return done
}
