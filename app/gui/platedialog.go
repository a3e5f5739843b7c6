package gui

import (
	"context"
	"fmt"
	"image"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/plate"
	"minerehab/models"
)

// File > Print plate… (Ctrl+P): the plate's options — template, extent
// (the current view, the whole project, the selected mine, a district),
// paper, orientation, scale, title, title block — with a live preview that
// follows them, and Save as PDF, SVG or PNG. The preview is the same
// drawing as the file, at screen resolution.

var shortcutPlate = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}

// previewDPI draws the preview: an A3 sheet about 660 points wide.
const previewDPI = 40

// plateForm holds the dialog's widgets.
type plateForm struct {
	m                          *MainWindow
	template, extent, paper    *widget.Select
	landscape                  *widget.Check
	scale, title, unit, author *widget.Entry
	checker, number            *widget.Entry
	preview                    *canvas.Image
	note                       *widget.Label
	extents                    []string // extent specs, in the extent box's order
	view                       orb.Bound
	gen                        atomic.Uint64
	lastSpecErr                error
	lastScale                  float64 // the preview's scale denominator (written on m.io, read on the UI after)
}

func (m *MainWindow) showPlateDialog() {
	if m.path == "" || m.busy || !m.mapView.hasView {
		return
	}
	f := &plateForm{m: m, view: m.mapView.view.Bound()}
	names := app.PlateTemplateNames()
	var tlabels []string
	for _, n := range names {
		tlabels = append(tlabels, m.t("gui.plate.template."+n, nil))
	}
	f.template = widget.NewSelect(tlabels, func(string) { f.refresh() })
	// Extents: the view, all, the selected mine or zone, the districts.
	elabels := []string{m.t("gui.plate.extent.view", nil), m.t("gui.plate.extent.all", nil)}
	f.extents = []string{"view", "all"}
	for _, s := range m.selected {
		switch {
		case s.Layer == models.LayerMines && s.Attrs.Licence != "":
			elabels = append(elabels, m.t("gui.plate.extent.mine", i18n.Args{"name": s.Attrs.Name}))
			f.extents = append(f.extents, "mine:"+s.Attrs.Licence)
		case s.Layer == models.LayerZones && s.Attrs.Name != "":
			elabels = append(elabels, m.t("gui.plate.extent.zone", i18n.Args{"name": s.Attrs.Name}))
			f.extents = append(f.extents, "zone:"+s.Attrs.Name)
		}
	}
	f.extent = widget.NewSelect(elabels, func(string) { f.refresh() })
	f.paper = widget.NewSelect(plate.PaperNames, func(string) { f.refresh() })
	f.landscape = widget.NewCheck(m.t("gui.plate.landscape", nil), func(bool) { f.refresh() })
	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.OnSubmitted = func(string) { f.refresh() }
		return e
	}
	f.scale = entry(m.t("gui.plate.scale_fit", nil))
	f.title = entry(m.t("gui.plate.title_default", nil))
	f.unit, f.author, f.checker, f.number = entry(""), entry(""), entry(""), entry("")
	f.preview = canvas.NewImageFromImage(nil)
	f.preview.FillMode = canvas.ImageFillContain
	f.preview.SetMinSize(fyne.NewSize(620, 440))
	f.note = widget.NewLabel("")
	f.note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(m.t("gui.plate.template", nil), f.template),
		widget.NewFormItem(m.t("gui.plate.extent", nil), f.extent),
		widget.NewFormItem(m.t("gui.plate.paper", nil), container.NewHBox(f.paper, f.landscape)),
		widget.NewFormItem(m.t("gui.plate.scale", nil), f.scale),
		widget.NewFormItem(m.t("gui.plate.title", nil), f.title),
		widget.NewFormItem(m.t("gui.plate.unit", nil), f.unit),
		widget.NewFormItem(m.t("gui.plate.author", nil), f.author),
		widget.NewFormItem(m.t("gui.plate.checker", nil), f.checker),
		widget.NewFormItem(m.t("gui.plate.number", nil), f.number),
	)
	update := widget.NewButton(m.t("gui.plate.update", nil), f.refresh)
	left := container.NewBorder(nil, container.NewVBox(update, f.note), nil, nil, form)
	content := container.NewHSplit(left, f.preview)
	content.Offset = 0.36
	d := dialog.NewCustomConfirm(m.t("gui.plate.dialog_title", nil), m.t("gui.plate.save", nil), m.t("gui.button.cancel", nil), content, func(ok bool) {
		if ok {
			f.save()
		}
	}, m.win)
	// Defaults: status map of the current view (or the selected mine), A3
	// landscape, fitted scale.
	f.template.SetSelectedIndex(0)
	f.extent.SetSelectedIndex(min(2, len(f.extents)-1) * boolInt(len(f.extents) > 2))
	f.paper.SetSelected("A3")
	f.landscape.SetChecked(true)
	s := m.win.Canvas().Size()
	d.Resize(fyne.NewSize(fyne.Min(1180, s.Width*0.96), fyne.Min(760, s.Height*0.96)))
	d.Show()
	m.plate = f
	f.refresh()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// options reads the dialog into plate options (without the extent,
