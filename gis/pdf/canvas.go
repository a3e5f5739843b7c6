package pdf

import (
	"bytes"
	"image/color"
	"math"

	"golang.org/x/image/font/opentype"

	"minerehab/gis/render"
)

// Canvas draws gis/render's Canvas calls on a PDF page as vector paths
// and real text. Its pixel space (x right, y down) is scaled by Scale
// points per pixel with pixel (0, 0) at the page's upper left corner; a
// plate drawn at 300 pixels per inch uses Scale 72/300.
type Canvas struct {
	p     *Page
	fonts map[*opentype.Font]*Font
	// clips holds, per PushClip, the box paths are cut to before they are
	// written (in the coordinates in force inside it), so geometry far
	// outside a map frame costs no bytes.
	clips   []render.Rect
	scratch render.Path

	u float64 // page units per pixel

	// Tolerance is how far, in pixels, a simplified path may stray from
	// the given one (NewCanvas sets 0.5: half a pixel, as gis/render
	// simplifies); 0 keeps every vertex.
	Tolerance float64

	dash         []float64
	ops, fillOps []byte // path operators being written, and of a pending fill
	fillCol      color.NRGBA
	fillPending  bool
	pts, simp    []render.Pt
	all          []render.Pt
	subs         []subpathEnd
	keep         []bool
	stack        [][2]int
}

// Assert the interface.
var _ render.Canvas = (*Canvas)(nil)

// unitsPerInch is the resolution of the coordinates a Canvas writes.
const unitsPerInch = 600

// maxCoord bounds the pixel coordinates written; render paths may hold
// points far outside the page.
const maxCoord = 1e6

// NewCanvas returns a Canvas on p with scale points per pixel. Text
// drawn with a LabelStyle whose Font is the Face of one of fonts is
// written as text in that font; text in any other face is skipped.
func NewCanvas(p *Page, scale float64, fonts ...*Font) *Canvas {
	c := &Canvas{p: p, fonts: map[*opentype.Font]*Font{}, Tolerance: 0.5}
	p.canvases = append(p.canvases, c)
	for _, f := range fonts {
		if f != nil {
			c.fonts[f.face] = f
		}
	}
	_, h := p.Size()
	// Coordinates are written as whole page units of 1/600 inch: short
	// numbers, and rounding moves nothing by more than 1/1200 inch.
	c.u = 1
	if scale > 0 && !math.IsInf(scale, 1) {
		c.u = scale / (72.0 / unitsPerInch)
	}
	p.Transform(scale/c.u, 0, 0, -scale/c.u, 0, h)
	p.SetPrecision(0)
	p.SetLineJoin(JoinRound)
	p.SetLineCap(CapRound)
	return c
}

// Page returns the page the canvas draws on, after writing anything the
// canvas held back; draw on it directly only between canvas calls.
func (c *Canvas) Page() *Page {
	c.flush()
	return c.p
}

// Flush writes what the canvas holds back (a fill waiting for its
// outline). Document.WriteTo flushes every canvas itself; call Flush
// before drawing on the page directly.
func (c *Canvas) Flush() { c.flush() }

// path writes p's finite points as PDF path operators in absolute
// coordinates, every subpath closed when close is set; it reports whether
// anything was written.
func (c *Canvas) path(p *render.Path, close bool) bool {
	c.ops = c.appendPath(c.ops[:0], p, close, false)
	if len(c.ops) == 0 {
		return false
	}
	c.p.raw(c.ops)
	return true
}

// relMinPoints is the number of vertices from which a path is written
// relative to its own corner: "q 1 0 0 1 x y cm" and short numbers, then
// Q after the painting operator. On map data this cuts the compressed
// content by about a third.
const relMinPoints = 6

// appendPath appends p as PDF path operators to b, simplified to the
// canvas's tolerance and rounded to whole page units. With rel, a path of
// relMinPoints or more vertices is written relative to its lower corner
// inside "q … cm"; the caller must then write Q after painting it
// (hasQ reports it by the b's prefix "q ").
func (c *Canvas) appendPath(b []byte, p *render.Path, close, rel bool) []byte {
	c.all = c.all[:0]
	c.subs = c.subs[:0]
	for i := range p.NumSubpaths() {
		pts, closed := p.Subpath(i)
		c.pts = c.pts[:0]
		for _, q := range pts {
			if finite(q.X) && finite(q.Y) {
				c.pts = append(c.pts, render.Pt{X: max(-maxCoord, min(maxCoord, q.X)), Y: max(-maxCoord, min(maxCoord, q.Y))})
			}
		}
		if len(c.pts) == 0 {
			continue
		}
		kept := c.simplify(c.pts, close || closed)
		c.subs = append(c.subs, subpathEnd{end: len(c.all) + len(kept), closed: close || closed})
		for _, q := range kept {
			c.all = append(c.all, render.Pt{X: math.Round(q.X * c.u), Y: math.Round(q.Y * c.u)})
		}
	}
	if len(c.all) == 0 {
		return b
	}
	var ox, oy float64
	if rel && len(c.all) >= relMinPoints {
		ox, oy = math.Inf(1), math.Inf(1)
		for _, q := range c.all {
			ox, oy = min(ox, q.X), min(oy, q.Y)
		}
		b = append(b, "q 1 0 0 1 "...)
		b = appendNum(b, ox, 0)
		b = append(b, ' ')
		b = appendNum(b, oy, 0)
		b = append(b, " cm\n"...)
	}
	start := 0
	for _, sp := range c.subs {
		for j, q := range c.all[start:sp.end] {
			b = appendNum(b, q.X-ox, 0)
			b = append(b, ' ')
			b = appendNum(b, q.Y-oy, 0)
			if j == 0 {
				b = append(b, " m\n"...)
			} else {
				b = append(b, " l\n"...)
			}
		}
		if sp.closed {
			b = append(b, "h\n"...)
		}
		start = sp.end
	}
	return b
}

