package gui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // thumbnails are JPEG
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The survey form's photos: those stored with the record and those picked
// since (stored when the form is saved), each as a thumbnail with what its
// EXIF said: when it was taken and where, or that it has no GPS position.

// maxPhotoFile is the largest file read as a photo at all; larger files
// are refused before reading (a 200 MB photo is read and stored
// downscaled).
const maxPhotoFile = 512 << 20

// photoItem is one photo of the strip.
type photoItem struct {
	name     string
	thumb    image.Image
	taken    *time.Time
	lon, lat *float64
	w, h     int
	pending  *models.PhotoData // picked, not stored yet; nil when stored
	scaled   bool              // stored downscaled
}

// photoStrip lists the photos and adds new ones from files.
type photoStrip struct {
	f      *surveyForm
	stored []photoItem
	added  []photoItem
	row    *fyne.Container // the thumbnails
	msg    *widget.Label
	box    fyne.CanvasObject
}

func newPhotoStrip(f *surveyForm) *photoStrip {
	p := &photoStrip{f: f, row: container.NewGridWrap(photoThumbSize), msg: widget.NewLabel("")}
	p.msg.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(f.t("surveyform.photo.add", nil), theme.ContentAddIcon(), p.pick)
	title := widget.NewLabelWithStyle(f.t("surveyform.field.photos", nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(f.t("surveyform.photo.hint", nil))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	// Two thumbnails side by side.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(2*photoThumbSize.Width+3*theme.Padding(), 0))
	top := container.NewVBox(width, container.NewBorder(nil, nil, title, add), hint, p.msg)
	p.box = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.row))
	p.rebuild()
	return p
}

// pick asks for a photo file.
func (p *photoStrip) pick() {
	m := p.f.su.m
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.addFile(path)
	}, m.win)
	m.setupFileDialogIn(d, m.win, storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png", ".JPG", ".JPEG", ".PNG"}), "surveyform.photo.open")
	d.Show()
}

// addFile reads and checks a photo off the UI goroutine (decoding and
// downscaling a large photo takes a while); a file that is not a photo, or
// is too large, is said in the strip.
func (p *photoStrip) addFile(path string) {
	m := p.f.su.m
	p.setMessage(m.t("surveyform.photo.reading", i18n.Args{"file": filepath.Base(path)}), false)
	m.previews.Go(func() {
		it, err := preparePhotoFile(path)
		m.ui(func() {
			if err != nil {
				p.setMessage(m.errorText(err), true)
				return
			}
			p.added = append(p.added, it)
			msg := ""
			if it.scaled {
				msg = m.t("surveyform.photo.scaled", i18n.Args{"file": it.name, "w": it.w, "h": it.h})
			}
			p.setMessage(msg, false)
			p.rebuild()
		})
	})
}

// preparePhotoFile reads a photo file and prepares it for storing.
func preparePhotoFile(path string) (photoItem, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return photoItem{}, &app.FileError{File: path, Code: "missing-file", Err: err}
	}
	if fi.Size() > maxPhotoFile {
		return photoItem{}, &models.SurveyError{Code: models.CodePhotoTooLarge, Value: filepath.Base(path)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return photoItem{}, &app.FileError{File: path, Code: "missing-file", Err: err}
	}
	pd, err := app.PreparePhoto("", path, data, false)
	if err != nil {
		return photoItem{}, err
	}
	it := itemOf(pd.Photo, pd.Thumb)
	it.pending = pd
	it.scaled = &pd.Image[0] != &data[0]
	return it, nil
}

func itemOf(ph models.SurveyPhoto, thumb []byte) photoItem {
	it := photoItem{name: ph.FileName, taken: ph.TakenAt, lon: ph.Lon, lat: ph.Lat, w: ph.Width, h: ph.Height}
	if img, _, err := image.Decode(bytes.NewReader(thumb)); err == nil {
		it.thumb = img
	}
	return it
}

// readPhotoItems reads a record's stored photos and thumbnails; runs on m.io.
func readPhotoItems(m *MainWindow, uid string) ([]photoItem, error) {
	ps, err := app.SurveyPhotos(m.ctx, m.store, uid)
	if err != nil {
		return nil, err
	}
	out := make([]photoItem, 0, len(ps))
	for _, ph := range ps {
		th, _ := app.SurveyPhotoThumb(m.ctx, m.store, ph.UID)
		out = append(out, itemOf(ph, th))
	}
	return out, nil
}

func (p *photoStrip) setStored(items []photoItem) {
	p.stored = items
	p.rebuild()
}

