package gui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/models"
)

// The main window's side of drawing: starting a tool from the Tools menu,
// the snapping index it uses, the attribute form after the last click,
// and storing the feature as one edit.

// startDraw begins drawing a feature of layer.
func (m *MainWindow) startDraw(layer string, mode drawMode) {
	if m.path == "" || m.busy || !m.mapView.hasView {
		return
	}
	sk := newSketch(m.mapView, layer, mode)
	sk.snapPx = m.snapDistance()
	sk.onChange = func(g orb.Geometry) { m.showSketchMeasure(g) }
	sk.onCancel = func() {
		m.endTool()
		m.status.show("gui.status.draw_cancelled", nil)
	}
	sk.onFinish = func(g orb.Geometry) { m.finishSketch(sk, g) }
	m.mapView.setTool(sk)
	m.loadSnap()
	m.status.show("gui.status.drawing", i18n.Args{"layer": layerName(m.lang, layer)})
	m.win.Canvas().Focus(m.mapView)
}

// endTool puts the map back to navigating and selecting.
func (m *MainWindow) endTool() {
	m.mapView.setTool(nil)
	m.snapGen++
}

// showSketchMeasure puts the sketch's live area and length in the status bar.
func (m *MainWindow) showSketchMeasure(g orb.Geometry) {
	a, l := app.Measure(g)
	if a > 0 {
		m.status.show("gui.status.sketch_area", i18n.Args{"m2": formatFixed(a, 1), "ha": formatFixed(measure.Hectares(a), 4),
			"mu": formatFixed(measure.Mu(a), 2), "m": formatFixed(l, 1)})
	} else {
		m.status.show("gui.status.sketch_length", i18n.Args{"m": formatFixed(l, 1)})
	}
}

// snapTool is a tool that snaps (sketch or vertex editor).
type snapTool interface{ setSnap(*snapIndex) }

func (s *sketchTool) setSnap(idx *snapIndex) { s.snap = idx }

// loadSnap (re)builds the snapping index of the current tool from the
// features of the visible layers around the view; runs the reading on
// the I/O worker.
func (m *MainWindow) loadSnap() {
	st, ok := m.mapView.tool.(snapTool)
	if !ok {
		return
	}
	m.snapGen++
	gen := m.snapGen
	v := m.mapView.view
	b := v.Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	b.Min[0], b.Max[0], b.Min[1], b.Max[1] = b.Min[0]-w/2, b.Max[0]+w/2, b.Min[1]-h/2, b.Max[1]+h/2
	hidden := cloneHidden(m.mapView.hidden)
	cell := 40 * v.MetresPerPixel / 111320 // about 40 points
	m.snapView, m.snapBound = v, b
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		idx := newSnapIndex(cell)
		for _, d := range models.Layers {
			if hidden[d.Name] || idx.full {
				continue
			}
			_ = m.store.Features(m.ctx, d.Name, &b, func(f *models.Feature) error {
				idx.add(f)
				if idx.full {
					return errStopSnap
				}
				return nil
			})
		}
		m.ui(func() {
			if gen == m.snapGen && m.mapView.tool == st.(mapTool) {
				st.setSnap(idx)
			}
		})
	})
}

var errStopSnap = errors.New("snap index full")

// finishSketch checks the drawn geometry and asks for its attributes.
func (m *MainWindow) finishSketch(sk *sketchTool, g orb.Geometry) {
	checked, err := app.CheckDrawn(sk.layer, g)
	if err != nil {
		var de *app.DrawError
		if errors.As(err, &de) && de.Code == "self-intersection" {
			m.showCrossing(sk, de.At, func(g orb.Geometry) {
				m.showFeatureForm(sk.layer, g, func(f *models.Feature) {
					m.endTool()
					m.addFeature(f)
				})
			})
			return
		}
		m.status.show("gui.status.edit_refused", i18n.Args{"detail": m.errorText(err)})
		return
	}
	m.showFeatureForm(sk.layer, checked, func(f *models.Feature) {
		m.endTool()
		m.addFeature(f)
	})
}