// subpathEnd marks where a subpath ends in Canvas.all.
type subpathEnd struct {
	end    int
	closed bool
}

// hasQ reports whether path operators from appendPath opened a q.
func hasQ(ops []byte) bool { return len(ops) > 2 && ops[0] == 'q' && ops[1] == ' ' }

// simplify drops vertices closer than the canvas's Tolerance to the line
// through their neighbours that are kept (Douglas–Peucker); rings keep at
// least three points.
func (c *Canvas) simplify(pts []render.Pt, ring bool) []render.Pt {
	tol := c.Tolerance
	if !(tol > 0) || len(pts) <= 3 {
		return pts
	}
	n := len(pts)
	if cap(c.keep) < n {
		c.keep = make([]bool, n)
	}
	keep := c.keep[:n]
	clear(keep)
	keep[0], keep[n-1] = true, true
	c.stack = append(c.stack[:0], [2]int{0, n - 1})
	tol2 := tol * tol
	for len(c.stack) > 0 {
		seg := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		a, z := pts[seg[0]], pts[seg[1]]
		dx, dy := z.X-a.X, z.Y-a.Y
		l2 := dx*dx + dy*dy
		far, farD := -1, tol2
		for k := seg[0] + 1; k < seg[1]; k++ {
			q := pts[k]
			var d2 float64
			if l2 == 0 {
				d2 = (q.X-a.X)*(q.X-a.X) + (q.Y-a.Y)*(q.Y-a.Y)
			} else {
				cr := (q.X-a.X)*dy - (q.Y-a.Y)*dx
				d2 = cr * cr / l2
			}
			if d2 > farD {
				far, farD = k, d2
			}
		}
		if far >= 0 {
			keep[far] = true
			c.stack = append(c.stack, [2]int{seg[0], far}, [2]int{far, seg[1]})
		}
	}
	out := c.simp[:0]
	for k, ok := range keep {
		if ok {
			out = append(out, pts[k])
		}
	}
	c.simp = out
	if ring && len(out) < 3 {
		return pts
	}
	return out
}

// clipMargin is how far outside a clip box, in pixels, geometry is kept
// (beyond it nothing can show).
const clipMargin = 2

// cut returns p, or the part of it inside the innermost clip box (its area
// when fill is set, else its lines, with the box grown by grow).
func (c *Canvas) cut(p *render.Path, fill bool, grow float64) *render.Path {
	if len(c.clips) == 0 {
		return p
	}
	r := c.clips[len(c.clips)-1].Outset(clipMargin + grow)
	if b, ok := p.Bounds(); ok && r.Contains(b) {
		return p
	}
	c.scratch.Reset()
	if fill {
		render.ClipFill(&c.scratch, p, r)
	} else {
		render.ClipLines(&c.scratch, p, r)
	}
	return &c.scratch
}

// FillPath implements render.Canvas (non-zero rule).
func (c *Canvas) FillPath(p *render.Path, col color.NRGBA) {
	if col.A == 0 {
		return
	}
	c.flush()
	p = c.cut(p, true, 0)
	c.fillOps = c.appendPath(c.fillOps[:0], p, true, true)
	if len(c.fillOps) > 0 {
		// Held back: a stroke of the same path that follows (a polygon's
		// outline, a marker's edge) is written with it as one B operator.
		c.fillCol, c.fillPending = col, true
	}
}

// flush writes a pending fill.
func (c *Canvas) flush() {
	if !c.fillPending {
		return
	}
	c.fillPending = false
	c.p.SetFillColor(c.fillCol)
	c.p.raw(c.fillOps)
	c.p.Fill(NonZero)
	if hasQ(c.fillOps) {
		c.p.op("Q")
	}
}

