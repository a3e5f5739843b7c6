package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
)

// nearOpaque is the alpha from which painting under a pixel is skipped
// (and DrawFrontToBack takes it as hiding what lies under it): whatever
// went under would change it by at most 255 - nearOpaque levels of 255,
// about 1 %, and translucent fills stacking on a crowded overview reach
// that long before 255 (eight overlapping mine fills do), after which
// every feature under them was blended for nothing. The background
// painted under at the end makes every pixel opaque (paintUnder).
const nearOpaque = 252

// rasterSlack is how far, in pixels, a path may reach beyond the frame
// before the raster clips it: the rasterizer walks the rows and columns a
// segment spans even outside its box, so far-out geometry must be cut first.
const rasterSlack = 64

// maxStrokeWidth bounds stroke widths, pixels.
const maxStrokeWidth = 1e4

// Raster is a Canvas that draws into an *image.RGBA with anti-aliasing
// (exact area coverage, see accumulator). Each path is rasterised in a
// buffer sized to its clipped pixel box, never the whole frame, and only
// the cells its edges touch are read back, blended as they are read, so
// small features cost little however big the picture. Colours are blended
// source-over. A Raster is not safe for concurrent use.
type Raster struct {
	img   *image.RGBA
	frame Rect

	z       accumulator
	src     image.Uniform // src.C is &col, so setting a colour never allocates
	col     color.NRGBA
	clipper clipper
	clipped Path
	visible Path // a fill's path cut to what can show (FillPath)
	outline Path
	text    Path
	st      stroker
	hair    hairliner
	ts      typesetter
	maskA   image.Alpha
	maskB   image.Alpha
	hatch   Path
	// under: painting goes under the paint already there (front-to-back
	// drawing, see DrawFrontToBack); occ is what is known of where the
	// picture is opaque then (occlusion.go), occW its blocks per row.
	under bool
	occ   []occBlock
	occW  int
	// alpha is the alpha plane while painting under (alpha.go);
	// alphaBuf holds it for the pool.
	alpha    []uint8
	alphaBuf *[]uint8
	// sprites indexes the painted sprites this raster used (sprite.go).
	sprites spriteCache
}

// NewRaster returns a w×h raster filled with bg. Negative sizes are taken
// as zero.
func NewRaster(w, h int, bg color.NRGBA) *Raster {
	w, h = max(w, 0), max(h, 0)
	r := &Raster{img: image.NewRGBA(image.Rect(0, 0, w, h))}
	r.src.C = &r.col
	r.frame = Rect{0, 0, float64(w), float64(h)}
	if bg != (color.NRGBA{}) { // a new picture is transparent black already
		r.Clear(bg)
	}
	return r
}

