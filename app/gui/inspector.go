package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// inspector is the right-hand panel: the selected feature's measures and
// position (area in m², ha and 亩; perimeter; centroid in lon/lat and
// CGCS2000 GK zone 36 with and without the zone prefix), what is wrong
// with its geometry if anything, and every attribute, editable. An edit is
// submitted with Enter (or by picking a status or kind) and goes through
// the project's history like every other edit; the inspector itself
// changes nothing.
type inspector struct {
	widget.BaseWidget

	lang     i18n.Lang
	sel      []*models.Feature
	current  int
	errText  string // the last refused edit, in the user's language
	readOnly bool

	// insp measures the shown feature; it is computed off the UI goroutine
	// (a million-vertex polygon takes a while to check) by compute, which
	// calls back on the UI goroutine. nil while it runs.
	insp    *app.Inspection
	inspFor *models.Feature
	compute func(f *models.Feature, done func(app.Inspection))

	onEdit   func(f *models.Feature, key, value string) // submit one attribute
	onZoom   func()                                     // zoom to the selection
	onSelect func(i int)                                // show the i-th selected feature
	// onRecords opens the records of a mine, fire point or zone (planedit.go).
	onRecords func(f *models.Feature)
}

func newInspector(l i18n.Lang) *inspector {
	in := &inspector{lang: l}
	in.ExtendBaseWidget(in)
	return in
}

// set shows a selection.
func (in *inspector) set(l i18n.Lang, sel []*models.Feature, current int) {
	in.lang, in.sel, in.current, in.errText = l, sel, current, ""
	if f := in.feature(); f != in.inspFor {
		in.inspFor, in.insp = f, nil
		if f != nil && in.compute != nil {
			in.compute(f, func(r app.Inspection) {
				if in.inspFor == f {
					in.insp = &r
					in.Refresh()
				}
			})
		} else if f != nil {
			r := app.Inspect(f)
			in.insp = &r
		}
	}
	in.Refresh()
}

// setError shows why an edit was refused ("" clears it).
func (in *inspector) setError(s string) {
	in.errText = s
	in.Refresh()
}

// feature is the feature shown, nil when none.
func (in *inspector) feature() *models.Feature {
	if in.current < 0 || in.current >= len(in.sel) {
		return nil
	}
	return in.sel[in.current]
}

func (in *inspector) t(key string, args i18n.Args) string { return i18n.T(in.lang, key, args) }

// CreateRenderer implements fyne.Widget.
func (in *inspector) CreateRenderer() fyne.WidgetRenderer {
	r := &inspectorRenderer{in: in, box: container.NewVBox()}
	r.scroll = container.NewVScroll(r.box)
	r.update()
	return r
}

type inspectorRenderer struct {
	in     *inspector
	box    *fyne.Container
	scroll *container.Scroll
	// entries by attribute key, kept across refreshes of the same feature
	// so a refresh does not throw away what the user is typing.
	shown   *models.Feature
	entries map[string]*widget.Entry
}

func (r *inspectorRenderer) Layout(s fyne.Size)           { r.scroll.Resize(s) }
func (r *inspectorRenderer) MinSize() fyne.Size           { return fyne.NewSize(280, 100) }
func (r *inspectorRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.scroll} }
func (r *inspectorRenderer) Destroy()                     {}
func (r *inspectorRenderer) Refresh()                     { r.update() }