// StrokePath implements render.Canvas: round joins and caps.
func (c *Canvas) StrokePath(p *render.Path, width float64, col color.NRGBA, dash []float64) {
	if col.A == 0 || !(width > 0) || math.IsInf(width, 1) {
		return
	}
	p = c.cut(p, false, width)
	c.ops = c.appendPath(c.ops[:0], p, false, true)
	merge := c.fillPending && bytes.Equal(c.ops, c.fillOps)
	if !merge {
		c.flush()
	}
	if len(c.ops) == 0 {
		return
	}
	c.p.SetStrokeColor(col)
	c.p.SetLineWidth(width * c.u)
	c.p.SetLineJoin(JoinRound)
	c.p.SetLineCap(CapRound)
	c.dash = c.dash[:0]
	for _, d := range dash {
		c.dash = append(c.dash, d*c.u)
	}
	if dash == nil {
		c.p.SetDash(nil, 0)
	} else {
		c.p.SetDash(c.dash, 0)
	}
	if merge {
		c.fillPending = false
		c.p.SetFillColor(c.fillCol)
		c.p.raw(c.ops)
		c.p.FillStroke(NonZero)
	} else {
		c.p.raw(c.ops)
		c.p.Stroke()
	}
	if hasQ(c.ops) {
		c.p.op("Q")
	}
}

// HatchPath implements render.Canvas: the path clips a set of parallel
// lines (lower left to upper right on screen) drawn over its bounds.
func (c *Canvas) HatchPath(p *render.Path, h render.Hatch) {
	c.flush()
	if h.Color.A == 0 || !(h.Spacing > 0) || !(h.Width > 0) {
		return
	}
	p = c.cut(p, true, 0)
	r, _ := p.Bounds()
	if r.Empty() || !finite(r.MinX+r.MaxX+r.MinY+r.MaxY) {
		return
	}
	r.MinX, r.MinY = max(r.MinX, -maxCoord), max(r.MinY, -maxCoord)
	r.MaxX, r.MaxY = min(r.MaxX, maxCoord), min(r.MaxY, maxCoord)
	spacing := max(h.Spacing, 0.5)
	if (r.MaxX-r.MinX+r.MaxY-r.MinY)/spacing > 20000 {
		spacing = (r.MaxX - r.MinX + r.MaxY - r.MinY) / 20000
	}
	c.p.Save()
	if !c.path(p, true) {
		c.p.Restore()
		return
	}
	c.p.Clip(NonZero)
	c.p.SetStrokeColor(h.Color)
	c.p.SetLineWidth(h.Width * c.u)
	c.p.SetLineCap(CapButt)
	c.p.SetDash(nil, 0)
	// Lines x + y = k for k in phase + n·spacing·√2 (spacing is measured
	// across the lines).
	step := spacing * math.Sqrt2
	lo, hi := r.MinX+r.MinY, r.MaxX+r.MaxY
	k := h.Phase + math.Floor((lo-h.Phase)/step)*step
	for ; k <= hi+step; k += step {
		// From the bottom or left edge to the top or right edge.
		c.p.MoveTo((k-r.MaxY)*c.u, r.MaxY*c.u)
		c.p.LineTo(r.MaxX*c.u, (k-r.MaxX)*c.u)
	}
	c.p.Stroke()
	c.p.Restore()
}

// DrawText implements render.Canvas: real text in the matching font, a
// halo as the glyph outlines stroked under the fill.
func (c *Canvas) DrawText(x, y float64, text string, s *render.LabelStyle) {
	c.flush()
	if s == nil || s.Font == nil || !finite(x) || !finite(y) || s.Color.A == 0 {
		return
	}
	f := c.fonts[s.Font]
	if f == nil {
		return
	}
	if s.Halo.A != 0 {
		hw := s.HaloWidth
		if !(hw > 0 && hw < 100) {
			hw = 1.5
		}
		c.p.SetStrokeColor(s.Halo)
		c.p.SetLineWidth(2 * hw * c.u)
		c.p.SetLineJoin(JoinRound)
		c.p.SetDash(nil, 0)
		c.p.Text(f, s.Size*c.u, x*c.u, y*c.u, text, TextOptions{Render: TextStroke, FlipY: true})
	}
	c.p.SetFillColor(s.Color)
	c.p.Text(f, s.Size*c.u, x*c.u, y*c.u, text, TextOptions{FlipY: true})
}

// PushClip starts drawing into the box (x, y, w, h) of the canvas: the
// origin moves to its upper left corner and nothing outside it shows,
// until the matching PopClip.
func (c *Canvas) PushClip(x, y, w, h float64) {
	c.flush()
	c.p.Save()
	c.p.Rect(x*c.u, y*c.u, w*c.u, h*c.u)
	c.p.Clip(NonZero)
	c.p.Transform(1, 0, 0, 1, x*c.u, y*c.u)
	c.clips = append(c.clips, render.Rect{MaxX: w, MaxY: h})
}

// PopClip ends the innermost PushClip.
func (c *Canvas) PopClip() {
	c.flush()
	if len(c.clips) > 0 {
		c.clips = c.clips[:len(c.clips)-1]
		c.p.Restore()
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
