package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"minerehab/app/i18n"
	"minerehab/gis/basemap"
)

// View > Basemap…: an optional offline raster under the map — an MBTiles
// or PMTiles file, or an XYZ tile folder the planner points to. Nothing
// is fetched from the network. The choice is remembered per project in
// the user's preferences (a path on this machine, not in the project).

const (
	prefBasemapPre = "basemap:"         // + project path: the tiles' path
	prefBasemapOp  = "basemap_opacity:" // + project path
)

// showBasemapDialog chooses, changes or removes the basemap.
func (m *MainWindow) showBasemapDialog() {
	if m.path == "" || m.busy {
		return
	}
	p := m.app.Preferences()
	current := p.String(prefBasemapPre + m.path)
	path := widget.NewLabel(current)
	if current == "" {
		path.SetText(m.t("gui.basemap.none", nil))
	}
	path.Wrapping = fyne.TextWrapBreak
	op := widget.NewSlider(10, 100)
	op.Step = 5
	op.SetValue(100 * p.FloatWithFallback(prefBasemapOp+m.path, 1))
	chosen := current
	file := widget.NewButton(m.t("gui.basemap.file", nil), func() {
		d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
			if err != nil || rc == nil {
				return
			}
			chosen = rc.URI().Path()
			rc.Close()
			path.SetText(chosen)
		}, m.win)
		m.setupFileDialog(d, "gui.basemap.choose")
		d.SetFilter(nil)
		d.Show()
	})
	folder := widget.NewButton(m.t("gui.basemap.folder", nil), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil || u == nil {
				return
			}
			chosen = u.Path()
			path.SetText(chosen)
		}, m.win)
		d.Show()
	})
	none := widget.NewButton(m.t("gui.basemap.remove", nil), func() { chosen = ""; path.SetText(m.t("gui.basemap.none", nil)) })
	items := []*widget.FormItem{
		widget.NewFormItem(m.t("gui.basemap.current", nil), path),
		widget.NewFormItem("", container.NewHBox(file, folder, none)),
		widget.NewFormItem(m.t("gui.basemap.opacity", nil), op),
	}
	dialog.ShowForm(m.t("gui.basemap.title", nil), m.t("gui.button.ok", nil), m.t("gui.button.cancel", nil), items, func(ok bool) {
		if !ok {
			return
		}
		p.SetString(prefBasemapPre+m.path, chosen)
		p.SetFloat(prefBasemapOp+m.path, op.Value/100)
		m.loadBasemap()
	}, m.win)
}

// loadBasemap opens the open project's remembered basemap (or none) and
// redraws.
func (m *MainWindow) loadBasemap() {
	path := m.app.Preferences().String(prefBasemapPre + m.path)
	op := m.app.Preferences().FloatWithFallback(prefBasemapOp+m.path, 1)
	old := m.mapView.basemap
	if path == "" {
		m.mapView.setBasemap(nil, 1)
		closeBasemap(old)
		return
	}
	m.io.Go(func() {
		src, err := basemap.Open(path)
		m.ui(func() {
			if err != nil {
				m.status.show("gui.status.error", i18n.Args{"detail": m.errorText(err)})
				return
			}
			m.mapView.setBasemap(src, op)
			closeBasemap(old)
			m.status.show("gui.status.basemap", i18n.Args{"name": src.Name()})
		})
	})
}

func closeBasemap(s basemap.Source) {
	if s != nil {
		// Frames still drawing hold it: let them finish first.
		go func() { s.Close() }()
	}
}

// setBasemap draws src under the map (nil: none).
// Setting what is already there (no basemap, as every project opens)
// leaves the frame in flight alone.
func (m *mapView) setBasemap(src basemap.Source, opacity float64) {
	if src == m.basemap && (src == nil || opacity == m.basemapOp) {
		m.basemapOp = opacity
		return
	}
	m.basemap, m.basemapOp = src, opacity
	m.requestRender()
}