func heading(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

func (r *inspectorRenderer) update() {
	in := r.in
	r.box.RemoveAll()
	f := in.feature()
	if f == nil {
		hint := widget.NewLabel(in.t("gui.inspector.none", nil))
		hint.Wrapping = fyne.TextWrapWord
		r.box.Add(hint)
		r.box.Refresh()
		return
	}
	// Header: layer, fid, position in the selection, zoom.
	title := heading(fmt.Sprintf("%s #%d", layerName(in.lang, f.Layer), f.ID))
	zoom := widget.NewButtonWithIcon(in.t("gui.inspector.zoom", nil), theme.ZoomFitIcon(), func() {
		if in.onZoom != nil {
			in.onZoom()
		}
	})
	zoom.Importance = widget.LowImportance
	head := container.NewHBox(title, layout.NewSpacer(), zoom)
	r.box.Add(head)
	if hasRecords(f) && in.onRecords != nil { // the records of a mine, fire point or zone (planedit.go)
		r.box.Add(widget.NewButtonWithIcon(in.t(recordsKey(f), nil), theme.DocumentIcon(), func() { in.onRecords(f) }))
	}
	if n := len(in.sel); n > 1 {
		prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { in.step(-1) })
		next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { in.step(1) })
		r.box.Add(container.NewHBox(prev, widget.NewLabel(in.t("gui.inspector.of", i18n.Args{"i": in.current + 1, "n": formatCount(n)})), next))
	}

	// Measures (computed off the UI goroutine; see set).
	r.box.Add(heading(in.t("gui.inspector.geometry", nil)))
	if in.insp == nil {
		r.box.Add(widget.NewLabel(in.t("gui.inspector.measuring", nil)))
	}
	m := app.Inspection{}
	if in.insp != nil {
		m = *in.insp
	}
	grid := container.New(layout.NewFormLayout())
	row := func(key, value string) {
		k := widget.NewLabel(in.t(key, nil))
		v := widget.NewLabel(value)
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true
		grid.Add(k)
		grid.Add(v)
	}
	if m.AreaM2 > 0 {
		row("gui.inspector.area", in.t("gui.inspector.area_value", i18n.Args{
			"m2": formatFixed(m.AreaM2, 1), "ha": formatFixed(m.AreaHa, 4), "mu": formatFixed(m.AreaMu, 2)}))
	}
	if m.PerimeterM > 0 {
		key := "gui.inspector.perimeter"
		switch f.Geometry.(type) {
		case orb.LineString, orb.MultiLineString:
			key = "gui.inspector.length"
		}
		row(key, in.t("gui.inspector.metres", i18n.Args{"m": formatFixed(m.PerimeterM, 1)}))
	}
	missing := m.Unreadable != nil || m.Empty // no vertices, no centroid to show
	if in.insp != nil && !missing {
		row("gui.inspector.vertices", formatCount(m.Vertices))
		row("gui.inspector.centroid", fmt.Sprintf("%.7f°E, %.7f°N", m.Centroid[0], m.Centroid[1]))
	}
	if m.GKOK {
		row("gui.inspector.gk", in.t("gui.inspector.gk_value", i18n.Args{
			"x": formatFixed(m.GKNorth, 3), "y": formatFixed(m.GKEast, 3), "y0": formatFixed(m.GKPlainE, 3)}))
	}
	r.box.Add(grid)
	if m.Problem != nil || m.Swapped || missing {
		var msg string
		switch {
		case m.Unreadable != nil:
			msg = in.t("badgeom.inspector.unreadable", i18n.Args{"detail": app.GeometryErrorText(in.lang, m.Unreadable)})
		case m.Empty:
			msg = in.t("badgeom.inspector.empty", nil)
		case m.Swapped:
			msg = in.t("gui.inspector.swapped", nil)
		default:
			msg = in.t("gui.inspector.problem", i18n.Args{"detail": app.GeometryProblemText(in.lang, m.Problem)})
		}
		w := widget.NewLabelWithStyle(msg, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		w.Importance = widget.DangerImportance
		w.Wrapping = fyne.TextWrapWord
		r.box.Add(w)
	}

	// Attributes.
	r.box.Add(heading(in.t("gui.inspector.attributes", nil)))
	if in.errText != "" {
		e := widget.NewLabel(in.errText)
		e.Importance = widget.DangerImportance
		e.Wrapping = fyne.TextWrapWord
		r.box.Add(e)
	}
	same := r.shown != nil && r.shown.Layer == f.Layer && r.shown.ID == f.ID
	if !same || r.entries == nil {
		r.entries = map[string]*widget.Entry{}
	}
	r.shown = f
	attrs := container.New(layout.NewFormLayout())
	submit := func(key string) func(string) {
		return func(v string) {
			if in.onEdit != nil {
				in.onEdit(f, key, v)
			}
		}
	}
	for _, field := range models.EditableFields {
		key := string(field)
		// A status belongs to mines, a kind to sites.
		if field == models.FieldKind && f.Layer != models.LayerSites ||
			field == models.FieldStatus && f.Layer != models.LayerMines && f.Attrs.Status == "" {
			continue
		}
		label := widget.NewLabel(app.FieldLabel(in.lang, key))
		var w fyne.CanvasObject
		switch field {
		case models.FieldStatus:
			if f.Layer == models.LayerMines {
				w = in.choice(statusValues(), "value.status.", string(f.Attrs.Status), submit(key))
			} else {
				// A fire point's state and the like: the source's own words.
				w = r.entry(key, string(f.Attrs.Status), submit(key))
			}
		case models.FieldKind:
			w = in.choice(kindValues(), "value.kind.", string(f.Attrs.Kind), submit(key))
		default:
			w = r.entry(key, fieldValue(f.Attrs, field), submit(key))
		}
		attrs.Add(label)
		attrs.Add(w)
	}
	r.box.Add(attrs)
	// The source's own properties, every one of them.
	props, err := models.Properties(f.Props)
	r.box.Add(heading(in.t("gui.inspector.properties", i18n.Args{"n": len(props)})))
	if err != nil {
		r.box.Add(widget.NewLabel(err.Error()))
	}
	pg := container.New(layout.NewFormLayout())
	for _, p := range props {
		pg.Add(widget.NewLabel(p.Key))
		pg.Add(r.entry("prop:"+p.Key, p.Text, submit(p.Key)))
	}
	r.box.Add(pg)
	// A new property.
	newKey, newVal := widget.NewEntry(), widget.NewEntry()
	newKey.SetPlaceHolder(in.t("gui.inspector.new_key", nil))
	newVal.SetPlaceHolder(in.t("gui.inspector.new_value", nil))
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
		if in.onEdit != nil && newKey.Text != "" {
			in.onEdit(f, newKey.Text, newVal.Text)
		}
	})
	newVal.OnSubmitted = func(string) { add.OnTapped() }
	r.box.Add(container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(2, newKey, newVal)))
	hint := widget.NewLabel(in.t("gui.inspector.hint", nil))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	r.box.Add(hint)
	r.box.Refresh()
}

