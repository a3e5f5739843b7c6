package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bigFigure is one of the dashboard's headline figures: a large value over
// its caption. Tapping it opens the list behind it (when it has one).
type bigFigure struct {
	widget.BaseWidget
	value, caption string
	onTap          func()
}

var (
	_ fyne.Tappable      = (*bigFigure)(nil)
	_ desktop.Cursorable = (*bigFigure)(nil)
)

func newBigFigure(value, caption string, onTap func()) *bigFigure {
	b := &bigFigure{value: value, caption: caption, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

func (b *bigFigure) Tapped(*fyne.PointEvent) {
	if b.onTap != nil {
		b.onTap()
	}
}

func (b *bigFigure) Cursor() desktop.Cursor {
	if b.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

func (b *bigFigure) CreateRenderer() fyne.WidgetRenderer {
	v := canvas.NewText(b.value, theme.Color(theme.ColorNamePrimary))
	v.TextSize = 30
	v.TextStyle.Bold = true
	v.Alignment = fyne.TextAlignCenter
	c := canvas.NewText(b.caption, theme.Color(theme.ColorNameForeground))
	c.TextSize = theme.TextSize()
	c.Alignment = fyne.TextAlignCenter
	return &bigFigureRenderer{b: b, value: v, caption: c}
}

type bigFigureRenderer struct {
	b              *bigFigure
	value, caption *canvas.Text
}

func (r *bigFigureRenderer) Layout(size fyne.Size) {
	vh := r.value.MinSize().Height
	r.value.Move(fyne.NewPos(0, 0))
	r.value.Resize(fyne.NewSize(size.Width, vh))
	r.caption.Move(fyne.NewPos(0, vh+2))
	r.caption.Resize(fyne.NewSize(size.Width, r.caption.MinSize().Height))
}

func (r *bigFigureRenderer) MinSize() fyne.Size {
	v, c := r.value.MinSize(), r.caption.MinSize()
	return fyne.NewSize(max(v.Width, c.Width)+8, v.Height+c.Height+6)
}

func (r *bigFigureRenderer) Refresh() {
	r.value.Text, r.caption.Text = r.b.value, r.b.caption
	r.value.Color, r.caption.Color = theme.Color(theme.ColorNamePrimary), theme.Color(theme.ColorNameForeground)
	r.value.Refresh()
	r.caption.Refresh()
}

func (r *bigFigureRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.value, r.caption}
}
func (r *bigFigureRenderer) Destroy() {}
