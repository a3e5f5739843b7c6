package plate

import (
	"image/color"
	"strings"

	"minerehab/gis/pdf"
	"minerehab/gis/render"
)

// align is a horizontal text alignment.
type align uint8

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// writer draws the plate's text in one font; sizes are dots.
type writer struct {
	s    Surface
	font *pdf.Font
}

func (w *writer) width(size float64, text string) float64 { return pdf.TextWidth(w.font, size, text) }

// text draws text with its baseline at y, aligned on x.
func (w *writer) text(x, y, size float64, text string, c color.NRGBA, a align, halo float64) {
	switch a {
	case alignCenter:
		x -= w.width(size, text) / 2
	case alignRight:
		x -= w.width(size, text)
	}
	ls := &render.LabelStyle{Font: w.font.Face(), Size: size, Color: c}
	if halo > 0 {
		ls.Halo, ls.HaloWidth = color.NRGBA{R: 255, G: 255, B: 255, A: 230}, halo
	}
	w.s.DrawText(x, y, text, ls)
}

// fit returns text and a size at most size and at least minSize at which
// it is no wider than maxW, cutting it with "…" when even minSize is too
// large.
func (w *writer) fit(text string, size, minSize, maxW float64) (string, float64) {
	tw := w.width(size, text)
	if tw <= maxW || tw == 0 {
		return text, size
	}
	if s := size * maxW / tw; s >= minSize {
		return text, s
	}
	rs := []rune(text)
	for n := len(rs) - 1; n > 0; n-- {
		t := string(rs[:n]) + "…"
		if w.width(minSize, t) <= maxW {
			return t, minSize
		}
	}
	return "", minSize
}

// wrap breaks text into lines no wider than maxW at size: between words
// where there are spaces, anywhere between Chinese characters.
func (w *writer) wrap(text string, size, maxW float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, tok := range tokens(para) {
			try := line + tok
			if line != "" && w.width(size, try) > maxW {
				lines = append(lines, strings.TrimRight(line, " "))
				line = strings.TrimLeft(tok, " ")
				continue
			}
			line = try
		}
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}

// tokens splits text into unbreakable pieces: runs of Latin letters and
// digits (with the spaces that follow them) and single other characters.
func tokens(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			cur = append(cur, r)
			flush()
		case r < 0x2e80:
			cur = append(cur, r)
		default:
			flush()
			out = append(out, string(r))
		}
	}
	flush()
	return out
}
