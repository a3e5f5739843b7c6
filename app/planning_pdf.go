package app

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"minerehab/app/i18n"
	"minerehab/gis/pdf"
	"minerehab/gis/render"
	"minerehab/models"
)

// WriteReportPDF writes the report as an A4 PDF in language l: a title,
// the burn-up chart of green mines against the target lines, then every
// table of Tables, continued over as many pages as they need. Text is
// real text in the plate font (PlateFont), so the PDF is searchable.
func WriteReportPDF(w io.Writer, r *Report, l i18n.Lang) error {
	pf, err := PlateFont()
	if err != nil {
		return err
	}
	doc := pdf.New(pdf.Options{CreationDate: time.Date(2021, 3, 12, 0, 0, 0, 0, time.UTC), Creator: "minerehab",
		Title: i18n.T(l, "report.title", i18n.Args{"date": r.AsOf.String()})})
	face, err := opentype.NewFace(pf.Face(), &opentype.FaceOptions{Size: 100, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	defer face.Close()
	pw := &pdfWriter{doc: doc, font: pf, face: face}
	if err := pw.newPage(); err != nil {
		return err
	}
	pw.text(pw.margin, pw.y+18, 16, i18n.T(l, "report.title", i18n.Args{"date": r.AsOf.String()}), black)
	pw.y += 34
	if err := pw.chart(r, l); err != nil {
		return err
	}
	for _, t := range r.Tables(l) {
		if err := pw.table(t); err != nil {
			return err
		}
	}
	pw.c.Flush()
	_, err = doc.WriteTo(w)
	return err
}

var (
	black = color.NRGBA{0, 0, 0, 255}
	grey  = color.NRGBA{150, 150, 150, 255}
	green = color.NRGBA{30, 140, 60, 255}
	red   = color.NRGBA{200, 40, 40, 255}
	blue  = color.NRGBA{40, 90, 200, 255}
)

const (
	a4W, a4H = 595.28, 841.89 // points
)

type pdfWriter struct {
	doc    *pdf.Document
	font   *pdf.Font
	face   font.Face // at 100 pt, for measuring
	c      *pdf.Canvas
	y      float64
	margin float64
}

func (pw *pdfWriter) newPage() error {
	if pw.c != nil {
		pw.c.Flush()
	}
	p, err := pw.doc.AddPage(a4W, a4H)
	if err != nil {
		return err
	}
	pw.c = pdf.NewCanvas(p, 1, pw.font)
	pw.margin = 40
	pw.y = 40
	return nil
}

// need starts a new page unless h points are left.
func (pw *pdfWriter) need(h float64) error {
	if pw.y+h > a4H-40 {
		return pw.newPage()
	}
	return nil
}

func (pw *pdfWriter) width(size float64, s string) float64 {
	return float64(font.MeasureString(pw.face, s)) / 64 * size / 100
}

func (pw *pdfWriter) text(x, y, size float64, s string, col color.NRGBA) {
	pw.c.DrawText(x, y, s, &render.LabelStyle{Font: pw.font.Face(), Size: size, Color: col})
}

func (pw *pdfWriter) line(x0, y0, x1, y1, width float64, col color.NRGBA, dash []float64) {
	var p render.Path
	p.MoveTo(x0, y0)
	p.LineTo(x1, y1)
	pw.c.StrokePath(&p, width, col, dash)
}

// chart draws the burn-up: green mines (green line) and counted mines
// (grey) on every reporting day, each target's required count (red,
// dashed) over the period.
func (pw *pdfWriter) chart(r *Report, l i18n.Lang) error {
	s := r.Dashboard.BurnUp
	if len(s) < 2 {
		return nil
	}
	const h = 220.0
	if err := pw.need(h + 40); err != nil {
		return err
	}
	x0, y0 := pw.margin+30, pw.y+10
	w := a4W - 2*pw.margin - 40
	maxV := 1
	for _, p := range s {
		maxV = max(maxV, p.Counted)
	}
	for _, t := range r.Dashboard.Progress.Targets {
		maxV = max(maxV, t.Required)
	}
	first, last := s[0].Date, s[len(s)-1].Date
	span := float64(max(1, last.Sub(first)))
	px := func(d models.Date) float64 { return x0 + w*float64(d.Sub(first))/span }
	py := func(v float64) float64 { return y0 + h - h*v/float64(maxV) }
	pw.line(x0, y0, x0, y0+h, 0.8, black, nil)
	pw.line(x0, y0+h, x0+w, y0+h, 0.8, black, nil)
	step := max(1, int(math.Ceil(float64(maxV)/5)))
	for v := 0; v <= maxV; v += step {
		pw.line(x0, py(float64(v)), x0+w, py(float64(v)), 0.3, grey, []float64{2, 2})
		pw.text(x0-24, py(float64(v))+3, 8, fmt.Sprint(v), black)
	}
	for y := first.Time().Year(); y <= last.Time().Year(); y++ {
		d := models.DateOf(y, 1, 1)
		if d >= first && d <= last {
			pw.line(px(d), y0+h, px(d), y0+h+4, 0.6, black, nil)
			pw.text(px(d)-10, y0+h+14, 8, fmt.Sprint(y), black)
		}
	}
	series := func(val func(models.SeriesPoint) int, col color.NRGBA) {
		var p render.Path
		for i, pt := range s {
			if i == 0 {
				p.MoveTo(px(pt.Date), py(float64(val(pt))))
			} else {
				p.LineTo(px(pt.Date), py(float64(val(pt))))
			}
		}
		pw.c.StrokePath(&p, 1.5, col, nil)
	}
	series(func(p models.SeriesPoint) int { return p.Counted }, grey)
	series(func(p models.SeriesPoint) int { return p.Green }, green)
	for _, t := range r.Dashboard.Progress.Targets {
		y := py(float64(t.Required))
		pw.line(x0, y, x0+w, y, 1, red, []float64{4, 3})
		pw.text(x0+w-90, y-3, 8, i18n.T(l, "report.chart.target", i18n.Args{"date": t.Date.String(), "count": t.Required}), red)
	}
	lx := x0 + 8
	for _, it := range []struct {
		key string
		col color.NRGBA
	}{{"report.chart.green", green}, {"report.chart.counted", grey}} {
		pw.line(lx, y0+8, lx+14, y0+8, 2, it.col, nil)
		label := i18n.T(l, it.key, nil)
		pw.text(lx+18, y0+11, 8, label, black)
		lx += 30 + pw.width(8, label)
	}
	pw.y = y0 + h + 30
	return nil
}

// table writes one table: its name, a header row and the rows, columns
// as wide as their widest cell (shrunk to fit the page), a new page with
// the header again when the page is full.
func (pw *pdfWriter) table(t ReportTable) error {
	const size, rowH = 8.0, 12.0
	if err := pw.need(3 * rowH); err != nil {
		return err
	}
	pw.text(pw.margin, pw.y+10, 11, t.Name, blue)
	pw.y += 18
	widths := make([]float64, len(t.Header))
	for i, h := range t.Header {
		widths[i] = pw.width(size, h)
	}
	for _, r := range t.Rows {
		for i, v := range r {
			if i < len(widths) {
				widths[i] = math.Max(widths[i], pw.width(size, cellText(v)))
			}
		}
	}
	total := 0.0
	for i := range widths {
		widths[i] += 8
		total += widths[i]
	}
	avail := a4W - 2*pw.margin
	k := 1.0
	if total > avail {
		k = avail / total
	}
	row := func(cells []string, col color.NRGBA) {
		x := pw.margin
		for i, c := range cells {
			if i >= len(widths) {
				break
			}
			// Cells too wide for their shrunk column are cut.
			for pw.width(size*k, c) > widths[i]*k-2 && len([]rune(c)) > 1 {
				rs := []rune(c)
				c = string(rs[:len(rs)-1])
			}
			pw.text(x, pw.y+9, size*k, c, col)
			x += widths[i] * k
		}
		pw.y += rowH
	}
	header := func() {
		row(t.Header, black)
		pw.line(pw.margin, pw.y, pw.margin+total*k, pw.y, 0.5, black, nil)
		pw.y += 2
	}
	header()
	for _, r := range t.Rows {
		if pw.y+rowH > a4H-40 {
			if err := pw.newPage(); err != nil {
				return err
			}
			header()
		}
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = cellText(v)
		}
		row(cells, black)
	}
	pw.y += 10
	return nil
}
