package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/models"
)

// File > Import…: choose a GeoJSON or GeoPackage file, pick the layer (or
// let each feature's type decide), see the first features as they would be
// imported with the coordinate system found, import with a progress bar
// that can cancel, and read the result, whose refused features can each be
// clicked to see why. The import is one transaction: cancelled or refused,
// the project is left as it was.

var shortcutImport = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}

// importFilter: what the import reads.
var importFilter = storage.NewExtensionFileFilter([]string{".geojson", ".json", ".geojsonl", ".geojsons", ".jsonl", ".gpkg", ".GEOJSON", ".JSON", ".GPKG"})

// previewRows is how many features the preview reads.
const previewRows = 20

// importLayers are the choices of the layer box, "auto" first.
var importLayers = []string{"auto", models.LayerMines, models.LayerSites, models.LayerFirePoints, models.LayerRoads, models.LayerReference}

// showImportDialog asks for a file, then shows the import options.
func (m *MainWindow) showImportDialog() {
	if m.path == "" || m.busy {
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			m.showError(m.t("gui.error.dialog", nil), err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		m.io.Go(func() { rc.Close() })
		m.showImportOptions(path)
	}, m.win)
	m.setupFileDialog(d, "gui.import.choose")
	d.SetFilter(importFilter)
	d.Show()
}

// importForm is the options dialog's state.
type importForm struct {
	m       *MainWindow
	path    string
	layer   *widget.Select
	kind    *widget.Select
	crs     *widget.Entry
	skip    *widget.Check
	note    *widget.Label
	keys    *widget.Label // the property mapping: which source key filled which field
	table   *widget.Table
	detail  *widget.Label // the selected row's layer and why
	rows    []app.PreviewFeature
	gen     atomic.Uint64
	layerOf map[string]string // label -> layer
	kindOf  map[string]string // label -> kind
}

func (m *MainWindow) showImportOptions(path string) *importForm {
	f := &importForm{m: m, path: path, layerOf: map[string]string{}, kindOf: map[string]string{}}
	var layerLabels []string
	for _, l := range importLayers {
		label := m.t("gui.import.layer_auto", nil)
		if l != "auto" {
			label = layerName(m.lang, l)
		}
		f.layerOf[label] = l
		layerLabels = append(layerLabels, label)
	}
	f.layer = widget.NewSelect(layerLabels, func(string) { f.refresh() })
	f.layer.SetSelectedIndex(0)
	kindLabels := []string{m.t("gui.import.kind_source", nil)}
	f.kindOf[kindLabels[0]] = ""
	for _, k := range models.SiteKinds {
		label := m.t("value.kind."+string(k), nil)
		f.kindOf[label] = string(k)
		kindLabels = append(kindLabels, label)
	}
	f.kind = widget.NewSelect(kindLabels, func(string) { f.refresh() })
	f.kind.SetSelectedIndex(0)
	f.crs = widget.NewEntry()
	f.crs.SetPlaceHolder(m.t("gui.import.crs_auto", nil))
	f.crs.OnSubmitted = func(string) { f.refresh() }
	f.skip = widget.NewCheck(m.t("gui.import.skip_invalid", nil), nil)
	f.note = widget.NewLabel(m.t("gui.import.reading", nil))
	f.note.Wrapping = fyne.TextWrapWord
	f.table = widget.NewTable(func() (int, int) { return len(f.rows) + 1, 6 },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(f.cell(id.Row, id.Col)) })
	for col, w := range []float32{50, 90, 180, 190, 90, 260} {
		f.table.SetColumnWidth(col, w)
	}
	f.keys = widget.NewLabel("")
	f.keys.Wrapping = fyne.TextWrapWord
	f.detail = widget.NewLabel(m.t("gui.import.row_hint", nil))
	f.detail.Wrapping = fyne.TextWrapWord
	f.table.OnSelected = func(id widget.TableCellID) { f.showRow(id.Row) }
	form := widget.NewForm(
		widget.NewFormItem(m.t("gui.import.file", nil), widget.NewLabel(filepath.Base(path))),
		widget.NewFormItem(m.t("gui.import.layer", nil), f.layer),
		widget.NewFormItem(m.t("gui.import.kind", nil), f.kind),
		widget.NewFormItem(m.t("gui.import.crs", nil), f.crs),
		widget.NewFormItem("", f.skip),
	)
	content := container.NewBorder(container.NewVBox(form, f.note, f.keys), f.detail, nil, nil, f.table)
	d := dialog.NewCustomConfirm(m.t("gui.import.title", nil), m.t("gui.import.start", nil), m.t("gui.button.cancel", nil), content, func(ok bool) {
		if ok {
			m.runImport(f.request())
		}
	}, m.win)
	s := m.win.Canvas().Size()
	// 720 high: the mapping and the row line took about 100 of the table's rows.
	d.Resize(fyne.NewSize(fyne.Min(920, s.Width*0.95), fyne.Min(720, s.Height*0.95)))
	d.Show()
	f.refresh()
	return f
}

