package gui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// layerPanel lists every layer of the project with a check box that shows
// or hides it on the map, its symbol, its feature count and, for polygon
// layers with features, their total area in hectares and 亩, and a button
// that zooms the map to it.
type layerPanel struct {
	widget.BaseWidget
	lang i18n.Lang
	info *models.Info // nil when no project is open

	styles []models.LayerStyle // order and visibility; nil: defaults

	onVisible func(layer string, visible bool)
	onZoom    func(layer string)
	onStyle   func(layer string)
}

// setStyles shows the layers in the styles' drawing order (top first) and
// ticks the visible ones.
func (p *layerPanel) setStyles(styles []models.LayerStyle) {
	p.styles = styles
	p.Refresh()
}

func newLayerPanel(l i18n.Lang) *layerPanel {
	p := &layerPanel{lang: l}
	p.ExtendBaseWidget(p)
	return p
}

// set changes what the panel shows; call on the UI goroutine.
func (p *layerPanel) set(l i18n.Lang, info *models.Info) {
	p.lang, p.info = l, info
	p.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (p *layerPanel) CreateRenderer() fyne.WidgetRenderer {
	r := &layerPanelRenderer{p: p}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.countHead = widget.NewLabel("")
	r.countHead.Alignment = fyne.TextAlignTrailing
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, r.countHead, r.title), widget.NewSeparator()}
	r.head = rows
	for _, d := range panelLayers() {
		r.rows = append(r.rows, newLayerRow(d, r.p))
	}
	r.list = container.New(layout.NewCustomPaddedVBoxLayout(0), rows...)
	r.root = container.NewVScroll(r.list)
	r.update()
	return r
}

type layerPanelRenderer struct {
	p         *layerPanel
	title     *widget.Label
	countHead *widget.Label
	head      []fyne.CanvasObject // title row and separator
	rows      []*layerRow
	list      *fyne.Container
	order     string // the row order shown, to rebuild the list only when it changes
	root      *container.Scroll
}

func (r *layerPanelRenderer) Layout(s fyne.Size)           { r.root.Resize(s) }
func (r *layerPanelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }
func (r *layerPanelRenderer) Destroy()                     {}

// Refresh updates the rows; each label, check and button refreshes itself
// when it changes (a theme change reaches every object without us).
func (r *layerPanelRenderer) Refresh() {
	r.update()
}

// MinSize is as wide as the widest row, so no layer name is ever cut off.
func (r *layerPanelRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.root.Content.MinSize().Width, r.root.MinSize().Height)
}

// update fills the labels from the widget's fields (no I/O here).
func (r *layerPanelRenderer) update() {
	l := r.p.lang
	setLabel(r.title, i18n.T(l, "gui.layers.title", nil))
	setLabel(r.countHead, i18n.T(l, "gui.layers.count", nil))
	// Rows top layer first, in the styles' drawing order.
	byName := map[string]*layerRow{}
	for _, row := range r.rows {
		row.update(l, r.p.info)
		byName[row.def.Name] = row
		row.visible.SetChecked(app.StyleOf(r.p.styles, row.def.Name).Visible)
	}
	order := app.LayerOrder(r.p.styles)
	key := strings.Join(order, ",")
	if key != r.order {
		r.order = key
		objs := append([]fyne.CanvasObject(nil), r.head...)
		for i := len(order) - 1; i >= 0; i-- {
			objs = append(objs, byName[order[i]].box)
		}
		// Laid out and repainted, not refreshed: refreshing the container
		// refreshes every row, and each row's buttons re-read their icons.
		r.list.Objects = objs
		r.list.Layout.Layout(objs, r.list.Size())
		canvas.Refresh(r.list)
	}
}

// layerRow is one layer: visibility, swatch, name, count, (polygons)
// area, zoom to the layer.
type layerRow struct {
	def         models.LayerDef
	visible     *widget.Check
	name, count *widget.Label
	area        *widget.Label
	zoom, style *widget.Button
	box         *fyne.Container
}

