package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app/i18n"
)

// statusBar shows one message, kept as a key and arguments so that it is
// re-translated when the language changes, and the coordinate system on
// the right.
type statusBar struct {
	widget.BaseWidget
	lang i18n.Lang
	key  string
	args i18n.Args
}

func newStatusBar(l i18n.Lang) *statusBar {
	s := &statusBar{lang: l, key: "gui.status.ready"}
	s.ExtendBaseWidget(s)
	return s
}

// show sets the message; call on the UI goroutine.
func (s *statusBar) show(key string, args i18n.Args) {
	s.key, s.args = key, args
	s.Refresh()
}

func (s *statusBar) setLang(l i18n.Lang) {
	s.lang = l
	s.Refresh()
}

// text is the message as shown.
func (s *statusBar) text() string { return i18n.T(s.lang, s.key, s.args) }

// CreateRenderer implements fyne.Widget.
func (s *statusBar) CreateRenderer() fyne.WidgetRenderer {
	r := &statusBarRenderer{s: s, msg: widget.NewLabel(""), crs: widget.NewLabel("")}
	r.msg.SizeName = theme.SizeNameCaptionText
	r.msg.Truncation = fyne.TextTruncateEllipsis
	r.crs.SizeName = theme.SizeNameCaptionText
	r.root = container.NewBorder(widget.NewSeparator(), nil, nil, r.crs, r.msg)
	r.update()
	return r
}

type statusBarRenderer struct {
	s        *statusBar
	msg, crs *widget.Label
	root     *fyne.Container
}

func (r *statusBarRenderer) Layout(size fyne.Size)        { r.root.Resize(size) }
func (r *statusBarRenderer) MinSize() fyne.Size           { return r.root.MinSize() }
func (r *statusBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }
func (r *statusBarRenderer) Destroy()                     {}
func (r *statusBarRenderer) Refresh()                     { r.update() }

func (r *statusBarRenderer) update() {
	r.msg.SetText(r.s.text())
	r.crs.SetText(i18n.T(r.s.lang, "gui.status.crs", nil))
}
