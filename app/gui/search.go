package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/coord"
	"minerehab/models"
)

// Search by name or licence (the toolbar's box, Ctrl+F) and "go to
// coordinate" (Ctrl+G).

// searchLimit bounds the results listed.
const searchLimit = 30

// gotoZone is the GK zone of eastings typed without a zone prefix: Wuhai
// lies in CGCS2000 3° zone 36.
const gotoZone = 36

// gotoMaxScale: going to a coordinate from further out than this zooms in
// to it, 1:N.
const gotoMaxScale = 25000

// focusSearch puts the keyboard in the search box.
func (m *MainWindow) focusSearch() {
	if m.path == "" {
		return
	}
	m.win.Canvas().Focus(m.toolbar.search)
}

// search runs a search and shows the results: one hit is selected and
// shown at once; several are listed under the box to pick from.
func (m *MainWindow) search(text string) {
	if m.path == "" || m.busy {
		return
	}
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		s, ok := m.store.(models.Searcher)
		if !ok {
			return
		}
		fs, err := s.Search(m.ctx, text, searchLimit)
		m.ui(func() {
			switch {
			case err != nil:
				m.status.show("gui.status.error", i18n.Args{"detail": m.errorText(err)})
			case len(fs) == 0:
				m.status.show("gui.status.search_none", i18n.Args{"text": text})
			case len(fs) == 1:
				m.showFound(fs[0])
			default:
				m.status.show("gui.status.search_n", i18n.Args{"n": len(fs), "text": text})
				m.showSearchResults(fs)
			}
		})
	})
}

// showFound selects f and zooms to it.
func (m *MainWindow) showFound(f *models.Feature) {
	m.setSelection([]*models.Feature{f}, 0)
	m.zoomToSelection()
}

// searchResultText is one line of the result list.
func (m *MainWindow) searchResultText(f *models.Feature) string {
	name := f.Attrs.Name
	if name == "" {
		name = fmt.Sprintf("#%d", f.ID)
	}
	if f.Attrs.Licence != "" {
		name += "  ·  " + f.Attrs.Licence
	}
	return name + "  (" + layerName(m.lang, f.Layer) + ")"
}

// showSearchResults lists results in a pop-up menu under the search box.
func (m *MainWindow) showSearchResults(fs []*models.Feature) {
	var items []*fyne.MenuItem
	for _, f := range fs {
		items = append(items, fyne.NewMenuItem(m.searchResultText(f), func() { m.showFound(f) }))
	}
	box := m.toolbar.search
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(box).Add(fyne.NewPos(0, box.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), m.win.Canvas(), pos)
}

// showGoTo asks for a coordinate and centres the map on it with a mark.
func (m *MainWindow) showGoTo() {
	if m.path == "" || m.busy || !m.mapView.hasView {
		return
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder("106.8125, 39.6625  ·  106°48′45″E 39°39′45″N  ·  4391234.5, 36432100.2")
	entry.Validator = func(s string) error {
		if _, err := coord.Parse(s, gotoZone); err != nil {
			return fmt.Errorf("%s", m.errorText(err))
		}
		return nil
	}
	help := widget.NewLabel(m.t("gui.goto.help", nil))
	help.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(m.t("gui.goto.label", nil), entry),
		widget.NewFormItem("", help),
	}
	d := dialog.NewForm(m.t("gui.goto.title", nil), m.t("gui.goto.go", nil), m.t("gui.button.cancel", nil), items, func(ok bool) {
		if !ok {
			return
		}
		r, err := coord.Parse(entry.Text, gotoZone)
		if err != nil {
			return
		}
		m.goTo(r)
	}, m.win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
	m.win.Canvas().Focus(entry)
}

// goTo centres the map on a parsed coordinate and marks it.
func (m *MainWindow) goTo(r coord.Result) {
	p := r.Point
	m.mapView.centreOn(p, gotoMaxScale)
	m.mapView.setMark(&p)
	m.status.show("gui.status.goto", i18n.Args{"lon": fmt.Sprintf("%.7f", p[0]), "lat": fmt.Sprintf("%.7f", p[1]),
		"how": m.t("gui.goto.kind."+r.Kind.String(), nil)})
}

// centreOn moves the map's centre to p, zooming in to 1:maxScale when the
// map is further out.
func (m *mapView) centreOn(p orb.Point, maxScale float64) {
	if !m.hasView {
		return
	}
	v := m.view
	v.MetresPerPixel = v.GroundMetresPerPixel()
	v.Center, v.ScaleLat = p, 0
	if app.ScaleDenominator(v) > maxScale {
		v.MetresPerPixel = clampMPP(app.MetresPerPixelForScale(maxScale))
	}
	m.navigate(v, navJump)
}