// showCrossing says the drawing crosses itself, marks where, and lets the
// planner keep drawing (Backspace to the crossing), fix it automatically
// (GEOS make-valid, then form: the attribute form), or drop it.
func (m *MainWindow) showCrossing(sk *sketchTool, at orb.Point, form func(orb.Geometry)) {
	m.mapView.setMark(&at)
	msg := widget.NewLabel(m.t("gui.draw.crossing", i18n.Args{"lon": fmt.Sprintf("%.6f", at[0]), "lat": fmt.Sprintf("%.6f", at[1])}))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	keep := widget.NewButton(m.t("gui.draw.keep_drawing", nil), func() { d.Hide(); m.mapView.setMark(nil) })
	keep.Importance = widget.HighImportance
	fix := widget.NewButton(m.t("gui.draw.fix", nil), func() {
		d.Hide()
		m.mapView.setMark(nil)
		g, err := app.FixDrawn(sk.layer, sk.geometry(false))
		if err != nil {
			m.status.show("gui.status.edit_refused", i18n.Args{"detail": m.errorText(err)})
			return
		}
		m.status.show("gui.status.fixed", nil)
		form(g)
	})
	discard := widget.NewButton(m.t("gui.draw.discard", nil), func() { d.Hide(); m.mapView.setMark(nil); sk.onCancel() })
	d = dialog.NewCustomWithoutButtons(m.t("gui.draw.crossing_title", nil),
		container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), discard, fix, keep), nil, nil, msg), m.win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
	m.crossingFix = fix.OnTapped
}