func newLayerRow(d models.LayerDef, p *layerPanel) *layerRow {
	row := &layerRow{def: d, name: widget.NewLabel(""), count: widget.NewLabel(""), area: widget.NewLabel("")}
	row.visible = widget.NewCheck("", func(on bool) {
		if p.onVisible != nil {
			p.onVisible(d.Name, on)
		}
	})
	row.visible.SetChecked(true)
	row.zoom = widget.NewButtonWithIcon("", theme.ZoomFitIcon(), func() {
		if p.onZoom != nil {
			p.onZoom(d.Name)
		}
	})
	row.zoom.Importance = widget.LowImportance
	row.style = widget.NewButtonWithIcon("", theme.ColorPaletteIcon(), func() {
		if p.onStyle != nil {
			p.onStyle(d.Name)
		}
	})
	row.style.Importance = widget.LowImportance
	row.count.Alignment = fyne.TextAlignTrailing
	row.count.TextStyle.Bold = true
	row.area.SizeName = theme.SizeNameCaptionText
	text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), row.name, row.area)
	row.box = container.NewBorder(nil, nil,
		container.NewHBox(container.NewCenter(row.visible), container.NewCenter(swatch(d))),
		container.NewHBox(container.NewCenter(row.count), container.NewCenter(row.zoom), container.NewCenter(row.style)), text)
	return row
}

func (row *layerRow) update(l i18n.Lang, info *models.Info) {
	setLabel(row.name, layerName(l, row.def.Name))
	li, ok := layerInfo(info, row.def.Name)
	if !ok || li.Count == 0 {
		row.zoom.Disable()
	} else {
		row.zoom.Enable()
	}
	if info == nil {
		row.visible.Disable()
		row.style.Disable()
	} else {
		row.visible.Enable()
		row.style.Enable()
	}
	if !ok {
		setLabel(row.count, "–")
		setImportance(row.count, widget.LowImportance)
		row.area.Hide()
		return
	}
	imp := widget.MediumImportance
	if li.Count == 0 {
		imp = widget.LowImportance
	}
	setImportance(row.count, imp)
	setLabel(row.count, formatCount(li.Count))
	if isPolygonal(row.def) && li.Count > 0 {
		setLabel(row.area, areaText(l, li.AreaM2))
		row.area.Show()
	} else {
		row.area.Hide()
	}
}

// swatch is a small symbol of the layer's geometry: a filled square for
// polygons, a stroke for lines, a dot for points.
func swatch(d models.LayerDef) fyne.CanvasObject {
	c := app.LayerColor(d.Name)
	size := fyne.NewSize(16, 16)
	frame := canvas.NewRectangle(color.Transparent)
	frame.SetMinSize(size)
	var mark fyne.CanvasObject
	switch d.Geometry {
	case models.KindMultiPolygon:
		r := canvas.NewRectangle(withAlpha(c, 0x80))
		r.StrokeColor = c
		r.StrokeWidth = 1.5
		r.CornerRadius = 2
		mark = r
	case models.KindMultiLineString:
		ln := canvas.NewLine(c)
		ln.StrokeWidth = 2.5
		ln.Position1 = fyne.NewPos(1, size.Height-3)
		ln.Position2 = fyne.NewPos(size.Width-1, 3)
		return container.NewWithoutLayout(frame, ln)
	case models.KindPoint:
		circ := canvas.NewCircle(c)
		circ.StrokeColor = withAlpha(c, 0xff)
		mark = container.New(layout.NewCustomPaddedLayout(3, 3, 3, 3), circ)
	default:
		r := canvas.NewRectangle(color.Transparent)
		r.StrokeColor = c
		r.StrokeWidth = 1.5
		r.CornerRadius = 2
		mark = r
	}
	return container.NewStack(frame, mark)
}