// setMessage says something about the last file picked (an error in red).
func (p *photoStrip) setMessage(s string, isErr bool) {
	p.msg.Importance = widget.MediumImportance
	if isErr {
		p.msg.Importance = widget.DangerImportance
	}
	p.msg.SetText(s)
}

// pendingData is what Save stores: the photos picked since the form opened.
func (p *photoStrip) pendingData() []*models.PhotoData {
	var out []*models.PhotoData
	for _, it := range p.added {
		out = append(out, it.pending)
	}
	return out
}

func (p *photoStrip) rebuild() {
	l := p.f.su.m.lang
	p.row.RemoveAll()
	for _, it := range append(append([]photoItem(nil), p.stored...), p.added...) {
		p.row.Add(newPhotoThumb(it, photoCaption(l, it)))
	}
	if len(p.row.Objects) == 0 {
		none := widget.NewLabel(i18n.T(l, "surveyform.photo.none", nil))
		none.Importance = widget.LowImportance
		p.row.Add(none)
	}
	p.row.Refresh()
}

// photoCaption: the file, when it was taken, where (or "no GPS"), and
// "not saved yet" for a photo picked since the form opened.
func photoCaption(l i18n.Lang, it photoItem) []string {
	lines := []string{it.name}
	if it.taken != nil {
		lines = append(lines, i18n.T(l, "surveyform.photo.taken", i18n.Args{"time": it.taken.Format("2006-01-02 15:04")}))
	} else {
		lines = append(lines, i18n.T(l, "surveyform.photo.no_time", nil))
	}
	if it.lon != nil && it.lat != nil {
		lines = append(lines, i18n.T(l, "surveyform.photo.gps", i18n.Args{"lon": fmt.Sprintf("%.5f", *it.lon), "lat": fmt.Sprintf("%.5f", *it.lat)}))
	} else {
		lines = append(lines, i18n.T(l, "surveyform.photo.no_gps", nil))
	}
	if it.pending != nil {
		lines = append(lines, i18n.T(l, "surveyform.photo.unsaved", nil))
	}
	return lines
}

// photoThumbSize is a thumbnail card's size, points.
var photoThumbSize = fyne.NewSize(168, 206)

// photoThumb shows a photo's thumbnail with its caption lines.
type photoThumb struct {
	widget.BaseWidget
	img   image.Image
	lines []string
	warn  int // the line drawn as a warning ("no GPS"), -1 for none
}

func newPhotoThumb(it photoItem, lines []string) *photoThumb {
	t := &photoThumb{img: it.thumb, lines: lines, warn: -1}
	if it.lon == nil || it.lat == nil {
		t.warn = 2
	}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *photoThumb) CreateRenderer() fyne.WidgetRenderer {
	r := &photoThumbRenderer{t: t, bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		pic: canvas.NewImageFromImage(t.img)}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.pic.FillMode = canvas.ImageFillContain
	r.pic.ScaleMode = canvas.ImageScaleSmooth
	for i, s := range t.lines {
		tx := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
		tx.TextSize = theme.CaptionTextSize()
		if i == 0 {
			tx.TextStyle.Bold = true
		}
		if i == t.warn {
			tx.Color = theme.Color(theme.ColorNameWarning)
		}
		r.texts = append(r.texts, tx)
	}
	return r
}

type photoThumbRenderer struct {
	t     *photoThumb
	bg    *canvas.Rectangle
	pic   *canvas.Image
	texts []*canvas.Text
}

func (r *photoThumbRenderer) Destroy()           {}
func (r *photoThumbRenderer) MinSize() fyne.Size { return photoThumbSize }
func (r *photoThumbRenderer) Refresh()           { r.Layout(r.t.Size()) }
func (r *photoThumbRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{r.bg, r.pic}
	for _, t := range r.texts {
		out = append(out, t)
	}
	return out
}

func (r *photoThumbRenderer) Layout(size fyne.Size) {
	pad := float32(4)
	r.bg.Resize(size)
	lineH := theme.CaptionTextSize() + 3
	picH := size.Height - 2*pad - lineH*float32(len(r.texts))
	r.pic.Move(fyne.NewPos(pad, pad))
	r.pic.Resize(fyne.NewSize(size.Width-2*pad, max(0, picH)))
	y := pad + picH + 1
	for _, t := range r.texts {
		t.Move(fyne.NewPos(pad+2, y))
		// Long file names are cut to the card's width.
		for t.MinSize().Width > size.Width-2*pad-2 && len([]rune(t.Text)) > 4 {
			rs := []rune(t.Text)
			t.Text = string(rs[:len(rs)-2]) + "…" // one rune shorter each turn
		}
		y += lineH
	}
}