// NewRasterOn returns a raster drawing into img, as it is (nothing is
// cleared): for instance one strip of a bigger picture, img being an
// *image.RGBA sub-image of it. Drawing stays within img.Bounds().
func NewRasterOn(img *image.RGBA) *Raster {
	r := &Raster{img: img}
	r.src.C = &r.col
	b := img.Bounds()
	if b.Min != (image.Point{}) {
		// Keep pixel coordinates relative to the raster: re-base img.
		img = &image.RGBA{Pix: img.Pix[img.PixOffset(b.Min.X, b.Min.Y):], Stride: img.Stride, Rect: image.Rect(0, 0, b.Dx(), b.Dy())}
		r.img = img
	}
	r.frame = Rect{0, 0, float64(b.Dx()), float64(b.Dy())}
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

// mask rasterises q's coverage of box into m (resized to the box, at the
// origin) and returns it.
func (r *Raster) mask(q *Path, box image.Rectangle, m *image.Alpha) *image.Alpha {
	w, h := box.Dx(), box.Dy()
	if n := w * h; cap(m.Pix) < n {
		m.Pix = make([]uint8, n)
	} else {
		m.Pix = m.Pix[:n]
	}
	m.Stride = w
	m.Rect = image.Rect(0, 0, w, h)
	r.z.reset(w, h)
	r.z.path(q, float64(box.Min.X), float64(box.Min.Y))
	r.z.mask(m.Pix)
	return m
}

// blend composites colour c through mask m (box-sized) onto the box of the
// image, source-over on premultiplied 8-bit values, skipping uncovered
// pixels.
func (r *Raster) blend(box image.Rectangle, m *image.Alpha, c color.NRGBA) {
	b := r.newBlender(c)
	w := box.Dx()
	pix, stride := r.img.Pix, r.img.Stride
	off := r.img.PixOffset(box.Min.X, box.Min.Y)
	for y := range box.Dy() {
		o := off + y*stride
		row := pix[o : o+4*w]
		if b.under {
			al := r.alpha[o>>2 : o>>2+w]
			for x, mv := range m.Pix[y*w : y*w+w] {
				if mv != 0 {
					b.blendUnder(row[4*x:4*x+4:4*x+4], &al[x], uint32(mv))
				}
			}
			continue
		}
		for x, mv := range m.Pix[y*w : y*w+w] {
			if mv != 0 {
				b.blend(row[4*x:4*x+4:4*x+4], uint32(mv))
			}
		}
	}
	if b.under {
		r.touched(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y)
	}
}

// fill rasterises q over box and blends c through its coverage, reading
// only the touched cells of each row.
func (r *Raster) fill(q *Path, box image.Rectangle, c color.NRGBA) {
	z := &r.z
	z.reset(box.Dx(), box.Dy())
	z.path(q, float64(box.Min.X), float64(box.Min.Y))
	b := r.newBlender(c)
	pix := r.img.Pix
	w := z.w
	for _, y32 := range z.rows {
		y := int(y32)
		lo, hi := int(z.lo[y]), int(z.hi[y])
		z.lo[y], z.hi[y] = math.MaxInt32, 0
		cells := z.a[y*z.stride : (y+1)*z.stride]
		off := r.img.PixOffset(box.Min.X, box.Min.Y+y)
		row := pix[off : off+4*w : off+4*w]
		var s float32
		if b.under {
			// Painting under: an opaque pixel takes nothing more, so its
			// coverage is not worked out.
			al := r.alpha[off>>2 : off>>2+w : off>>2+w]
			for x := lo; x < hi; x++ {
				s += cells[x]
				cells[x] = 0
				if x >= w || al[x] >= nearOpaque {
					continue
				}
				if m := coverage8(s); m != 0 {
					b.blendUnder(row[4*x:4*x+4:4*x+4], &al[x], m)
				}
			}
			continue
		}
		for x := lo; x < hi; x++ {
			s += cells[x]
			cells[x] = 0
			if x >= w {
				continue
			}
			if m := coverage8(s); m != 0 {
				b.blend(row[4*x:4*x+4:4*x+4], m)
			}
		}
	}
	z.rows = z.rows[:0]
	if b.under {
		r.touched(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y)
	}
}

// blender blends one colour into premultiplied RGBA pixels: two 8-bit
// channels per 32-bit lane pair (red with blue, green with alpha), with
// exactly the rounding of a per-channel (x + 127) / 255.
type blender struct {
	c      color.NRGBA
	sa     uint32
	rb, ga uint32 // premultiplied source, lanes 0 and 16
	opaque uint32 // the colour as a pixel, for c.A = 255
	under  bool   // paint under the pixel instead of over it
}

func (r *Raster) newBlender(c color.NRGBA) blender {
	sa := uint32(c.A)
	sr, sg, sb := div255(uint32(c.R)*sa), div255(uint32(c.G)*sa), div255(uint32(c.B)*sa)
	return blender{c: c, sa: sa, rb: sr | sb<<16, ga: sg | sa<<16, under: r.under,
		opaque: uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 0xff<<24}
}

// div255x2 is div255 on both 16-bit lanes of x.
func div255x2(x uint32) uint32 {
	x += 0x00800080
	return ((x + (x>>8)&0x00ff00ff) >> 8) & 0x00ff00ff
}

// blend paints px (4 bytes) with coverage m in 1..255, over it (painting
// under goes through blendUnder, which keeps the alpha plane).
func (b *blender) blend(px []byte, m uint32) {
	if m == 255 && b.sa == 255 {
		binary.LittleEndian.PutUint32(px, b.opaque)
		return
	}
	p := binary.LittleEndian.Uint32(px)
	var rb, ga uint32
	if m == 255 {
		k := 255 - b.sa
		rb = b.rb + div255x2((p&0x00ff00ff)*k)
		ga = b.ga + div255x2((p>>8&0x00ff00ff)*k)
	} else {
		k := 255 - div255(b.sa*m)
		rb = div255x2(b.rb*m + (p&0x00ff00ff)*k)
		ga = div255x2(b.ga*m + (p>>8&0x00ff00ff)*k)
	}
	binary.LittleEndian.PutUint32(px, rb|ga<<8)
}

// blendUnder paints px with coverage m under what it holds: the pixel
// keeps its paint and lets through 1 - alpha of the new colour (the
// "destination over" operator). An opaque pixel, or a nearly opaque one,
// is left alone. a is the pixel's alpha in the alpha plane.
func (b *blender) blendUnder(px []byte, a *uint8, m uint32) {
	if *a >= nearOpaque {
		return
	}
	srb, sga := b.rb, b.ga
	if m != 255 {
		srb, sga = div255x2(srb*m), div255x2(sga*m)
	}
	p := under(binary.LittleEndian.Uint32(px), srb, sga)
	binary.LittleEndian.PutUint32(px, p)
	*a = uint8(p >> 24)
}

// under is pixel p (premultiplied RGBA, little-endian) with the colour
// whose lanes are srb and sga painted under it ("destination over").
func under(p, srb, sga uint32) uint32 {
	t := 255 - p>>24
	return (p&0x00ff00ff + div255x2(srb*t)) | (p>>8&0x00ff00ff+div255x2(sga*t))<<8
}

// over is the premultiplied colour s painted over pixel p (source over).
func over(p, s uint32) uint32 {
	t := 255 - s>>24
	return (s&0x00ff00ff + div255x2((p&0x00ff00ff)*t)) | (s>>8&0x00ff00ff+div255x2((p>>8&0x00ff00ff)*t))<<8
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
	if r.under {
		// Painting under: only the part of box not yet opaque is
		// rasterised (a feature's fill goes under its own outline, and
		// often lies wholly under paint drawn before).
		vb := r.visibleBox(box)
		if vb.Empty() || vb.Dx()*vb.Dy() <= maxOpaqueFill && r.opaqueBox(vb.Min.X, vb.Min.Y, vb.Max.X, vb.Max.Y) {
			return
		}
		if vb != box {
			r.visible.Reset()
			r.clipper.clipFill(&r.visible, q, Rect{float64(vb.Min.X), float64(vb.Min.Y), float64(vb.Max.X), float64(vb.Max.Y)})
			q, box = &r.visible, vb
		}
	}
	r.fill(q, box, c)
}

// maxOpaqueFill is the most pixels of a box FillPath reads to find its
// fill hidden.
const maxOpaqueFill = 1024

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
