package render

import (
	"encoding/binary"
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
	m       map[spriteKey]*sprite
	painted map[paintKey]*paintedSprite
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
	k := paintKey{spriteKey{shape: shape, size: size, sw: sw, strokeOnly: strokeOnly, fx: fx, fy: fy}, fill, stroke}
	slot := r.sprites.slot(k)
	ps := *slot
	if ps == nil {
		sprites.RLock()
		ps = sprites.painted[k]
		sprites.RUnlock()
		if ps == nil {
			ps = r.paintSprite(k)
		}
		*slot = ps
	}
	r.blendPainted(int(ix)+ps.ox, int(iy)+ps.oy, ps)
	return true
}

// paintKey identifies a painted sprite: a sprite in a fill and a stroke
// colour.
type paintKey struct {
	spriteKey
	fill, stroke color.NRGBA
}

// paintedSprite is a marker ready to blend: its fill and outline
// composited (outline over fill, as Draw paints them) into premultiplied
// RGBA pixels, with the span of each row that holds any. Painting it over
// a pixel, or under, gives what painting the fill and then the outline
// over (or the outline and then the fill under) gives, to rounding: "over"
// is associative. One pass instead of two, and none over the empty
// corners of the box.
type paintedSprite struct {
	ox, oy, w, h int
	px           []uint32 // w×h, as image.RGBA's bytes read little-endian
	lo, hi       []int16  // per row: the pixels [lo, hi) not transparent
}

// paintSprite makes (and caches) the painted sprite of k.
func (r *Raster) paintSprite(k paintKey) *paintedSprite {
	sprites.RLock()
	s := sprites.m[k.spriteKey]
	sprites.RUnlock()
	if s == nil {
		s = r.makeSprite(k.spriteKey)
	}
	ps := &paintedSprite{ox: s.ox, oy: s.oy, w: s.w, h: s.h, px: make([]uint32, s.w*s.h),
		lo: make([]int16, s.h), hi: make([]int16, s.h)}
	fill, stroke := k.fill, k.stroke
	if s.fill == nil {
		fill.A = 0
	}
	if s.stroke == nil {
		stroke.A = 0
	}
	fb, sb := r.newBlender(fill), r.newBlender(stroke)
	fb.under, sb.under = false, false
	var px [4]byte
	for y := range s.h {
		lo, hi := s.w, 0
		for x := range s.w {
			i := y*s.w + x
			px = [4]byte{}
			if fill.A > 0 && s.fill[i] != 0 {
				fb.blend(px[:], uint32(s.fill[i]))
			}
			if stroke.A > 0 && s.stroke[i] != 0 {
				sb.blend(px[:], uint32(s.stroke[i]))
			}
			if v := binary.LittleEndian.Uint32(px[:]); v != 0 {
				ps.px[i] = v
				lo, hi = min(lo, x), x+1
			}
		}
		ps.lo[y], ps.hi[y] = int16(min(lo, hi)), int16(hi)
	}
	sprites.Lock()
	if sprites.m == nil || len(sprites.m) >= maxSprites {
		sprites.m = map[spriteKey]*sprite{}
	}
	sprites.m[k.spriteKey] = s
	if sprites.painted == nil || len(sprites.painted) >= maxSprites {
		sprites.painted = map[paintKey]*paintedSprite{}
	}
	sprites.painted[k] = ps
	sprites.Unlock()
	return ps
}

