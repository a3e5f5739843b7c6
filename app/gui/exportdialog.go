package gui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
)

// File > Export layer…: one layer as GeoJSON (RFC 7946, the original
// properties byte for byte) or CSV (attributes, areas in m², ha and 亩,
// centroid, WKT), as `minerehab export` writes them.

func (m *MainWindow) showExportDialog() {
	if m.path == "" || m.busy {
		return
	}
	byLabel := map[string]string{}
	var labels []string
	for _, d := range panelLayers() {
		l := layerName(m.lang, d.Name)
		if li, ok := layerInfo(m.info, d.Name); ok {
			l += "  (" + formatCount(li.Count) + ")"
		}
		byLabel[l] = d.Name
		labels = append(labels, l)
	}
	layer := widget.NewSelect(labels, nil)
	layer.SetSelectedIndex(0)
	for i, d := range panelLayers() {
		if len(m.selected) > 0 && m.selected[0].Layer == d.Name {
			layer.SetSelectedIndex(i)
		}
	}
	format := widget.NewRadioGroup([]string{"GeoJSON", "CSV"}, nil)
	format.Horizontal = true
	format.SetSelected("GeoJSON")
	items := []*widget.FormItem{
		widget.NewFormItem(m.t("gui.export.layer", nil), layer),
		widget.NewFormItem(m.t("gui.export.format", nil), format),
	}
	dialog.ShowForm(m.t("gui.export.title", nil), m.t("gui.export.choose", nil), m.t("gui.button.cancel", nil), items, func(ok bool) {
		if ok {
			m.chooseExportFile(byLabel[layer.Selected], strings.ToLower(format.Selected))
		}
	}, m.win)
}

func (m *MainWindow) chooseExportFile(layer, format string) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			m.showError(m.t("gui.error.dialog", nil), err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		m.io.Go(func() {
			if m.store == nil {
				wc.Close()
				return
			}
			var n int
			var err error
			if format == "csv" {
				n, err = app.ExportCSV(m.ctx, m.store, layer, wc)
			} else {
				n, err = app.ExportGeoJSON(m.ctx, m.store, layer, wc)
			}
			if cerr := wc.Close(); err == nil && cerr != nil {
				err = cerr
			}
			m.ui(func() {
				if err != nil {
					m.showError(m.t("gui.export.failed", i18n.Args{"file": filepath.Base(path)}), err)
					return
				}
				m.status.show("gui.status.exported", i18n.Args{"n": formatCount(n), "file": filepath.Base(path)})
			})
		})
	}, m.win)
	ext := ".geojson"
	if format == "csv" {
		ext = ".csv"
	}
	m.setupFileDialog(d, "gui.export.save")
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.SetFileName(layer + ext)
	d.Show()
}
