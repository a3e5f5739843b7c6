package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/models"
)

// Tools > Polygon from corner coordinates…: paste or type licence corner
// coordinates (拐点坐标) — lines of "point, X, Y" in CGCS2000 GK (with or
// without the zone prefix) or lon/lat, or a whole 界址点 file — see the
// parsed parcels on the map before saving, with every unreadable line
// named, and save them into a layer as one edit. The source coordinates
// are kept exactly beside the lon/lat geometry.

// cornersMaxText bounds the text the box takes (1 MB pasted by mistake is
// refused at once).
const cornersMaxText = 2 << 20

func (m *MainWindow) showCornersDialog() {
	if m.path == "" || m.busy {
		return
	}
	text := widget.NewMultiLineEntry()
	text.SetPlaceHolder("[地块坐标]\nJ1,1,4391234.567,36432100.123\nJ2,1,4391234.567,36432600.123\n…")
	text.SetMinRowsVisible(12)
	layers := []string{models.LayerMines, models.LayerZones, models.LayerPlanUnits, models.LayerSites, models.LayerReference}
	var names []string
	for _, l := range layers {
		names = append(names, layerName(m.lang, l))
	}
	layer := widget.NewSelect(names, nil)
	layer.SetSelectedIndex(0)
	zone := widget.NewEntry()
	zone.SetText("EPSG:4545")
	result := widget.NewLabel(m.t("gui.corners.hint", nil))
	result.Wrapping = fyne.TextWrapWord
	var preview *app.CornerPreview
	parse := func() {
		m.mapView.setWarnings(nil)
		preview = nil
		if len(text.Text) > cornersMaxText {
			result.SetText(m.t("gui.corners.too_big", i18n.Args{"mb": cornersMaxText >> 20}))
			return
		}
		epsg := 0
		if z := strings.TrimSpace(zone.Text); z != "" {
			fmt.Sscanf(strings.TrimPrefix(strings.ToUpper(z), "EPSG:"), "%d", &epsg)
		}
		p, err := app.ParseCornerText(text.Text, epsg)
		preview = p
		var lines []string
		if p != nil {
			for _, w := range p.Warnings {
				lines = append(lines, app.CornerWarningMessage(m.lang, w))
			}
			for _, e := range p.Errors {
				lines = append(lines, app.CornerMessage(m.lang, e))
			}
		}
		if err != nil && (p == nil || len(p.Errors) == 0) {
			lines = append(lines, m.errorText(err))
		}
		if p != nil && len(p.Parcels) > 0 {
			area := measure.Area(p.Geometry)
			head := m.t("gui.corners.parsed", i18n.Args{"n": len(p.Parcels), "epsg": p.EPSG, "ha": formatFixed(measure.Hectares(area), 4),
				"mu": formatFixed(measure.Mu(area), 2)})
			lines = append([]string{head}, lines...)
			// Show the parcels on the map, hatched, and bring them into view.
			var gs []orb.Geometry
			for _, pc := range p.Parcels {
				gs = append(gs, pc.Geometry)
			}
			m.mapView.setWarnings(gs)
			m.mapView.zoomToBound(padBound(p.Geometry.Bound(), 100))
		}
		result.SetText(strings.Join(lines, "\n"))
	}
	check := widget.NewButton(m.t("gui.corners.check", nil), parse)
	// With one polygon selected, its geometry can be replaced instead.
	var target *models.Feature
	replace := widget.NewCheck("", nil)
	replace.Hide()
	if len(m.selected) == 1 && isPolygon(m.selected[0]) {
		target = m.selected[0]
		replace.Text = m.t("gui.corners.replace", i18n.Args{"name": displayName(target)})
		replace.Show()
	}
	items := container.NewBorder(
		container.NewVBox(widget.NewLabel(m.t("gui.corners.paste", nil))),
		container.NewVBox(
			widget.NewForm(widget.NewFormItem(m.t("gui.corners.layer", nil), layer), widget.NewFormItem(m.t("gui.corners.crs", nil), zone)),
			replace, check, container.NewVScroll(result)),
		nil, nil, text)
	d := dialog.NewCustomConfirm(m.t("gui.corners.title", nil), m.t("gui.draw.save", nil), m.t("gui.button.cancel", nil), items, func(ok bool) {
		m.mapView.setWarnings(nil)
		if !ok {
			return
		}
		parse()
		if preview == nil || !preview.OK() {
			m.showMessage(m.t("gui.corners.title", nil), theme.WarningIcon(), m.t("gui.corners.not_saved", nil), result.Text)
			return
		}
		lay := layers[layer.SelectedIndex()]
		if replace.Checked && target != nil {
			lay = target.Layer
		}
		fs, err := preview.Features(lay)
		if err != nil {
			m.showError(m.t("gui.corners.not_saved", nil), err)
			return
		}
		if replace.Checked && target != nil {
			if len(fs) != 1 {
				m.showMessage(m.t("gui.corners.title", nil), theme.WarningIcon(), m.t("gui.corners.not_saved", nil), m.t("gui.corners.one_parcel", i18n.Args{"n": len(fs)}))
				return
			}
			m.replaceFromCorners(target, fs[0])
			return
		}
		m.addFeatures(fs)
	}, m.win)
	s := m.win.Canvas().Size()
	d.Resize(fyne.NewSize(fyne.Min(760, s.Width*0.95), fyne.Min(700, s.Height*0.95)))
	d.Show()
	m.cornersParse, m.cornersText, m.cornersReplace = parse, text, replace
	m.cornersSave = d.Confirm
}

// replaceFromCorners gives the target the parsed parcel's geometry.
func (m *MainWindow) replaceFromCorners(target, parcel *models.Feature) {
	m.runEdit(func() ([]*models.Feature, error) {
		got, err := app.ReplaceFromCorners(m.ctx, m.store, target, parcel)
		return []*models.Feature{got}, err
	}, nil, func(got []*models.Feature) {
		m.setSelection(got, 0)
		m.status.show("gui.status.vertices_saved", nil)
	})
}

// displayName names a feature for the planner: its name, licence or fid.
func displayName(f *models.Feature) string {
	switch {
	case f.Attrs.Name != "":
		return f.Attrs.Name
	case f.Attrs.Licence != "":
		return f.Attrs.Licence
	}
	return fmt.Sprintf("#%d", f.ID)
}

// addFeatures stores new features as one edit and selects them.
func (m *MainWindow) addFeatures(fs []*models.Feature) {
	m.runEdit(func() ([]*models.Feature, error) { return app.AddFeatures(m.ctx, m.store, fs) }, nil, func(got []*models.Feature) {
		m.setSelection(got, 0)
		m.zoomToSelection()
		m.status.show("gui.status.added_n", i18n.Args{"n": len(got)})
	})
}