// blendPainted blends ps with its top-left corner at (x0, y0), over the
// pixels or under them as the raster paints.
func (r *Raster) blendPainted(x0, y0 int, ps *paintedSprite) {
	in := image.Rect(x0, y0, x0+ps.w, y0+ps.h).Intersect(r.img.Rect)
	if in.Empty() {
		return
	}
	if r.under {
		r.touched(in.Min.X, in.Min.Y, in.Max.X, in.Max.Y)
	}
	pix, stride := r.img.Pix, r.img.Stride
	for y := in.Min.Y; y < in.Max.Y; y++ {
		sy := y - y0
		lo := max(in.Min.X, x0+int(ps.lo[sy]))
		hi := min(in.Max.X, x0+int(ps.hi[sy]))
		if lo >= hi {
			continue
		}
		src := ps.px[sy*ps.w+lo-x0 : sy*ps.w+hi-x0]
		off := y*stride + 4*lo
		row := pix[off : off+4*len(src)]
		if r.under {
			// Eight pixels at a time: on a crowded overview most of a
			// marker lies under the markers drawn before it, and one
			// test of the alpha plane passes over eight such pixels.
			al := r.alpha[off>>2 : off>>2+len(src)]
			i := 0
			for ; i+8 <= len(src); i += 8 {
				if eightOpaque(al[i : i+8]) {
					continue
				}
				if binary.LittleEndian.Uint64(al[i:i+8]) == 0 {
					// Nothing painted there yet (alpha 0 is a bare pixel,
					// premultiplied): the sprite's pixels, unread.
					for j := i; j < i+8; j++ {
						if s := src[j]; s != 0 {
							binary.LittleEndian.PutUint32(row[4*j:4*j+4:4*j+4], s)
							al[j] = uint8(s >> 24)
						}
					}
					continue
				}
				for j := i; j < i+8; j++ {
					spriteUnder(row[4*j:4*j+4:4*j+4], &al[j], src[j])
				}
			}
			if i < len(src) && nearOpaqueTail(r.alpha, off>>2+i, len(src)-i) {
				continue
			}
			for ; i < len(src); i++ {
				spriteUnder(row[4*i:4*i+4:4*i+4], &al[i], src[i])
			}
			continue
		}
		for i, s := range src {
			d := row[4*i : 4*i+4 : 4*i+4]
			switch s >> 24 {
			case 0:
				continue
			case 255:
				binary.LittleEndian.PutUint32(d, s)
				continue
			}
			binary.LittleEndian.PutUint32(d, over(binary.LittleEndian.Uint32(d), s))
		}
	}
}

// spriteUnder paints sprite pixel s under pixel d, whose alpha in the
// alpha plane is a.
func spriteUnder(d []byte, a *uint8, s uint32) {
	if s == 0 || *a >= nearOpaque {
		return // nothing to paint, or nothing shows under it
	}
	p := binary.LittleEndian.Uint32(d)
	if p == 0 { // nothing painted here yet: the sprite's pixel
		p = s
	} else {
		p = under(p, s&0x00ff00ff, s>>8&0x00ff00ff)
	}
	binary.LittleEndian.PutUint32(d, p)
	*a = uint8(p >> 24)
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

// spriteCache is a raster's own index of the painted sprites it used:
// for each of the last few marker styles, a sprite per sub-pixel offset.
// The shared maps need their lock, and two strips drawing markers side by
// side took it for every marker; the lock's counter went back and forth
// between their processors. A layer's markers come in a few styles.
type spriteCache struct {
	styles [spriteStyles]paintKey // fx, fy zero
	sets   [spriteStyles]*[(spriteSteps + 1) * (spriteSteps + 1)]*paintedSprite
	next   int // the style replaced next
}

// spriteStyles is how many marker styles a raster indexes.
const spriteStyles = 4

// slot returns where the painted sprite of k is kept (nil until found).
func (c *spriteCache) slot(k paintKey) **paintedSprite {
	fx, fy := int(k.fx), int(k.fy)
	k.fx, k.fy = 0, 0
	i := 0
	for ; i < spriteStyles; i++ {
		if c.sets[i] != nil && c.styles[i] == k {
			break
		}
	}
	if i == spriteStyles {
		i = c.next
		c.next = (c.next + 1) % spriteStyles
		c.styles[i] = k
		c.sets[i] = new([(spriteSteps + 1) * (spriteSteps + 1)]*paintedSprite)
	}
	return &c.sets[i][fx*(spriteSteps+1)+fy]
}
