package gui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// Editing selected features: vertices, split, merge, a zone around the
// selected mines, and the topology warnings after a zone or plan unit is
// saved.

// startVertexEdit edits the vertices of the one selected feature.
func (m *MainWindow) startVertexEdit() {
	if len(m.selected) != 1 || !editable(m.selected[0]) {
		return
	}
	t := newVertexTool(m.mapView, m.selected[0])
	t.snapPx = m.snapDistance()
	t.onExit = func() {
		m.endTool()
		m.status.show("gui.status.edit_done", nil)
	}
	t.onCommit = func(g orb.Geometry) { m.commitVertices(t, g) }
	m.mapView.setTool(t)
	m.loadSnap()
	m.status.show("gui.status.editing_vertices", nil)
	m.win.Canvas().Focus(m.mapView)
}

// commitVertices stores the edited geometry as one edit; on refusal the
// tool goes back to the stored geometry.
func (m *MainWindow) commitVertices(t *vertexTool, g orb.Geometry) {
	f := t.f
	m.runEdit(func() ([]*models.Feature, error) {
		return app.ReplaceGeometries(m.ctx, m.store, "edit.vertices", []*models.Feature{f}, []orb.Geometry{g})
	}, func(err error) {
		t.load(f.Geometry)
		m.mapView.Refresh()
		m.refusedInStatus(err)
	}, func(got []*models.Feature) {
		t.f = got[0]
		t.load(got[0].Geometry)
		m.replaceSelected(got[0])
		m.status.show("gui.status.vertices_saved", nil)
	})
}

// startSplit draws a line that splits the selected polygon.
func (m *MainWindow) startSplit() {
	if len(m.selected) != 1 || !isPolygon(m.selected[0]) {
		return
	}
	target := m.selected[0]
	sk := newSketch(m.mapView, target.Layer, drawLine)
	sk.onChange = func(g orb.Geometry) { m.showSketchMeasure(g) }
	sk.onCancel = func() { m.endTool(); m.status.show("gui.status.draw_cancelled", nil) }
	sk.onFinish = func(g orb.Geometry) {
		line, _ := g.(orb.LineString)
		// A refused split keeps the line: Backspace and try again, or Esc.
		m.runEdit(func() ([]*models.Feature, error) { return app.SplitFeature(m.ctx, m.store, target, line) },
			m.refusedInStatus, func(pieces []*models.Feature) {
				m.endTool()
				m.setSelection(pieces, 0)
				m.status.show("gui.status.split", i18n.Args{"n": len(pieces)})
			})
	}
	m.mapView.setTool(sk)
	m.loadSnap()
	m.status.show("gui.status.splitting", nil)
	m.win.Canvas().Focus(m.mapView)
}

// readInfo reads the project summary; runs on m.io.
func (m *MainWindow) readInfo() *models.Info {
	if in, err := m.store.Info(m.ctx); err == nil {
		return &in
	}
	return nil
}

// mergeSelected merges the selected polygons of one layer.
func (m *MainWindow) mergeSelected() {
	if !samePolygonLayer(m.selected) {
		return
	}
	sel := append([]*models.Feature(nil), m.selected...)
	m.runEdit(func() ([]*models.Feature, error) {
		got, err := app.MergeFeatures(m.ctx, m.store, sel)
		return []*models.Feature{got}, err
	}, nil, func(got []*models.Feature) {
		m.setSelection(got, 0)
		m.status.show("gui.status.merged", i18n.Args{"n": len(sel)})
	})
}

// showZoneFromSelection asks how far to grow the union of the selected
// mines, then opens the new zone's form.
func (m *MainWindow) showZoneFromSelection() {
	var mines []*models.Feature
	districts := map[string]bool{}
	for _, f := range m.selected {
		if f.Layer == models.LayerMines {
			mines = append(mines, f)
			districts[f.Attrs.District] = true
		}
	}
	if len(mines) == 0 {
		return
	}
	dist := widget.NewEntry()
	dist.SetText("0")
	dist.Validator = func(s string) error {
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return fmt.Errorf("%s", m.t("err.form.number", i18n.Args{"field": m.t("gui.zone.grow", nil), "value": s}))
		}
		return nil
	}
	items := []*widget.FormItem{
		widget.NewFormItem("", widget.NewLabel(m.t("gui.zone.mines", i18n.Args{"n": len(mines)}))),
		widget.NewFormItem(m.t("gui.zone.grow", nil), dist),
	}
	dialog.ShowForm(m.t("gui.zone.title", nil), m.t("gui.zone.next", nil), m.t("gui.button.cancel", nil), items, func(ok bool) {
		if !ok {
			return
		}
		d, _ := strconv.ParseFloat(strings.TrimSpace(dist.Text), 64)
		g, err := app.ZoneAround(mines, d)
		if err != nil {
			m.showError(m.t("gui.error.edit", nil), err)
			return
		}
		m.showFeatureForm(models.LayerZones, g, func(f *models.Feature) { m.addFeature(f) })
	}, m.win)
}

// checkTopology warns, after a zone or plan unit is saved, where it
// overlaps another zone or leaves its mine; the places are highlighted.
func (m *MainWindow) checkTopology(f *models.Feature) {
	if f.Layer != models.LayerZones && f.Layer != models.LayerPlanUnits {
		return
	}
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		ws, err := app.TopologyWarnings(m.ctx, m.store, f)
		if err != nil || len(ws) == 0 {
			return
		}
		m.ui(func() {
			var where []orb.Geometry
			var lines []string
			for _, w := range ws {
				where = append(where, w.Where)
				lines = append(lines, m.t("gui.topo."+w.Code, i18n.Args{"name": w.Other.Attrs.Name, "licence": w.Other.Attrs.Licence,
					"m2": formatFixed(w.AreaM2, 1)}))
			}
			m.mapView.setWarnings(where)
			m.status.show("gui.status.plain", i18n.Args{"text": lines[0]})
			m.showMessage(m.t("gui.topo.title", nil), theme.WarningIcon(), m.t("gui.topo.head", nil), strings.Join(lines, "\n"))
		})
	})
}

// startMove moves the selected features by dragging.
func (m *MainWindow) startMove() {
	if len(m.selected) == 0 {
		return
	}
	t := &moveTool{mv: m.mapView, fs: append([]*models.Feature(nil), m.selected...)}
	t.onExit = func() { m.endTool(); m.status.show("gui.status.edit_done", nil) }
	t.onCommit = func(dx, dy float64) {
		fs := t.fs
		gs := make([]orb.Geometry, len(fs))
		for i, f := range fs {
			gs[i] = moved(f.Geometry, dx, dy)
		}
		m.runEdit(func() ([]*models.Feature, error) { return app.ReplaceGeometries(m.ctx, m.store, "edit.move", fs, gs) },
			m.refusedInStatus, func(got []*models.Feature) {
				t.fs = got
				m.setSelection(got, 0)
				m.status.show("gui.status.moved", i18n.Args{"n": len(got)})
			})
	}
	m.mapView.setTool(t)
	m.status.show("gui.status.moving", nil)
	m.win.Canvas().Focus(m.mapView)
}
