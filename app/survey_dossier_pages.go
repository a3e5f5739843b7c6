package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"time"
	"unicode"

	"golang.org/x/image/draw"

	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/gis/pdf"
	"minerehab/gis/render"
	"minerehab/models"
)

// The dossier's text pages (A4 portrait, points, y down from the top
// edge): the record's attributes as a two-column form, then its photos
// two abreast, each captioned with its file name, EXIF time and position.
// Pages are planned first (so every page knows the page count) and drawn
// after: a page's photos are painted on the bare page, its text and lines
// through a pdf.Canvas.

// Layout of the text pages, points.
const (
	dossierMargin   = 40.0
	dossierBottom   = a4H - 48 // last line of content; the footer sits below
	dossierLabelW   = 118.0    // the form's label column
	dossierTextSize = 9.5
	dossierLineH    = 13.5
	dossierCellPad  = 4.0
	dossierPhotoGap = 16.0
	dossierCaptionH = 54.0 // under a photo: file name, time, position, distance
	// dossierPhotoDPI is the resolution photos are embedded at: enough
	// for a print, a fraction of a 4096-pixel original's bytes.
	dossierPhotoDPI = 150
)

var (
	colFormLabel = color.NRGBA{0xee, 0xee, 0xea, 0xff}
	colFormLine  = color.NRGBA{0x99, 0x99, 0x99, 0xff}
	colCaption   = color.NRGBA{0x44, 0x44, 0x44, 0xff}
)

// dossierPage is one planned page: photos painted first, then the canvas
// operations.
type dossierPage struct {
	photos []*photoSlot
	ops    []func(pw *pdfWriter)
}

// photoSlot is where a photo goes on its page (points, top left corner).
type photoSlot struct {
	photo      models.SurveyPhoto
	x, y, w, h float64
	failed     bool // the stored image could not be read: a framed note instead
}

// dossierPlan lays out the text pages of one dossier.
type dossierPlan struct {
	l     i18n.Lang
	font  *pdf.Font
	pages []*dossierPage
	y     float64
}

func (p *dossierPlan) page() *dossierPage { return p.pages[len(p.pages)-1] }

func (p *dossierPlan) newPage() {
	p.pages = append(p.pages, &dossierPage{})
	p.y = dossierMargin
}

// need starts a new page unless h points are left on this one.
func (p *dossierPlan) need(h float64) {
	if len(p.pages) == 0 || p.y+h > dossierBottom {
		p.newPage()
	}
}

func (p *dossierPlan) op(f func(pw *pdfWriter)) { pg := p.page(); pg.ops = append(pg.ops, f) }

func (p *dossierPlan) text(x, y, size float64, s string, col color.NRGBA) {
	p.op(func(pw *pdfWriter) { pw.text(x, y, size, s, col) })
}

func (p *dossierPlan) width(size float64, s string) float64 { return pdf.TextWidth(p.font, size, s) }

