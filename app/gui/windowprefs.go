package gui

import (
	"maps"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"github.com/paulmach/orb"
)

// What the window remembers between runs, in the user's Fyne preferences
// (not in the project file: another planner opening the same project
// keeps their own window): its size, the widths of the layer panel and of
// the map beside the inspector, and per project the last view.

const (
	prefWinW    = "window.width"
	prefWinH    = "window.height"
	prefViewPre = "view:" // + project path: "lon lat metresPerPoint"
	defaultWinW = 1400
	defaultWinH = 880
)

// splitPref is a split the window remembers: its offset is kept under key,
// and one outside (lo, hi) is not taken back (a panel dragged almost shut
// would be hard to find again); def is the offset until then.
type splitPref struct {
	key         string
	def, lo, hi float64
}

var (
	// The map's share beside the inspector.
	mapSplit = splitPref{key: "window.split", def: 0.76, lo: 0.3, hi: 0.95}
	// The layer panel's share of the window: 0, the default, is as narrow
	// as its content allows (the width it had before it could be dragged).
	layerSplit = splitPref{key: "window.layers", def: 0, lo: 0, hi: 0.6}
)

// splits pairs the window's splits with their preferences.
func (m *MainWindow) splits() map[splitPref]*container.Split {
	return map[splitPref]*container.Split{mapSplit: m.split, layerSplit: m.layerSplit}
}

// restore sets s's offset as remembered in p.
func (sp splitPref) restore(p fyne.Preferences, s *container.Split) {
	o := p.FloatWithFallback(sp.key, sp.def)
	if !(o > sp.lo && o < sp.hi) {
		o = sp.def
	}
	s.SetOffset(o)
}

// restoreWindow sizes the window and the splits as last time.
func (m *MainWindow) restoreWindow() {
	p := m.app.Preferences()
	m.win.Resize(savedWindowSize(p))
	for sp, s := range m.splits() {
		sp.restore(p, s)
	}
}

// savedWindowSize is the window size remembered in p (within reason).
func savedWindowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWinW, defaultWinW)
	h := p.FloatWithFallback(prefWinH, defaultWinH)
	w, h = max(640, min(w, 8000)), max(480, min(h, 8000))
	return fyne.NewSize(float32(w), float32(h))
}

// saveWindow remembers the window's size, the splits and the view, in one
// change of the preferences: Fyne writes its file at a change and, for
// 100 ms after, leaves further changes to its event loop, which is gone
// once the window has closed (of all this, only the width was kept).
func (m *MainWindow) saveWindow() {
	vals := map[string]any{}
	if s := m.win.Canvas().Size(); s.Width >= 100 && s.Height >= 100 {
		vals[prefWinW], vals[prefWinH] = float64(s.Width), float64(s.Height)
	}
	for sp, s := range m.splits() {
		vals[sp.key] = s.Offset
	}
	if key, v, ok := m.viewPref(); ok {
		vals[key] = v
	}
	setPrefs(m.app.Preferences(), vals)
}

// valueWriter is what Fyne's preferences (the app's and the test app's)
// offer beyond fyne.Preferences: several values changed at once.
type valueWriter interface {
	WriteValues(func(map[string]any))
}

// setPrefs sets float64 and string values in p, at once where p can.
func setPrefs(p fyne.Preferences, vals map[string]any) {
	if w, ok := p.(valueWriter); ok {
		w.WriteValues(func(all map[string]any) { maps.Copy(all, vals) })
		return
	}
	for k, v := range vals {
		switch v := v.(type) {
		case float64:
			p.SetFloat(k, v)
		case string:
			p.SetString(k, v)
		}
	}
}

// saveView remembers the open project's view.
func (m *MainWindow) saveView() {
	if key, v, ok := m.viewPref(); ok {
		m.app.Preferences().SetString(key, v)
	}
}

// viewPref is the preference that keeps the open project's view.
func (m *MainWindow) viewPref() (key, value string, ok bool) {
	if m.path == "" || !m.mapView.hasView {
		return "", "", false
	}
	v := m.mapView.view
	return prefViewPre + m.path, strconv.FormatFloat(v.Center[0], 'f', 8, 64) + " " +
		strconv.FormatFloat(v.Center[1], 'f', 8, 64) + " " + strconv.FormatFloat(v.GroundMetresPerPixel(), 'g', 10, 64), true
}

// savedView is the view remembered for a project, if any.
func (m *MainWindow) savedView(path string) (centre orb.Point, mpp float64, ok bool) {
	f := strings.Fields(m.app.Preferences().String(prefViewPre + path))
	if len(f) != 3 {
		return centre, 0, false
	}
	var v [3]float64
	for i, s := range f {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return centre, 0, false
		}
		v[i] = x
	}
	if v[0] < -180 || v[0] > 180 || v[1] < -85 || v[1] > 85 || !(v[2] >= minMetresPerPoint && v[2] <= maxMetresPerPoint) {
		return centre, 0, false
	}
	return orb.Point{v[0], v[1]}, v[2], true
}
