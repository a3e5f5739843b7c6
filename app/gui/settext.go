package gui

import "fyne.io/fyne/v2/widget"

// Fyne refreshes a widget on every SetText, changed or not, and refreshing
// a button re-reads its SVG icon twice (colourised, then decoded for its
// aspect). The window refreshes its toolbar and layer rows several times
// while a project opens; setting only what changed kept a tenth of a second
// of SVG parsing off the start.

// setLabel sets l's text when it differs.
func setLabel(l *widget.Label, s string) {
	if l.Text != s {
		l.SetText(s)
	}
}

// setButton sets b's text when it differs.
func setButton(b *widget.Button, s string) {
	if b.Text != s {
		b.SetText(s)
	}
}

// setImportance sets l's importance (its colour) when it differs.
func setImportance(l *widget.Label, imp widget.Importance) {
	if l.Importance != imp {
		l.Importance = imp
		l.Refresh()
	}
}
