package gui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"
)

// What the window remembers between runs, in the user's Fyne preferences
// (not in the project file: another planner opening the same project
// keeps their own window): its size, the map/inspector split, and per
// project the last view.

const (
	prefWinW     = "window.width"
	prefWinH     = "window.height"
	prefSplit    = "window.split"
	prefViewPre  = "view:" // + project path: "lon lat metresPerPoint"
	defaultWinW  = 1400
	defaultWinH  = 880
	defaultSplit = 0.76
)

// restoreWindow sizes the window and the split as last time.
func (m *MainWindow) restoreWindow() {
	p := m.app.Preferences()
	m.win.Resize(savedWindowSize(p))
	if s := p.FloatWithFallback(prefSplit, defaultSplit); s > 0.3 && s < 0.95 {
		m.split.SetOffset(s)
	}
}

// savedWindowSize is the window size remembered in p (within reason).
func savedWindowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWinW, defaultWinW)
	h := p.FloatWithFallback(prefWinH, defaultWinH)
	w, h = max(640, min(w, 8000)), max(480, min(h, 8000))
	return fyne.NewSize(float32(w), float32(h))
}

// saveWindow remembers the window's size, the split and the view.
func (m *MainWindow) saveWindow() {
	p := m.app.Preferences()
	if s := m.win.Canvas().Size(); s.Width >= 100 && s.Height >= 100 {
		p.SetFloat(prefWinW, float64(s.Width))
		p.SetFloat(prefWinH, float64(s.Height))
	}
	p.SetFloat(prefSplit, m.split.Offset)
	m.saveView()
}

// saveView remembers the open project's view.
func (m *MainWindow) saveView() {
	if m.path == "" || !m.mapView.hasView {
		return
	}
	v := m.mapView.view
	m.app.Preferences().SetString(prefViewPre+m.path, strconv.FormatFloat(v.Center[0], 'f', 8, 64)+" "+
		strconv.FormatFloat(v.Center[1], 'f', 8, 64)+" "+strconv.FormatFloat(v.GroundMetresPerPixel(), 'g', 10, 64))
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