// showFeatureForm asks for the attributes of a new feature of layer
// (models.FormFields), with computed defaults, and calls done with the
// feature when the form is valid. The form stays open on a mistake,
// saying which field and why.
func (m *MainWindow) showFeatureForm(layer string, g orb.Geometry, done func(*models.Feature)) {
	fields := models.FormFields(layer)
	values := map[string]func() string{}
	var items []*widget.FormItem
	area, _ := app.Measure(g)
	for _, f := range fields {
		label := m.t("form."+f.Key, nil)
		if f.Required {
			label += " *"
		}
		var w fyne.CanvasObject
		switch f.Kind {
		case models.FormStatus, models.FormKindOf, models.FormFire:
			var vals []string
			prefix := ""
			switch f.Kind {
			case models.FormStatus:
				vals, prefix = statusValues(), "value.status."
			case models.FormKindOf:
				vals, prefix = kindValues(), "value.kind."
			default:
				vals, prefix = models.FireStates, "value.fire."
			}
			var labels []string
			byLabel := map[string]string{}
			for _, v := range vals {
				labels = append(labels, m.t(prefix+v, nil))
				byLabel[labels[len(labels)-1]] = v
			}
			sel := widget.NewSelect(labels, nil)
			sel.PlaceHolder = m.t("gui.inspector.unset", nil)
			if f.Required {
				sel.SetSelectedIndex(0)
			}
			values[f.Key] = func() string { return byLabel[sel.Selected] }
			w = sel
		default:
			e := widget.NewEntry()
			switch f.Kind {
			case models.FormDate:
				e.SetPlaceHolder("2023-12-31")
			case models.FormNumber:
				e.SetPlaceHolder("0")
			}
			if f.Key == "planned_area_m2" && area > 0 {
				e.SetText(fmt.Sprintf("%.1f", area))
			}
			values[f.Key] = func() string { return e.Text }
			w = e
		}
		items = append(items, widget.NewFormItem(label, w))
	}
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	info := widget.NewLabel(m.drawnSummary(g))
	info.Wrapping = fyne.TextWrapWord
	items = append(items, widget.NewFormItem("", info), widget.NewFormItem("", errLabel))
	var d *dialog.FormDialog
	submit := func() bool {
		vals := map[string]string{}
		for k, fn := range values {
			vals[k] = fn()
		}
		f, err := app.NewFeature(layer, g, vals)
		if err != nil {
			errLabel.SetText(m.errorText(err))
			return false
		}
		done(f)
		return true
	}
	d = dialog.NewForm(m.t("gui.draw.form_title", i18n.Args{"layer": layerName(m.lang, layer)}), m.t("gui.draw.save", nil),
		m.t("gui.button.cancel", nil), items, func(ok bool) {
			if ok && !submit() {
				// Keep the values: show the form again with the reason.
				d.Show()
			}
		}, m.win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
	m.featureForm = d
	m.featureFormSubmit = func() bool {
		if submit() {
			d.Hide()
			return true
		}
		return false
	}
}

// drawnSummary says what was drawn: area and perimeter, or length.
func (m *MainWindow) drawnSummary(g orb.Geometry) string {
	a, l := app.Measure(g)
	switch {
	case a > 0:
		return m.t("gui.status.sketch_area", i18n.Args{"m2": formatFixed(a, 1), "ha": formatFixed(measure.Hectares(a), 4),
			"mu": formatFixed(measure.Mu(a), 2), "m": formatFixed(l, 1)})
	case l > 0:
		return m.t("gui.status.sketch_length", i18n.Args{"m": formatFixed(l, 1)})
	}
	return ""
}

// addFeature stores a new feature, selects it and redraws.
func (m *MainWindow) addFeature(f *models.Feature) {
	m.runEdit(func() ([]*models.Feature, error) {
		got, err := app.AddFeature(m.ctx, m.store, f)
		return []*models.Feature{got}, err
	}, nil, func(got []*models.Feature) {
		m.setSelection(got, 0)
		m.checkTopology(got[0])
		m.status.show("gui.status.added", i18n.Args{"layer": layerName(m.lang, got[0].Layer), "name": got[0].Attrs.Name})
	})
}

// afterEdit refreshes what an edit may have changed: counts, the map, the
// Edit menu.
func (m *MainWindow) afterEdit(info *models.Info) {
	if info != nil {
		m.info = info
		m.mapView.setInfo(info)
		m.layers.set(m.lang, m.info)
	}
	m.dataChanged()
	m.refreshEditMenu()
}

// deleteSelected asks, then deletes the selected features as one edit.
func (m *MainWindow) deleteSelected() {
	if len(m.selected) == 0 || m.path == "" {
		return
	}
	sel := append([]*models.Feature(nil), m.selected...)
	dialog.ShowConfirm(m.t("gui.draw.delete_title", nil), m.t("gui.draw.delete", i18n.Args{"n": len(sel)}), func(ok bool) {
		if ok {
			m.runDelete(sel)
		}
	}, m.win)
}

func (m *MainWindow) runDelete(sel []*models.Feature) {
	m.runEdit(func() ([]*models.Feature, error) { return nil, app.DeleteFeatures(m.ctx, m.store, sel) }, nil, func([]*models.Feature) {
		m.setSelection(nil, 0)
		m.status.show("gui.status.deleted", i18n.Args{"n": len(sel)})
	})
}

// viewMovedForTool rebuilds the snapping index when the view has left the
// area it covers or the scale changed a lot (its grid is sized for a
// scale).
func (m *MainWindow) viewMovedForTool() {
	if _, ok := m.mapView.tool.(snapTool); !ok {
		return
	}
	v := m.mapView.view
	if m.snapView.MetresPerPixel > 0 {
		r := v.MetresPerPixel / m.snapView.MetresPerPixel
		inside := m.snapBound.Contains(v.Bound().Min) && m.snapBound.Contains(v.Bound().Max)
		if inside && r > 0.5 && r < 2 {
			return
		}
	}
	m.loadSnap()
}

// prefSnap is the snapping distance, points.
const prefSnap = "snap_px"

// snapDistance is the snapping distance the planner chose (Tools menu).
func (m *MainWindow) snapDistance() float64 {
	d := m.app.Preferences().FloatWithFallback(prefSnap, snapPx)
	if !(d >= 1 && d <= 100) {
		return snapPx
	}
	return d
}

// setSnapDistance keeps a new snapping distance and gives it to the tool
// in use.
func (m *MainWindow) setSnapDistance(d float64) {
	m.app.Preferences().SetFloat(prefSnap, d)
	switch t := m.mapView.tool.(type) {
	case *sketchTool:
		t.snapPx = d
	case *vertexTool:
		t.snapPx = d
	}
	m.refreshEditMenu()
}