func (f *importForm) request() app.ImportRequest {
	return app.ImportRequest{Files: []string{f.path}, Layer: f.layerOf[f.layer.Selected], Kind: f.kindOf[f.kind.Selected],
		CRS: strings.TrimSpace(f.crs.Text), SkipInvalid: f.skip.Checked}
}

// refresh reads the preview again for the current options.
func (f *importForm) refresh() {
	if f.note == nil || f.table == nil {
		return // still being built
	}
	gen := f.gen.Add(1)
	req := f.request()
	m := f.m
	f.note.SetText(m.t("gui.import.reading", nil))
	m.previews.Go(func() {
		p, err := app.PreviewImport(m.ctx, req, previewRows)
		m.ui(func() {
			if gen != f.gen.Load() {
				return
			}
			f.table.UnselectAll()
			f.detail.SetText(m.t("gui.import.row_hint", nil))
			if err != nil {
				f.rows = nil
				f.keys.SetText("")
				f.note.SetText(m.t("gui.import.preview_error", i18n.Args{"detail": m.errorText(err)}))
				f.note.Importance = widget.DangerImportance
			} else {
				f.rows = p.Features
				f.note.Importance = widget.MediumImportance
				f.note.SetText(f.describe(p))
				f.keys.SetText(strings.Join(app.MappingLines(m.lang, p.Keys), "\n"))
			}
			f.note.Refresh()
			f.table.Refresh()
		})
	})
}

// describe is the line above the preview: format, CRS and how it was found.
func (f *importForm) describe(p *app.ImportPreview) string {
	m := f.m
	var crsText string
	switch p.File.CRSNote {
	case "detected-gk-zone":
		crsText = m.t("cli.import.crs-detected", i18n.Args{"zone": p.File.Zone, "crs": p.File.CRS})
	case "member":
		crsText = m.t("cli.import.crs-member", i18n.Args{"crs": p.File.CRS})
	case "override":
		crsText = m.t("gui.import.crs_override", i18n.Args{"crs": p.File.CRS})
	default:
		crsText = m.t("gui.import.crs_lonlat", i18n.Args{"crs": p.File.CRS})
	}
	more := ""
	if p.More {
		more = m.t("gui.import.more", nil)
	}
	return m.t("gui.import.preview", i18n.Args{"n": len(p.Features), "more": more, "crs": crsText})
}

// cell is the text of one preview cell; row 0 is the header.
func (f *importForm) cell(row, col int) string {
	m := f.m
	if row == 0 {
		return m.t(fmt.Sprintf("gui.import.col%d", col), nil)
	}
	if row-1 >= len(f.rows) {
		return ""
	}
	r := f.rows[row-1]
	if col == 0 {
		return formatCount(r.Index + 1)
	}
	if r.Err != nil {
		if col == 1 {
			return m.t("gui.import.refused", nil)
		}
		if col == 5 {
			return app.FeatureReason(m.lang, r.Err)
		}
		return ""
	}
	ft := r.Feature
	switch col {
	case 1:
		return layerName(m.lang, ft.Layer)
	case 2:
		return ft.Attrs.Name
	case 3:
		return ft.Attrs.Licence
	case 4:
		if ft.AreaM2 > 0 {
			return formatFixed(measure.Hectares(ft.AreaM2), 2)
		}
	case 5:
		if ft.Attrs.Status != "" {
			return m.t("value.status."+string(ft.Attrs.Status), nil)
		}
		if ft.Attrs.Kind != "" {
			return m.t("value.kind."+string(ft.Attrs.Kind), nil)
		}
	}
	return ""
}

