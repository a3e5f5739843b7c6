package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// rasterSlack is how far, in pixels, a path may reach beyond the frame
// before the raster clips it: the rasterizer walks the rows and columns a
// segment spans even outside its box, so far-out geometry must be cut first.
const rasterSlack = 64

// maxStrokeWidth bounds stroke widths, pixels.
const maxStrokeWidth = 1e4

// Raster is a Canvas that draws into an *image.RGBA with anti-aliasing,
// using golang.org/x/image/vector. Each path is rasterised in a mask sized
// to its clipped pixel box, never the whole frame, so small features cost
// little however big the picture. Colours are blended source-over. A Raster
// is not safe for concurrent use.
type Raster struct {
	img   *image.RGBA
	frame Rect

	z       vector.Rasterizer
	src     image.Uniform // src.C is &col, so setting a colour never allocates
	col     color.NRGBA
	clipper clipper
	clipped Path
	outline Path
	text    Path
	st      stroker
	ts      typesetter
	maskA   image.Alpha
	maskB   image.Alpha
	hatch   Path
}

// NewRaster returns a w×h raster filled with bg. Negative sizes are taken
// as zero.
func NewRaster(w, h int, bg color.NRGBA) *Raster {
	w, h = max(w, 0), max(h, 0)
	r := &Raster{img: image.NewRGBA(image.Rect(0, 0, w, h))}
	r.src.C = &r.col
	r.frame = Rect{0, 0, float64(w), float64(h)}
	r.Clear(bg)
	return r
}

// Clear fills the whole raster with c (replacing, not blending).
func (r *Raster) Clear(c color.NRGBA) {
	r.col = c
	draw.Draw(r.img, r.img.Bounds(), &r.src, image.Point{}, draw.Src)
}

// Image returns the raster's picture (alpha-premultiplied RGBA). It is the
// raster's own buffer: later drawing changes it.
func (r *Raster) Image() *image.RGBA { return r.img }

// prepare returns the path to rasterise for filling p (p itself, or p
// clipped to the frame) and the pixel box it covers; the box is empty when
// nothing would be drawn.
func (r *Raster) prepare(p *Path) (*Path, image.Rectangle) {
	bb, allFinite := p.Bounds()
	if bb.Empty() || !bb.Intersects(r.frame) {
		return nil, image.Rectangle{}
	}
	q := p
	if !allFinite || !r.frame.Outset(rasterSlack).Contains(bb) {
		r.clipped.Reset()
		r.clipper.clipFill(&r.clipped, p, r.frame.Outset(1))
		q = &r.clipped
		if bb, _ = q.Bounds(); bb.Empty() {
			return nil, image.Rectangle{}
		}
	}
	box := image.Rect(int(math.Floor(bb.MinX)), int(math.Floor(bb.MinY)),
		int(math.Ceil(bb.MaxX)), int(math.Ceil(bb.MaxY))).Intersect(r.img.Rect)
	return q, box
}

