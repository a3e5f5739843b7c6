package gui

import (
	"context"
	"image"
	"math"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The map's side of selection: the overlay that highlights the selected
// features and the go-to mark. Picking and box selection read the store
// and run as jobs of the main window (see selectwindow.go).

// maxBoxSelect bounds a box selection; more would only slow the inspector.
const maxBoxSelect = 5000

// setSelection highlights sel (nil: none).
func (m *mapView) setSelection(sel []*models.Feature) {
	m.sel = sel
	m.requestOverlay()
}

// setWarnings highlights places a topology check found wrong (nil: none).
func (m *mapView) setWarnings(gs []orb.Geometry) {
	m.warn = gs
	m.requestOverlay()
}

// setBands shows screening bands (nil: none).
func (m *mapView) setBands(bs []orb.MultiPolygon) {
	m.bands = bs
	m.requestOverlay()
}

// setMark shows (p non-nil) or hides the go-to mark.
func (m *mapView) setMark(p *orb.Point) {
	m.mark = p
	m.requestOverlay()
}

// requestOverlay redraws the overlay for the current view off the UI
// goroutine; a newer request supersedes an older one.
func (m *mapView) requestOverlay() {
	m.overlayGen++
	if !m.hasView || m.closing.Load() || m.view.Valid() != nil {
		return
	}
	o := app.Overlay{Selection: m.sel, Warnings: m.warn, Mark: m.mark, Bands: m.bands}
	if o.Empty() {
		m.overlay = nil
		m.Refresh()
		return
	}
	gen, v := m.overlayGen, m.view
	rv, ratio := m.devicePixels(v)
	m.renders.Add(1)
	go func() {
		defer m.renders.Done()
		img, err := app.RenderOverlay(context.Background(), rv, o, ratio)
		if err != nil || m.closing.Load() {
			return
		}
		onUI(func() {
			if gen != m.overlayGen || m.closing.Load() {
				return
			}
			m.overlay, m.overlayView = image.Image(img), v
			m.Refresh()
		})
	}()
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// pickAt is the map's click: the feature under p replaces the selection,
// or with add toggles its membership.
func (m *MainWindow) pickAt(p fyne.Position, add bool) {
	if m.store == nil && m.shared == nil {
		return
	}
	v := m.mapView.view
	hidden := cloneHidden(m.mapView.hidden)
	styles := m.mapView.styles // the order the map is drawn in (replaced whole, never changed in place)
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		f, err := app.Pick(m.ctx, m.store, v, float64(p.X), float64(p.Y), app.PickTolerance, hidden, styles)
		m.ui(func() {
			if err != nil {
				m.status.show("gui.status.error", i18n.Args{"detail": m.errorText(err)})
				return
			}
			m.pickDone(f, add)
		})
	})
}

func (m *MainWindow) pickDone(f *models.Feature, add bool) {
	if !add {
		if f == nil {
			m.setSelection(nil, 0)
		} else {
			m.setSelection([]*models.Feature{f}, 0)
		}
		return
	}
	if f == nil {
		return
	}
	sel := append([]*models.Feature(nil), m.selected...)
	for i, s := range sel {
		if s.Layer == f.Layer && s.ID == f.ID {
			sel = append(sel[:i], sel[i+1:]...) // Shift-click on a selected feature takes it out
			m.setSelection(sel, min(m.current, max(0, len(sel)-1)))
			return
		}
	}
	sel = append(sel, f)
	m.setSelection(sel, len(sel)-1)
}

// boxSelect selects what meets b; add (Ctrl held) adds to the selection.
func (m *MainWindow) boxSelect(b orb.Bound, add bool) {
	hidden := cloneHidden(m.mapView.hidden)
	styles := m.mapView.styles
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		fs, truncated, err := app.SelectBox(m.ctx, m.store, b, hidden, styles, maxBoxSelect)
		m.ui(func() {
			if err != nil {
				m.status.show("gui.status.error", i18n.Args{"detail": m.errorText(err)})
				return
			}
			if add {
				fs = mergeSelection(m.selected, fs)
			}
			m.setSelection(fs, 0)
			if truncated {
				m.status.show("gui.status.select_truncated", i18n.Args{"n": formatCount(len(fs))})
			} else {
				m.status.show("gui.status.selected", i18n.Args{"n": formatCount(len(fs))})
			}
		})
	})
}

func mergeSelection(a, b []*models.Feature) []*models.Feature {
	seen := map[[2]any]bool{}
	var out []*models.Feature
	for _, f := range append(append([]*models.Feature(nil), a...), b...) {
		k := [2]any{f.Layer, f.ID}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

func cloneHidden(h map[string]bool) map[string]bool {
	out := make(map[string]bool, len(h))
	for k, v := range h {
		out[k] = v
	}
	return out
}

// setSelection makes sel the selection, current the feature the inspector
// shows.
func (m *MainWindow) setSelection(sel []*models.Feature, current int) {
	m.selected, m.current = sel, current
	m.mapView.setSelection(sel)
	m.inspector.set(m.lang, sel, current)
	m.refreshEditMenu()
}

// zoomToSelection shows the selected features whole.
func (m *MainWindow) zoomToSelection() {
	var b orb.Bound
	some := false
	for _, f := range m.selected {
		if f.Geometry == nil { // none, or one that cannot be read: nowhere to go
			continue
		}
		if !some {
			b, some = f.Geometry.Bound(), true
		} else {
			b = b.Union(f.Geometry.Bound())
		}
	}
	if !some {
		return
	}
	// A point or a tiny feature: show 200 m around it.
	m.mapView.zoomToBound(padBound(b, 100))
}

// padBound grows b to at least 2·metres across.
func padBound(b orb.Bound, metres float64) orb.Bound {
	c := b.Center()
	dlat := metres / 111320
	dlon := dlat / math.Max(0.1, math.Cos(c[1]*math.Pi/180))
	if b.Max[0]-b.Min[0] < 2*dlon {
		b.Min[0], b.Max[0] = c[0]-dlon, c[0]+dlon
	}
	if b.Max[1]-b.Min[1] < 2*dlat {
		b.Min[1], b.Max[1] = c[1]-dlat, c[1]+dlat
	}
	return b
}