// runImport imports with a progress dialog; Cancel rolls everything back.
func (m *MainWindow) runImport(req app.ImportRequest) {
	bar := widget.NewProgressBar()
	label := widget.NewLabel(m.t("gui.import.running", i18n.Args{"file": filepath.Base(req.Files[0])}))
	ctx, cancel := context.WithCancel(m.ctx)
	var prog *dialog.CustomDialog
	cancelBtn := widget.NewButton(m.t("gui.button.cancel", nil), func() {
		cancel()
		label.SetText(m.t("gui.import.cancelling", nil))
	})
	prog = dialog.NewCustomWithoutButtons(m.t("gui.import.title", nil), container.NewVBox(label, bar, cancelBtn), m.win)
	prog.Resize(fyne.NewSize(460, prog.MinSize().Height))
	prog.Show()
	var last atomic.Int64
	progress := func(done float64) {
		// At most 20 updates a second reach the UI.
		now := time.Now().UnixMilli()
		if now-last.Load() < 50 && done < 1 {
			return
		}
		last.Store(now)
		m.ui(func() { bar.SetValue(done) })
	}
	start := time.Now()
	m.io.Go(func() {
		defer cancel()
		if m.store == nil {
			return
		}
		sum, err := app.Import(ctx, m.store, req, progress)
		var info *models.Info
		if err == nil {
			if in, ierr := m.store.Info(m.ctx); ierr == nil {
				info = &in
			}
		}
		elapsed := time.Since(start)
		m.ui(func() {
			prog.Hide()
			if err != nil {
				m.showError(m.t("gui.import.failed", i18n.Args{"file": filepath.Base(req.Files[0])}), err)
				return
			}
			if info != nil {
				m.info = info
				m.mapView.setInfo(info)
				m.refresh()
				m.dataChanged()
			}
			m.showImportResult(sum, elapsed)
		})
	})
}

// showImportResult says what the import did; each refused feature can be
// clicked to read why.
func (m *MainWindow) showImportResult(sum *app.ImportSummary, elapsed time.Duration) {
	head := widget.NewLabel(m.t("gui.import.result", i18n.Args{"added": formatCount(sum.Added), "updated": formatCount(sum.Updated),
		"unchanged": formatCount(sum.Unchanged), "skipped": formatCount(len(sum.Skipped)), "seconds": fmt.Sprintf("%.1f", elapsed.Seconds())}))
	head.Wrapping = fyne.TextWrapWord
	var per []string
	for _, l := range sum.Layers() {
		per = append(per, layerName(m.lang, l)+" "+formatCount(sum.PerLayer[l]))
	}
	layers := widget.NewLabel(strings.Join(per, " · "))
	content := container.NewVBox(head, layers)
	m.status.show("gui.status.imported", i18n.Args{"added": formatCount(sum.Added), "updated": formatCount(sum.Updated), "skipped": formatCount(len(sum.Skipped))})
	var body fyne.CanvasObject = content
	if n := len(sum.Skipped); n > 0 {
		why := widget.NewLabel(m.t("gui.import.click_reason", nil))
		why.Wrapping = fyne.TextWrapWord
		list := widget.NewList(func() int { return n },
			func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				fe := sum.Skipped[i]
				name := fe.Name
				if name == "" {
					name = fe.ID
				}
				o.(*widget.Label).SetText(m.t("gui.import.skipped_row", i18n.Args{"index": fe.Index + 1, "name": name}))
			})
		list.OnSelected = func(i widget.ListItemID) { why.SetText(m.errorText(sum.Skipped[i])) }
		body = container.NewBorder(container.NewVBox(content, widget.NewLabel(m.t("gui.import.skipped", i18n.Args{"n": formatCount(n)}))),
			why, nil, nil, list)
	}
	d := dialog.NewCustom(m.t("gui.import.done_title", nil), m.t("gui.button.ok", nil), body, m.win)
	h := float32(200)
	if len(sum.Skipped) > 0 {
		h = 460
	}
	d.Resize(fyne.NewSize(fyne.Min(640, m.win.Canvas().Size().Width*0.9), h))
	d.Show()
}
