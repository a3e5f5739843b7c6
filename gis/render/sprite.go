package render

import (
	"image"
	"image/color"
	"math"
	"sync"
)

// Marker sprites: a layer of thousands of point markers draws each one
// from a cached coverage mask instead of rasterising its outline again.
// The mask depends on the marker's shape, size, stroke width and its
// position within a pixel, which is rounded to 1/spriteSteps of a pixel
// (the marker moves by at most 1/32 px). Draw switches to sprites after
// spriteAfter markers in one call, so small maps stay exact.

const (
	spriteSteps = 16
	spriteAfter = 256
	// maxSprites bounds the cache (a sprite is a few hundred bytes).
	maxSprites = 1 << 14
)

// spriteKey identifies a sprite.
type spriteKey struct {
	shape      PointShape
	size, sw   float64
	strokeOnly bool // PointCross: no fill mask
	fx, fy     uint8
}

// sprite holds a marker's fill and stroke coverage in a box whose
// top-left corner is (ox, oy) pixels from the marker's integer position.
type sprite struct {
	ox, oy       int
	w, h         int
	fill, stroke []uint8 // w×h; nil when not drawn
}

var sprites struct {
	sync.RWMutex
	m map[spriteKey]*sprite
}

// spriteCanvas is implemented by canvases that draw markers from sprites.
type spriteCanvas interface {
	// marker draws a marker of the given shape, size (pixels) and stroke
	// width centred on (x, y): fill painted with fill, outline stroked
	// with stroke (strokeOnly: the outline alone, as for PointCross). It
	// reports false when it cannot (the caller then draws the outline).
	marker(shape PointShape, x, y, size, sw float64, strokeOnly bool, fill, stroke color.NRGBA) bool
}

// marker implements spriteCanvas.
func (r *Raster) marker(shape PointShape, x, y, size, sw float64, strokeOnly bool, fill, stroke color.NRGBA) bool {
	if !finite(x) || !finite(y) || math.Abs(x) > 1e9 || math.Abs(y) > 1e9 || size > 256 || sw > 64 {
		return false
	}
	ix, iy := math.Floor(x), math.Floor(y)
	fx := uint8(math.Round((x - ix) * spriteSteps))
	fy := uint8(math.Round((y - iy) * spriteSteps))
	k := spriteKey{shape: shape, size: size, sw: sw, strokeOnly: strokeOnly, fx: fx, fy: fy}
	sprites.RLock()
	s := sprites.m[k]
	sprites.RUnlock()
	if s == nil {
		s = r.makeSprite(k)
		sprites.Lock()
		if sprites.m == nil || len(sprites.m) >= maxSprites {
			sprites.m = map[spriteKey]*sprite{}
		}
		sprites.m[k] = s
		sprites.Unlock()
	}
	box := image.Rect(int(ix)+s.ox, int(iy)+s.oy, int(ix)+s.ox+s.w, int(iy)+s.oy+s.h)
	if r.under && s.stroke != nil && stroke.A > 0 { // under: outline first
		r.blendSprite(box, s.stroke, stroke)
	}
	if s.fill != nil && fill.A > 0 {
		r.blendSprite(box, s.fill, fill)
	}
	if !r.under && s.stroke != nil && stroke.A > 0 {
		r.blendSprite(box, s.stroke, stroke)
	}
	return true
}

// makeSprite rasterises the marker of k at (fx, fy)/spriteSteps within a
// pixel, as point draws it.
func (r *Raster) makeSprite(k spriteKey) *sprite {
	cx := float64(k.fx) / spriteSteps
	cy := float64(k.fy) / spriteSteps
	reach := k.size/2 + k.sw + 2
	ox, oy := int(math.Floor(cx-reach)), int(math.Floor(cy-reach))
	w, h := int(math.Ceil(cx+reach))-ox, int(math.Ceil(cy+reach))-oy
	s := &sprite{ox: ox, oy: oy, w: w, h: h}
	var p, outline Path
	// Box-local coordinates.
	markerPath(&p, k.shape, cx-float64(ox), cy-float64(oy), k.size)
	var z accumulator
	if !k.strokeOnly {
		s.fill = make([]uint8, w*h)
		z.reset(w, h)
		z.path(&p, 0, 0)
		z.mask(s.fill)
	}
	if k.sw > 0 {
		var st stroker
		st.strokeOutline(&outline, &p, k.sw, nil, Rect{-1, -1, float64(w + 1), float64(h + 1)})
		s.stroke = make([]uint8, w*h)
		z.reset(w, h)
		z.path(&outline, 0, 0)
		z.mask(s.stroke)
	}
	return s
}

// blendSprite blends colour c through the box-sized mask m onto the part
// of box inside the image.
func (r *Raster) blendSprite(box image.Rectangle, m []uint8, c color.NRGBA) {
	in := box.Intersect(r.img.Rect)
	if in.Empty() {
		return
	}
	b := r.newBlender(c)
	w := box.Dx()
	for y := in.Min.Y; y < in.Max.Y; y++ {
		mrow := m[(y-box.Min.Y)*w : (y-box.Min.Y+1)*w]
		off := r.img.PixOffset(in.Min.X, y)
		row := r.img.Pix[off : off+4*in.Dx()]
		for x := in.Min.X; x < in.Max.X; x++ {
			if mv := mrow[x-box.Min.X]; mv != 0 {
				i := 4 * (x - in.Min.X)
				if b.under {
					if row[i+3] != 255 { // an opaque pixel takes nothing more
						b.blendUnder(row[i:i+4:i+4], uint32(mv))
					}
					continue
				}
				b.blend(row[i:i+4:i+4], uint32(mv))
			}
		}
	}
}
