package gui

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/crs"
)

// statusBar shows one message, kept as a key and arguments so that it is
// re-translated when the language changes; on the right, the cursor's
// position on the map in lon/lat and in CGCS2000 3° Gauss–Krüger zone 36
// (EPSG:4524, easting with the zone prefix), and the map scale 1:N in a
// field that can be typed into.
type statusBar struct {
	widget.BaseWidget
	lang i18n.Lang
	key  string
	args i18n.Args

	cursor   orb.Point // lon/lat under the mouse
	inMap    bool      // the mouse is over the map
	scaleN   float64   // the map's scale denominator, 0 without a map
	scaleBox *widget.Entry

	onScale func(n float64) // a scale was typed in
}

func newStatusBar(l i18n.Lang) *statusBar {
	s := &statusBar{lang: l, key: "gui.status.ready"}
	s.scaleBox = widget.NewEntry()
	s.scaleBox.OnSubmitted = s.submitScale
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

// setCursor shows where the mouse is on the map (in false: it left).
func (s *statusBar) setCursor(p orb.Point, in bool) {
	s.cursor, s.inMap = p, in
	s.Refresh()
}

// setScale shows the map's scale (0: no map); the field is left alone
// while it is being typed into.
func (s *statusBar) setScale(n float64) {
	s.scaleN = n
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.scaleBox); c != nil && c.Focused() == s.scaleBox {
		return
	}
	s.scaleBox.SetText(formatScale(n))
}

// submitScale applies a typed scale, or puts the current one back.
func (s *statusBar) submitScale(text string) {
	n, ok := parseScale(text)
	if !ok || s.scaleN == 0 {
		s.scaleBox.SetText(formatScale(s.scaleN))
		if s.scaleN != 0 {
			s.show("gui.status.bad_scale", i18n.Args{"text": text})
		}
		return
	}
	if s.onScale != nil {
		s.onScale(n)
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.scaleBox); c != nil {
		c.Unfocus()
	}
	s.scaleBox.SetText(formatScale(s.scaleN))
}

// text is the message as shown.
func (s *statusBar) text() string { return i18n.T(s.lang, s.key, s.args) }

// lonLatText is the cursor in degrees; when it is not over the map, the
// coordinate system the project keeps.
func (s *statusBar) lonLatText() string {
	if !s.inMap {
		return i18n.T(s.lang, "gui.status.crs", nil)
	}
	return i18n.T(s.lang, "gui.status.lonlat", i18n.Args{
		"lon": strconv.FormatFloat(s.cursor[0], 'f', 5, 64),
		"lat": strconv.FormatFloat(s.cursor[1], 'f', 5, 64),
	})
}

// gkZone36 is CGCS2000 / 3-degree Gauss-Kruger zone 36, easting with the
// zone prefix; Wuhai lies in it (central meridian 108°E).
var gkZone36 = func() *crs.CRS {
	c, err := crs.ByEPSG(4524)
	if err != nil {
		panic(err) // a registry without 4524 is a build error
	}
	return c
}()

// gkText is the cursor in zone 36 metres, "" when it is not over the map
// or outside the zone's reach.
func (s *statusBar) gkText() string {
	if !s.inMap {
		return ""
	}
	e, n, err := gkZone36.FromLonLat(s.cursor[0], s.cursor[1])
	if err != nil {
		return i18n.T(s.lang, "gui.status.gk_out", nil)
	}
	return i18n.T(s.lang, "gui.status.gk", i18n.Args{
		"e": strconv.FormatFloat(e, 'f', 1, 64),
		"n": strconv.FormatFloat(n, 'f', 1, 64),
	})
}

// formatScale writes a scale denominator rounded to 3 significant digits
// (at least whole units): 123456 -> "123,000".
func formatScale(n float64) string {
	if !(n > 0) || math.IsInf(n, 1) {
		return ""
	}
	mag := math.Pow(10, math.Floor(math.Log10(n))-2)
	r := math.Round(n/max(mag, 1)) * max(mag, 1)
	return groupDigits(int64(r))
}

// parseScale reads what a planner types as a scale: "50000", "50,000",
// "1:50000", "1：5万", "1/25000". The denominator must be positive.
func parseScale(text string) (float64, bool) {
	t := strings.TrimSpace(text)
	for _, p := range []string{"1:", "1：", "1/"} {
		if after, ok := strings.CutPrefix(t, p); ok {
			t = strings.TrimSpace(after)
			break
		}
	}
	t = strings.NewReplacer(",", "", "，", "", " ", "", "_", "").Replace(t)
	mult := 1.0
	if after, ok := strings.CutSuffix(t, "万"); ok {
		t, mult = after, 1e4
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || !(n > 0) || math.IsInf(n, 1) {
		return 0, false
	}
	return n * mult, true
}

// CreateRenderer implements fyne.Widget.
func (s *statusBar) CreateRenderer() fyne.WidgetRenderer {
	small := func() *widget.Label {
		l := widget.NewLabel("")
		l.SizeName = theme.SizeNameCaptionText
		return l
	}
	r := &statusBarRenderer{s: s, msg: small(), lonlat: small(), gk: small(), scale: small()}
	r.msg.Truncation = fyne.TextTruncateEllipsis
	box := container.New(&fixedWidth{w: 110}, s.scaleBox)
	right := container.NewHBox(r.lonlat, r.gk, layout.NewSpacer(), r.scale, box)
	r.root = container.NewBorder(widget.NewSeparator(), nil, nil, right, r.msg)
	r.update()
	return r
}

type statusBarRenderer struct {
	s                      *statusBar
	msg, lonlat, gk, scale *widget.Label
	root                   *fyne.Container
}

func (r *statusBarRenderer) Layout(size fyne.Size)        { r.root.Resize(size) }
func (r *statusBarRenderer) MinSize() fyne.Size           { return r.root.MinSize() }
func (r *statusBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }
func (r *statusBarRenderer) Destroy()                     {}
func (r *statusBarRenderer) Refresh()                     { r.update() }

func (r *statusBarRenderer) update() {
	s := r.s
	setLabel(r.msg, s.text())
	setLabel(r.lonlat, s.lonLatText())
	setLabel(r.gk, s.gkText())
	setLabel(r.scale, i18n.T(s.lang, "gui.status.scale", nil))
	if s.scaleN > 0 {
		s.scaleBox.Enable()
	} else {
		s.scaleBox.Disable()
	}
}

// fixedWidth lays out one object at a fixed width and its own height.
type fixedWidth struct{ w float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, (size.Height-o.MinSize().Height)/2))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}