// resolved against the store, and the font, loaded off the UI goroutine
// by withFont).
func (f *plateForm) options() (app.PlateOptions, string, error) {
	m := f.m
	opt := app.PlateOptions{Paper: f.paper.Selected, Landscape: f.landscape.Checked, Lang: m.lang,
		Title: strings.TrimSpace(f.title.Text), Date: time.Now(),
		TitleBlock: plate.TitleBlock{Unit: f.unit.Text, Author: f.author.Text, Checker: f.checker.Text, Number: f.number.Text}}
	if sv := m.screen; sv != nil && sv.showBand.Checked && len(sv.band) > 0 && sv.res != nil {
		// The band the screening window shows goes on the plate too.
		opt.Bands = []app.PlateBand{{Geometry: sv.band, Label: app.BandLabel(sv.res, m.lang)}}
	}
	if s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f.scale.Text), "1:")); s != "" {
		n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if err != nil || n <= 0 {
			return opt, "", fmt.Errorf("%s", m.t("gui.plate.bad_scale", i18n.Args{"text": f.scale.Text}))
		}
		opt.Scale = n
	}
	names := app.PlateTemplateNames()
	i := f.template.SelectedIndex()
	if i < 0 {
		i = 0
	}
	t, err := app.LoadPlateTemplate(names[i])
	if err != nil {
		return opt, "", err
	}
	opt.Template = t
	ei := max(0, f.extent.SelectedIndex())
	return opt, f.extents[ei], nil
}

// refresh redraws the preview for the current options.
func (f *plateForm) refresh() {
	if f.preview == nil || f.note == nil || f.paper == nil || f.paper.Selected == "" {
		return
	}
	m := f.m
	gen := f.gen.Add(1)
	opt, spec, err := f.options()
	if err != nil {
		f.note.SetText(m.errorText(err))
		return
	}
	f.note.SetText(m.t("gui.plate.drawing", nil))
	view := f.view
	m.io.Go(func() {
		if m.store == nil || gen != f.gen.Load() {
			return
		}
		var img image.Image
		opt, err := withFont(opt)
		var ext app.PlateExtent
		if err == nil {
			ext, err = app.ResolvePlateExtent(m.ctx, m.store, spec, &view)
		}
		if err == nil {
			opt.Extent = ext
			var ps *plate.Spec
			if ps, err = app.PlateSpec(m.ctx, m.store, opt); err == nil {
				var lay *plate.Layout
				if lay, err = plate.Plan(ps, previewDPI); err == nil {
					img, err = plate.RenderImage(m.ctx, ps, previewDPI)
					if err == nil {
						f.lastScale = lay.Scale
					}
				}
			}
		}
		m.ui(func() {
			if gen != f.gen.Load() {
				return
			}
			f.lastSpecErr = err
			if err != nil {
				f.note.SetText(m.errorText(err))
				return
			}
			f.preview.Image = img
			f.preview.Refresh()
			f.note.SetText(m.t("gui.plate.ready", i18n.Args{"scale": plate.FormatScale(f.lastScale), "paper": opt.Paper}))
		})
	})
}

// saveTo writes the plate to w (named path, whose extension picks the
// format) on the I/O worker and closes w.
func (f *plateForm) saveTo(w io.WriteCloser, path string, opt app.PlateOptions, spec string, view orb.Bound) {
	m := f.m
	format, ok := app.PlateFormatOf(path)
	if !ok {
		format = app.PlatePDF
	}
	m.status.show("gui.plate.saving", i18n.Args{"file": filepath.Base(path)})
	m.io.Go(func() {
		ctx, cancel := context.WithCancel(m.ctx)
		defer cancel()
		opt, err := withFont(opt)
		var ext app.PlateExtent
		if err == nil {
			ext, err = app.ResolvePlateExtent(ctx, m.store, spec, &view)
		}
		if err == nil {
			opt.Extent = ext
			err = app.WritePlate(ctx, m.store, opt, format, 300, w)
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		m.ui(func() {
			if err != nil {
				m.showError(m.t("gui.plate.failed", nil), err)
				return
			}
			m.status.show("gui.plate.saved", i18n.Args{"file": filepath.Base(path)})
		})
	})
}

// save asks where, then writes the plate in the format its name says.
func (f *plateForm) save() {
	m := f.m
	opt, spec, err := f.options()
	if err != nil {
		m.showError(m.t("gui.plate.failed", nil), err)
		return
	}
	view := f.view
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		f.saveTo(wc, wc.URI().Path(), opt, spec, view)
	}, m.win)
	m.setupFileDialog(d, "gui.plate.save")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".svg", ".png"}))
	d.SetFileName(m.t("gui.plate.file_name", nil) + ".pdf")
	d.Show()
}

// withFont gives opt the plate font (read and parsed from disk the first
// time: call it on the I/O worker).
func withFont(opt app.PlateOptions) (app.PlateOptions, error) {
	var err error
	opt.Font, err = app.PlateFont()
	return opt, err
}
