package gui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// Layer styles: visibility, drawing order, opacity, colours, outline width
// and the labelled field of each layer, set in a dialog from the layer
// panel and kept in the project file (models.StyleStore), so a project
// looks the same on every desk.

// loadStyles reads the open project's layer styles; runs on m.io.
func (m *MainWindow) readStyles() []models.LayerStyle {
	ss, ok := m.store.(models.StyleStore)
	if !ok {
		return nil
	}
	styles, err := ss.LayerStyles(m.ctx)
	if err != nil {
		return nil
	}
	return styles
}

// applyStyles makes styles the window's: the map's hidden layers, order
// and symbols, and the layer panel's ticks.
func (m *MainWindow) applyStyles(styles []models.LayerStyle) {
	m.styles = styles
	m.mapView.setStyles(styles, app.HiddenLayers(styles))
	m.layers.setStyles(styles)
}

// saveStyle stores one layer's style and redraws.
func (m *MainWindow) saveStyle(s models.LayerStyle) {
	styles := make([]models.LayerStyle, 0, len(models.Layers))
	found := false
	for _, o := range m.styles {
		if o.Layer == s.Layer {
			o, found = s, true
		}
		styles = append(styles, o)
	}
	if !found {
		styles = append(styles, s)
	}
	m.applyStyles(styles)
	m.io.Go(func() {
		ss, ok := m.store.(models.StyleStore)
		if !ok || m.store == nil {
			return
		}
		if err := ss.SetLayerStyle(m.ctx, s); err != nil {
			m.ui(func() { m.status.show("gui.status.error", i18n.Args{"detail": m.errorText(err)}) })
		}
	})
}

// moveLayer moves a layer one place up (d = +1, drawn later) or down.
func (m *MainWindow) moveLayer(layer string, d int) {
	order := app.LayerOrder(m.styles)
	i := -1
	for k, l := range order {
		if l == layer {
			i = k
		}
	}
	j := i + d
	if i < 0 || j < 0 || j >= len(order) {
		return
	}
	order[i], order[j] = order[j], order[i]
	// Renumber every layer so the stored orders are the new sequence.
	for k, l := range order {
		s := app.StyleOf(m.styles, l)
		if s.Order != k {
			s.Order = k
			m.saveStyle(s)
		}
	}
}

// showLayerStyle is the layer panel's style button.
func (m *MainWindow) showLayerStyle(layer string) {
	s := app.StyleOf(m.styles, layer)
	visible := widget.NewCheck(m.t("gui.style.visible", nil), nil)
	visible.SetChecked(s.Visible)
	opacity := widget.NewSlider(0, 100)
	opacity.Step = 5
	opacity.SetValue(s.Opacity * 100)
	opLabel := widget.NewLabel("")
	setOp := func(v float64) { opLabel.SetText(fmt.Sprintf("%.0f%%", v)) }
	setOp(opacity.Value)
	opacity.OnChanged = setOp

	fill, stroke := s.Fill, s.Stroke
	def := app.LayerColor(layer)
	fillBtn := m.colourButton(&fill, def, "gui.style.fill")
	strokeBtn := m.colourButton(&stroke, def, "gui.style.stroke")

	widths := []string{m.t("gui.style.default", nil), "0.5", "1", "1.5", "2", "3", "4", "6"}
	width := widget.NewSelect(widths, nil)
	width.SetSelectedIndex(0)
	for i, w := range widths[1:] {
		if fmt.Sprint(s.StrokePx) == w {
			width.SetSelectedIndex(i + 1)
		}
	}
	labelVals := append([]string{"default"}, app.LabelFields...)
	var labelNames []string
	for _, v := range labelVals {
		switch v {
		case "default":
			labelNames = append(labelNames, m.t("gui.style.default", nil))
		case "":
			labelNames = append(labelNames, m.t("gui.style.no_labels", nil))
		default:
			labelNames = append(labelNames, app.FieldLabel(m.lang, v))
		}
	}
	label := widget.NewSelect(labelNames, nil)
	label.SetSelectedIndex(0)
	if s.LabelField != nil {
		for i, v := range labelVals {
			if v == *s.LabelField && i > 0 {
				label.SetSelectedIndex(i)
			}
		}
	}
	up := widget.NewButton(m.t("gui.style.up", nil), func() { m.moveLayer(layer, +1) })
	down := widget.NewButton(m.t("gui.style.down", nil), func() { m.moveLayer(layer, -1) })
	items := []*widget.FormItem{
		widget.NewFormItem("", visible),
		widget.NewFormItem(m.t("gui.style.opacity", nil), container.NewBorder(nil, nil, nil, opLabel, opacity)),
		widget.NewFormItem(m.t("gui.style.fill", nil), fillBtn),
		widget.NewFormItem(m.t("gui.style.stroke", nil), strokeBtn),
		widget.NewFormItem(m.t("gui.style.width", nil), width),
		widget.NewFormItem(m.t("gui.style.label", nil), label),
		widget.NewFormItem(m.t("gui.style.order", nil), container.NewHBox(up, down)),
	}
	d := dialog.NewForm(m.t("gui.style.title", i18n.Args{"layer": layerName(m.lang, layer)}), m.t("gui.button.ok", nil), m.t("gui.button.cancel", nil), items, func(ok bool) {
		if !ok {
			return
		}
		ns := app.StyleOf(m.styles, layer) // the order may have moved meanwhile
		ns.Visible = visible.Checked
		ns.Opacity = opacity.Value / 100
		ns.Fill, ns.Stroke = fill, stroke
		ns.StrokePx = 0
		if i := width.SelectedIndex(); i > 0 {
			fmt.Sscan(widths[i], &ns.StrokePx)
		}
		ns.LabelField = nil
		if i := label.SelectedIndex(); i > 0 {
			v := labelVals[i]
			ns.LabelField = &v
		}
		m.saveStyle(ns)
	}, m.win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
}

// colourButton shows a colour (or "default") and opens a picker; c is set
// to the picked colour, or nil by the reset button.
func (m *MainWindow) colourButton(c **color.NRGBA, def color.NRGBA, titleKey string) fyne.CanvasObject {
	swatch := canvas.NewRectangle(def)
	swatch.SetMinSize(fyne.NewSize(36, 20))
	swatch.StrokeWidth, swatch.StrokeColor = 1, color.NRGBA{0x80, 0x80, 0x80, 0xff}
	text := widget.NewLabel("")
	show := func() {
		if *c == nil {
			swatch.FillColor = def
			text.SetText(m.t("gui.style.default", nil))
		} else {
			swatch.FillColor = **c
			text.SetText(models.FormatColor(**c))
		}
		swatch.Refresh()
	}
	show()
	pick := widget.NewButton(m.t("gui.style.pick", nil), func() {
		p := dialog.NewColorPicker(m.t(titleKey, nil), "", func(col color.Color) {
			n := color.NRGBAModel.Convert(col).(color.NRGBA)
			*c = &n
			show()
		}, m.win)
		p.Advanced = true
		if *c != nil {
			p.SetColor(**c)
		} else {
			p.SetColor(def)
		}
		p.Show()
	})
	reset := widget.NewButton(m.t("gui.style.reset", nil), func() { *c = nil; show() })
	return container.NewHBox(swatch, text, pick, reset)
}