// load resets the rasterizer to box and adds q's subpaths, shifted to the
// box origin.
func (r *Raster) load(q *Path, box image.Rectangle) {
	r.z.Reset(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	for i := range q.subs {
		pts, _ := q.Subpath(i)
		if len(pts) < 3 {
			continue
		}
		r.z.MoveTo(float32(pts[0].X-ox), float32(pts[0].Y-oy))
		for _, pt := range pts[1:] {
			r.z.LineTo(float32(pt.X-ox), float32(pt.Y-oy))
		}
		r.z.ClosePath()
	}
}

// mask rasterises q's coverage of box into m (resized to the box, at the
// origin) and returns it. The rasterizer writes every mask byte, so no clearing is
// needed.
func (r *Raster) mask(q *Path, box image.Rectangle, m *image.Alpha) *image.Alpha {
	w, h := box.Dx(), box.Dy()
	if n := w * h; cap(m.Pix) < n {
		m.Pix = make([]uint8, n)
	} else {
		m.Pix = m.Pix[:n]
	}
	m.Stride = w
	m.Rect = image.Rect(0, 0, w, h)
	r.load(q, box)
	r.z.DrawOp = draw.Src
	r.z.Draw(m, m.Rect, image.Opaque, image.Point{})
	return m
}

// blend composites colour c through mask m (box-sized) onto the box of the
// image, source-over on premultiplied 8-bit values, skipping uncovered
// pixels.
func (r *Raster) blend(box image.Rectangle, m *image.Alpha, c color.NRGBA) {
	// Premultiplied source, 8 bits.
	sa := uint32(c.A)
	sr, sg, sb := div255(uint32(c.R)*sa), div255(uint32(c.G)*sa), div255(uint32(c.B)*sa)
	w := box.Dx()
	pix, stride := r.img.Pix, r.img.Stride
	off := r.img.PixOffset(box.Min.X, box.Min.Y)
	for y := range box.Dy() {
		row := pix[off+y*stride : off+y*stride+4*w]
		for x, mv := range m.Pix[y*w : y*w+w] {
			if mv == 0 {
				continue
			}
			px := row[4*x : 4*x+4 : 4*x+4]
			mm := uint32(mv)
			if mm == 255 {
				if sa == 255 {
					px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 255
					continue
				}
				k := 255 - sa
				px[0] = uint8(sr + div255(uint32(px[0])*k))
				px[1] = uint8(sg + div255(uint32(px[1])*k))
				px[2] = uint8(sb + div255(uint32(px[2])*k))
				px[3] = uint8(sa + div255(uint32(px[3])*k))
				continue
			}
			k := 255 - div255(sa*mm)
			px[0] = uint8(div255(sr*mm + uint32(px[0])*k))
			px[1] = uint8(div255(sg*mm + uint32(px[1])*k))
			px[2] = uint8(div255(sb*mm + uint32(px[2])*k))
			px[3] = uint8(div255(sa*mm + uint32(px[3])*k))
		}
	}
}

// div255 returns x/255 rounded to nearest, for x <= 255*255*2.
func div255(x uint32) uint32 {
	x += 128
	return (x + x>>8) >> 8
}

// FillPath implements Canvas.
func (r *Raster) FillPath(p *Path, c color.NRGBA) {
	if c.A == 0 {
		return
	}
	q, box := r.prepare(p)
	if box.Empty() {
		return
	}
	r.blend(box, r.mask(q, box, &r.maskA), c)
}

// StrokePath implements Canvas.
func (r *Raster) StrokePath(p *Path, width float64, c color.NRGBA, dash []float64) {
	if c.A == 0 || !(width > 0) {
		return
	}
	width = min(width, maxStrokeWidth)
	r.outline.Reset()
	r.st.strokeOutline(&r.outline, p, width, dash, r.frame.Outset(width/2+2))
	r.FillPath(&r.outline, c)
}

// Hatch defaults.
const (
	defaultHatchSpacing = 8
	defaultHatchWidth   = 1
)

// HatchPath implements Canvas.
func (r *Raster) HatchPath(p *Path, h Hatch) {
	if h.Color.A == 0 {
		return
	}
	sp, w := h.Spacing, h.Width
	if !(sp >= 1) || sp > 1e4 {
		sp = defaultHatchSpacing
	}
	if !(w > 0) || w > 1e4 {
		w = defaultHatchWidth
	}
	if w >= sp {
		r.FillPath(p, h.Color)
		return
	}
	q, box := r.prepare(p)
	if box.Empty() {
		return
	}
	bw, bh := box.Dx(), box.Dy()
	a := r.mask(q, box, &r.maskA)

	// Lines x+y = c (box-local) every period along c.
	period := sp * math.Sqrt2
	phase := math.Mod(math.Mod(h.Phase, period)-float64(box.Min.X)-float64(box.Min.Y), period)
	if !finite(phase) {
		phase = 0
	}
	m := w // margin beyond the box
	first := phase - math.Ceil((phase+2*m)/period)*period
	fw, fh := float64(bw), float64(bh)
	off := w / 2 / math.Sqrt2 // perpendicular half width along (1,1)/√2
	r.hatch.Reset()
	for c := first; c <= fw+fh+2*m; c += period {
		x0 := max(-m, c-fh-m)
		x1 := min(fw+m, c+m)
		if x0 >= x1 {
			continue
		}
		// Segment (x0, c-x0)→(x1, c-x1) widened by ±off·(1,1).
		r.hatch.MoveTo(x0+off, c-x0+off)
		r.hatch.LineTo(x1+off, c-x1+off)
		r.hatch.LineTo(x1-off, c-x1-off)
		r.hatch.LineTo(x0-off, c-x0-off)
		r.hatch.Close()
	}
	b := r.mask(&r.hatch, image.Rect(0, 0, bw, bh), &r.maskB)
	for i, v := range a.Pix {
		a.Pix[i] = uint8((uint32(v)*uint32(b.Pix[i]) + 127) / 255)
	}
	r.blend(box, a, h.Color)
}

// DrawText implements Canvas: glyph outlines are filled like any path, a
// halo is a stroke of the outlines under them.
func (r *Raster) DrawText(x, y float64, text string, s *LabelStyle) {
	if !s.textOK() || !finite(x) || !finite(y) {
		return
	}
	r.text.Reset()
	r.ts.outline(&r.text, s, x, y, text)
	if hw := s.haloWidth(); hw > 0 {
		r.StrokePath(&r.text, 2*hw, s.Halo, nil)
	}
	r.FillPath(&r.text, s.Color)
}
