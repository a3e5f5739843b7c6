package plate

import (
	"bufio"
	"fmt"
	"html"
	"image/color"
	"io"
	"math"
	"strconv"

	"minerehab/gis/render"
)

// SVGSurface writes a plate as SVG: paths as <path>, text as <text> in
// the named font family (so it stays text), clips as <clipPath>.
type SVGSurface struct {
	w      *bufio.Writer
	family string
	depth  int
	clipID int
	num    []byte
	err    error
}

// NewSVGSurface starts an SVG document widthMM × heightMM whose user
// units are dots (w × h of them).
func NewSVGSurface(out io.Writer, widthMM, heightMM, w, h float64, family string) *SVGSurface {
	s := &SVGSurface{w: bufio.NewWriterSize(out, 1<<16), family: family}
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s">`+"\n",
		trimFloat(widthMM), trimFloat(heightMM), trimFloat(w), trimFloat(h))
	s.printf(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	return s
}

func (s *SVGSurface) printf(format string, args ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, args...)
	}
}

// Close ends the document and flushes it.
func (s *SVGSurface) Close() error {
	for s.depth > 0 {
		s.PopClip()
	}
	s.printf("</svg>\n")
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

func svgColor(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func opacity(attr string, c color.NRGBA) string {
	if c.A == 255 {
		return ""
	}
	return fmt.Sprintf(` %s="%s"`, attr, trimFloat(float64(c.A)/255))
}

// d writes p as SVG path data.
func (s *SVGSurface) d(p *render.Path, close bool) (string, bool) {
	var b []byte
	for i := range p.NumSubpaths() {
		pts, closed := p.Subpath(i)
		started := false
		for _, q := range pts {
			if math.IsNaN(q.X+q.Y) || math.IsInf(q.X+q.Y, 0) {
				continue
			}
			if started {
				b = append(b, 'L')
			} else {
				b = append(b, 'M')
				started = true
			}
			b = strconv.AppendFloat(b, math.Round(max(-1e6, min(1e6, q.X))*10)/10, 'f', -1, 64)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, math.Round(max(-1e6, min(1e6, q.Y))*10)/10, 'f', -1, 64)
		}
		if started && (close || closed) {
			b = append(b, 'Z')
		}
	}
	return string(b), len(b) > 0
}

// FillPath implements render.Canvas.
func (s *SVGSurface) FillPath(p *render.Path, c color.NRGBA) {
	if c.A == 0 {
		return
	}
	if d, ok := s.d(p, true); ok {
		s.printf(`<path d="%s" fill="%s"%s/>`+"\n", d, svgColor(c), opacity("fill-opacity", c))
	}
}

// StrokePath implements render.Canvas.
func (s *SVGSurface) StrokePath(p *render.Path, width float64, c color.NRGBA, dash []float64) {
	if c.A == 0 || !(width > 0) {
		return
	}
	d, ok := s.d(p, false)
	if !ok {
		return
	}
	da := ""
	if len(dash) > 0 {
		da = ` stroke-dasharray="`
		for i, v := range dash {
			if i > 0 {
				da += " "
			}
			da += trimFloat(v)
		}
		da += `"`
	}
	s.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="%s" stroke-linejoin="round" stroke-linecap="round"%s%s/>`+"\n",
		d, svgColor(c), trimFloat(width), opacity("stroke-opacity", c), da)
}

// HatchPath implements render.Canvas: diagonal lines clipped to p.
func (s *SVGSurface) HatchPath(p *render.Path, h render.Hatch) {
	if h.Color.A == 0 || !(h.Spacing > 0) {
		return
	}
	d, ok := s.d(p, true)
	r, _ := p.Bounds()
	if !ok || r.Empty() {
		return
	}
	s.clipID++
	s.printf(`<clipPath id="h%d"><path d="%s"/></clipPath><g clip-path="url(#h%d)">`, s.clipID, d, s.clipID)
	step := max(h.Spacing, 0.5) * math.Sqrt2
	var lines render.Path
	for k := h.Phase + math.Floor((r.MinX+r.MinY-h.Phase)/step)*step; k <= r.MaxX+r.MaxY+step; k += step {
		lines.MoveTo(k-r.MaxY, r.MaxY)
		lines.LineTo(r.MaxX, k-r.MaxX)
	}
	if ld, ok := s.d(&lines, false); ok {
		s.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="%s"%s/>`, ld, svgColor(h.Color), trimFloat(h.Width), opacity("stroke-opacity", h.Color))
	}
	s.printf("</g>\n")
}

// DrawText implements render.Canvas.
func (s *SVGSurface) DrawText(x, y float64, text string, st *render.LabelStyle) {
	if st == nil || st.Color.A == 0 || text == "" {
		return
	}
	halo := ""
	if st.Halo.A != 0 {
		hw := st.HaloWidth
		if !(hw > 0) {
			hw = 1.5
		}
		halo = fmt.Sprintf(` stroke="%s" stroke-width="%s" stroke-linejoin="round" paint-order="stroke"%s`, svgColor(st.Halo), trimFloat(2*hw), opacity("stroke-opacity", st.Halo))
	}
	s.printf(`<text x="%s" y="%s" font-family="%s" font-size="%s" fill="%s"%s%s>%s</text>`+"\n",
		trimFloat(x), trimFloat(y), html.EscapeString(s.family), trimFloat(st.Size), svgColor(st.Color), opacity("fill-opacity", st.Color), halo, html.EscapeString(text))
}

// PushClip implements Surface.
func (s *SVGSurface) PushClip(x, y, w, h float64) {
	s.clipID++
	s.printf(`<clipPath id="c%d"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath><g clip-path="url(#c%d)"><g transform="translate(%s %s)">`+"\n",
		s.clipID, trimFloat(x), trimFloat(y), trimFloat(w), trimFloat(h), s.clipID, trimFloat(x), trimFloat(y))
	s.depth++
}

// PopClip implements Surface.
func (s *SVGSurface) PopClip() {
	if s.depth > 0 {
		s.depth--
		s.printf("</g></g>\n")
	}
}