// entry is a one-line editor submitting with Enter.
func (r *inspectorRenderer) entry(id, value string, onSubmit func(string)) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(value)
	e.OnSubmitted = onSubmit
	if r.in.readOnly {
		e.Disable()
	}
	r.entries[id] = e
	return e
}

// choice is a drop-down of canonical values shown translated.
func (in *inspector) choice(values []string, prefix, current string, onPick func(string)) *widget.Select {
	labels := make([]string, len(values))
	byLabel := map[string]string{}
	for i, v := range values {
		labels[i] = in.t(prefix+v, nil)
		byLabel[labels[i]] = v
	}
	s := widget.NewSelect(labels, nil)
	s.PlaceHolder = in.t("gui.inspector.unset", nil)
	if current != "" {
		s.Selected = in.t(prefix+current, nil)
	}
	s.OnChanged = func(label string) {
		if v := byLabel[label]; v != current {
			onPick(v)
		}
	}
	if in.readOnly {
		s.Disable()
	}
	return s
}

// step shows the previous (-1) or next (+1) selected feature.
func (in *inspector) step(d int) {
	n := len(in.sel)
	if n == 0 {
		return
	}
	i := ((in.current+d)%n + n) % n
	if in.onSelect != nil {
		in.onSelect(i)
	}
}

func fieldValue(a models.Attrs, f models.Field) string {
	switch f {
	case models.FieldName:
		return a.Name
	case models.FieldLicence:
		return a.Licence
	case models.FieldDistrict:
		return a.District
	case models.FieldMineral:
		return a.Mineral
	case models.FieldMethod:
		return a.Method
	}
	return ""
}

func statusValues() []string {
	out := make([]string, len(models.MineStatuses))
	for i, s := range models.MineStatuses {
		out[i] = string(s)
	}
	return out
}

func kindValues() []string {
	out := make([]string, len(models.SiteKinds))
	for i, k := range models.SiteKinds {
		out[i] = string(k)
	}
	return out
}