// fit cuts s with an ellipsis to at most w points.
func (p *dossierPlan) fit(size, w float64, s string) string {
	if p.width(size, s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 && p.width(size, string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// heading writes a section heading.
func (p *dossierPlan) heading(s string) {
	p.need(30 + 3*dossierLineH)
	y := p.y
	p.text(dossierMargin, y+14, 13, s, blue)
	p.y += 24
}

// attributes lays out the record as a form: label, value, every field.
func (p *dossierPlan) attributes(s *models.Survey, photos int) {
	l := p.l
	name := strings.TrimSpace(s.SiteName)
	if name == "" {
		name = s.UID
	}
	p.need(60)
	y := p.y
	p.text(dossierMargin, y+18, 18, p.fit(18, a4W-2*dossierMargin, name), black)
	sub := dtr(l, "form.subtitle", i18n.Args{"district": orUnset(l, s.District), "date": orUnset(l, s.Date)})
	p.text(dossierMargin, y+36, 10, sub, colCaption)
	p.y += 50
	p.heading(dtr(l, "form.heading", nil))
	updated := ""
	if !s.UpdatedAt.IsZero() {
		updated = s.UpdatedAt.In(beijing).Format("2006-01-02 15:04") + " (UTC+8)"
	}
	rows := [][2]string{
		{"uid", s.UID},
		{"site", orUnset(l, s.SiteName)},
		{"district", orUnset(l, s.District)},
		{"date", orUnset(l, s.Date)},
		{"surveyors", orUnset(l, strings.Join(s.Surveyors, dtr(l, "list-sep", nil)))},
		{"disturbance", disturbanceWord(l, s.Disturbance)},
		{"disturbed", areaWords(l, s.DisturbedM2)},
		{"geometry", siteKindWord(l, s.Geometry)},
		{"centroid", lonLatWords(l, surveyCentroid(s.Geometry))},
		{"hazards", hazardWords(l, s.Hazards)},
		{"land-cover", orUnset(l, s.LandCover)},
		{"measures", orUnset(l, s.Measures)},
		{"reuse", orUnset(l, s.Reuse)},
		{"priority", priorityWord(l, s.Priority)},
		{"photos", dtr(l, "photo.count", i18n.Args{"count": photos})},
		{"notes", orUnset(l, s.Notes)},
		{"updated", orUnset(l, updated)},
	}
	for _, r := range rows {
		p.formRow(dtr(l, "field."+r[0], nil), r[1])
	}
	p.y += 12
}

// formRow writes one label and its value, wrapped; a value longer than
// the page goes on over the next, its label marked as continued.
func (p *dossierPlan) formRow(label, value string) {
	x0, x1, x2 := dossierMargin, dossierMargin+dossierLabelW, a4W-dossierMargin
	labelLines := wrapText(p.font, dossierTextSize, dossierLabelW-2*dossierCellPad, label)
	lines := wrapText(p.font, dossierTextSize, x2-x1-2*dossierCellPad, value)
	first := true
	for len(lines) > 0 {
		avail := int((dossierBottom - p.y - 2*dossierCellPad) / dossierLineH)
		// A row starts on a new page rather than with a line or two at
		// the foot of this one; a fresh page always takes a line.
		if avail < 1 || (first && avail < min(len(lines), 3) && p.y > dossierMargin) {
			p.newPage()
			continue
		}
		n := min(avail, len(lines))
		chunk := lines[:n]
		lines = lines[n:]
		lab := labelLines
		if !first {
			lab = []string{dtr(p.l, "form.continued", i18n.Args{"label": label})}
		}
		h := float64(max(n, len(lab)))*dossierLineH + 2*dossierCellPad
		y := p.y
		p.op(func(pw *pdfWriter) {
			var r render.Path
			r.MoveTo(x0, y)
			r.LineTo(x1, y)
			r.LineTo(x1, y+h)
			r.LineTo(x0, y+h)
			r.Close()
			pw.c.FillPath(&r, colFormLabel)
			pw.line(x0, y, x2, y, 0.5, colFormLine, nil)
			pw.line(x0, y+h, x2, y+h, 0.5, colFormLine, nil)
			pw.line(x0, y, x0, y+h, 0.5, colFormLine, nil)
			pw.line(x1, y, x1, y+h, 0.5, colFormLine, nil)
			pw.line(x2, y, x2, y+h, 0.5, colFormLine, nil)
			for i, s := range lab {
				pw.text(x0+dossierCellPad, y+dossierCellPad+float64(i+1)*dossierLineH-3.5, dossierTextSize, s, black)
			}
			for i, s := range chunk {
				pw.text(x1+dossierCellPad, y+dossierCellPad+float64(i+1)*dossierLineH-3.5, dossierTextSize, s, black)
			}
		})
		p.y += h
		first = false
	}
}

// photoGrid lays out the photos two abreast, captioned.
func (p *dossierPlan) photoGrid(s *models.Survey, photos []models.SurveyPhoto) {
	l := p.l
	p.heading(dtr(l, "photos.heading", i18n.Args{"count": len(photos)}))
	if len(photos) == 0 {
		p.text(dossierMargin, p.y+10, dossierTextSize, dtr(l, "photos.none", nil), colCaption)
		p.y += 20
		return
	}
	cw := (a4W - 2*dossierMargin - dossierPhotoGap) / 2
	ih := cw * 3 / 4
	site := surveyCentroid(s.Geometry)
	for i := 0; i < len(photos); i += 2 {
		p.need(ih + dossierCaptionH)
		for j := i; j < min(i+2, len(photos)); j++ {
			ph := photos[j]
			x := dossierMargin + float64(j-i)*(cw+dossierPhotoGap)
			y := p.y
			// Fit the photo's shape in the cell, centred across, at the top.
			w, h := cw, ih
			if ph.Width > 0 && ph.Height > 0 {
				k := math.Min(cw/float64(ph.Width), ih/float64(ph.Height))
				w, h = float64(ph.Width)*k, float64(ph.Height)*k
			}
			slot := &photoSlot{photo: ph, x: x + (cw-w)/2, y: y + (ih-h)/2, w: w, h: h}
			pg := p.page()
			pg.photos = append(pg.photos, slot)
			caption := []string{
				p.fit(9, cw, fmt.Sprintf("%d. %s", j+1, ph.FileName)),
				photoTimeWords(l, ph),
			}
			caption = append(caption, photoPlaceWords(l, ph, site)...)
			for k := range caption[1:] {
				caption[k+1] = p.fit(8, cw, caption[k+1])
			}
			p.op(func(pw *pdfWriter) {
				pw.line(slot.x, slot.y, slot.x+slot.w, slot.y, 0.4, colFormLine, nil)
				pw.line(slot.x, slot.y+slot.h, slot.x+slot.w, slot.y+slot.h, 0.4, colFormLine, nil)
				pw.line(slot.x, slot.y, slot.x, slot.y+slot.h, 0.4, colFormLine, nil)
				pw.line(slot.x+slot.w, slot.y, slot.x+slot.w, slot.y+slot.h, 0.4, colFormLine, nil)
				if slot.failed {
					msg := dtr(l, "photo.unreadable", nil)
					pw.text(slot.x+(slot.w-pdf.TextWidth(pw.font, 9, msg))/2, slot.y+slot.h/2, 9, msg, red)
				}
				pw.text(x, y+ih+13, 9, caption[0], black)
				pw.text(x, y+ih+25, 8, caption[1], colCaption)
				for k, c := range caption[2:] {
					pw.text(x, y+ih+36+10*float64(k), 8, c, colCaption)
				}
			})
		}
		p.y += ih + dossierCaptionH
	}
}

// beijing is China Standard Time (UTC+8, no daylight saving).
var beijing = time.FixedZone("CST", 8*3600)

// photoTimeWords is a photo's EXIF time: the camera's clock, read as the
// computer's local time when the photo was added.
func photoTimeWords(l i18n.Lang, ph models.SurveyPhoto) string {
	if ph.TakenAt == nil {
		return dtr(l, "photo.time", i18n.Args{"time": dtr(l, "photo.unknown", nil)})
	}
	return dtr(l, "photo.time", i18n.Args{"time": ph.TakenAt.Local().Format("2006-01-02 15:04:05")})
}

// photoPlaceWords is a photo's EXIF position (GPS: WGS 84) and, on a
// second line, its distance from the site's centre.
func photoPlaceWords(l i18n.Lang, ph models.SurveyPhoto, site [2]float64) []string {
	if ph.Lon == nil || ph.Lat == nil {
		return []string{dtr(l, "photo.place", i18n.Args{"place": dtr(l, "photo.unknown", nil)})}
	}
	p := [2]float64{*ph.Lon, *ph.Lat}
	out := []string{dtr(l, "photo.place", i18n.Args{"place": dtr(l, "photo.lonlat", i18n.Args{"lon": fmtFixed(p[0], 6), "lat": fmtFixed(p[1], 6)})})}
	if !math.IsNaN(site[0]) {
		out = append(out, dtr(l, "photo.distance", i18n.Args{"m": fmtFixed(measure.Distance(p, site), 0)}))
	}
	return out
}

// drawPhoto reads a stored photo and paints it into its slot on the bare
// page (PDF points, y up), downscaled to dossierPhotoDPI.
func drawPhoto(ctx context.Context, ps models.PhotoStore, page *pdf.Page, slot *photoSlot) error {
	data, err := ps.SurveyPhotoBytes(ctx, slot.photo.UID, false)
	if err != nil {
		return err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return err
	}
	tw := max(1, int(math.Ceil(slot.w/72*dossierPhotoDPI)))
	th := max(1, int(math.Ceil(slot.h/72*dossierPhotoDPI)))
	if b := img.Bounds(); b.Dx() > tw || b.Dy() > th {
		dst := image.NewRGBA(image.Rect(0, 0, tw, th))
		// BiLinear widens its kernel when shrinking: no aliasing.
		draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
		img = dst
	}
	return page.DrawImage(img, slot.x, a4H-slot.y-slot.h, slot.w, slot.h)
}

// wrapText breaks s into lines at most maxW points wide at size: between
// words of Latin text, between any two Chinese characters, and at line
// breaks; a word wider than the line is cut.
func wrapText(f *pdf.Font, size, maxW float64, s string) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line := ""
		flush := func() {
			out = append(out, strings.TrimRight(line, " "))
			line = ""
		}
		for _, tok := range wrapTokens(para) {
			if line == "" && tok == " " {
				continue
			}
			if pdf.TextWidth(f, size, line+tok) <= maxW {
				line += tok
				continue
			}
			if line != "" {
				flush()
				if tok == " " {
					continue
				}
			}
			for rs := []rune(tok); len(rs) > 0; {
				n := len(rs)
				for n > 1 && pdf.TextWidth(f, size, string(rs[:n])) > maxW {
					n--
				}
				if n == len(rs) {
					line = string(rs)
					break
				}
				line = string(rs[:n])
				flush()
				rs = rs[n:]
			}
		}
		flush()
	}
	return out
}

// wrapTokens splits a paragraph into words, single spaces and single
// wide (Chinese) characters.
func wrapTokens(s string) []string {
	var toks []string
	word := []rune{}
	end := func() {
		if len(word) > 0 {
			toks = append(toks, string(word))
			word = word[:0]
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			end()
			toks = append(toks, " ")
		case r >= 0x2E80:
			end()
			toks = append(toks, string(r))
		default:
			word = append(word, r)
		}
	}
	end()
	return toks
}
