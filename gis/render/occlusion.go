package render

import (
	"image"
	"math"
)

// What front-to-back drawing knows of where the picture is opaque.
//
// Painting under never lowers an alpha, so a pixel once (nearly) opaque
// stays so. The raster is cut into blocks of opaqueBlock × opaqueBlock
// pixels, and each block keeps the first of its pixels, in row order,
// not known to be opaque (its gap), and whether paint has gone into it
// since that was found (dirty). A question about a dirty block goes on
// scanning from its gap: the pixels before it are opaque for good. So a
// frame reads each block's pixels about once, however many features ask
// about it, and a clean block answers at once. What paints under marks
// the box it painted dirty (touched); a block not marked is at worst
// taken for less opaque than it is, which costs drawing, never a pixel.
//
// Two questions are asked: hidden, whether every pixel of a rectangle is
// opaque (a feature whose box is hidden is not drawn at all), and
// blocksOpaque, whether the blocks a rectangle meets are wholly opaque
// (a piece of a thin outline over them is not drawn: on a crowded
// overview nine in ten outline pixels fall on opaque paint).

// opaqueBlock is the side, in pixels, of a block.
const opaqueBlock = 8

// blockFull is the gap of a block whose pixels are all opaque (pixels
// beyond the raster's edge count as opaque).
const blockFull = opaqueBlock * opaqueBlock

// occBlock is what is known of one block.
type occBlock struct {
	gap   uint8 // index, in row order, of the first pixel not known opaque
	dirty bool  // painted into since gap was found
}

// resetOcclusion forgets what is known: every block is scanned from its
// first pixel when first asked about (the raster may hold paint already).
func (r *Raster) resetOcclusion() {
	w, h := r.img.Rect.Dx(), r.img.Rect.Dy()
	r.occW = (w + opaqueBlock - 1) / opaqueBlock
	n := r.occW * ((h + opaqueBlock - 1) / opaqueBlock)
	if cap(r.occ) < n {
		r.occ = make([]occBlock, n)
	}
	r.occ = r.occ[:n]
	for i := range r.occ {
		r.occ[i] = occBlock{dirty: true}
	}
	r.startAlpha()
}

// pixelBox returns the pixels of the raster rect covers; ok is false when
// there are none (or nothing is known: not drawing front to back).
func (r *Raster) pixelBox(rect Rect) (x0, y0, x1, y1 int, ok bool) {
	w, h := r.img.Rect.Dx(), r.img.Rect.Dy()
	x0, x1 = clampPx(math.Floor(rect.MinX), w), clampPx(math.Ceil(rect.MaxX), w)
	y0, y1 = clampPx(math.Floor(rect.MinY), h), clampPx(math.Ceil(rect.MaxY), h)
	return x0, y0, x1, y1, x0 < x1 && y0 < y1 && len(r.occ) > 0
}

// clampPx is v within [0, n], as an int (0 for NaN): a box far off the
// raster converts without overflow.
func clampPx(v float64, n int) int {
	if !(v > 0) {
		return 0
	}
	if v >= float64(n) {
		return n
	}
	return int(v)
}

// rescan brings the gap of block i (row by row, of occW a row) up to
// date; its callers check dirty first, inline.
func (r *Raster) rescan(i int) {
	b := &r.occ[i]
	bx, by := i%r.occW, i/r.occW
	b.dirty = false
	w, h := r.img.Rect.Dx(), r.img.Rect.Dy()
	x0, y0 := bx*opaqueBlock, by*opaqueBlock
	x1, y1 := min(w, x0+opaqueBlock), min(h, y0+opaqueBlock)
	gx, gy := x0+int(b.gap)%opaqueBlock, y0+int(b.gap)/opaqueBlock
	pitch := r.img.Stride / 4
	for y := gy; y < y1; y++ {
		xs := x0
		if y == gy {
			xs = gx
		}
		row := r.alpha[y*pitch+xs : y*pitch+x1]
		if len(row) == opaqueBlock && eightOpaque(row) {
			continue
		}
		for k, a := range row {
			if a < nearOpaque {
				b.gap = uint8((y-y0)*opaqueBlock + xs + k - x0)
				return
			}
		}
	}
	b.gap = blockFull
}

// hidden reports whether every pixel of the raster within rect is opaque
// already, or nearly (see nearOpaque): nothing drawn under it can show.
// A rect off the raster is not hidden (culling decides about it).
func (r *Raster) hidden(rect Rect) bool {
	x0, y0, x1, y1, ok := r.pixelBox(rect)
	if !ok {
		return false
	}
	for by := y0 / opaqueBlock; by <= (y1-1)/opaqueBlock; by++ {
		for bx := x0 / opaqueBlock; bx <= (x1-1)/opaqueBlock; bx++ {
			i := by*r.occW + bx
			if r.occ[i].dirty {
				r.rescan(i)
			}
			b := &r.occ[i]
			if b.gap == blockFull {
				continue
			}
			bx0, by0 := bx*opaqueBlock, by*opaqueBlock
			gx, gy := bx0+int(b.gap)%opaqueBlock, by0+int(b.gap)/opaqueBlock
			if gx >= x0 && gx < x1 && gy >= y0 && gy < y1 {
				return false // the gap is within rect
			}
			// The part of rect within the block, past the gap.
			if !r.opaqueBox(max(x0, bx0), max(y0, gy), min(x1, bx0+opaqueBlock), min(y1, by0+opaqueBlock)) {
				return false
			}
		}
	}
	return true
}

// blocksOpaque reports whether every block that pixels [x0, x1) × [y0,
// y1) meet is wholly opaque (nothing of the raster within them: true).
func (r *Raster) blocksOpaque(x0, y0, x1, y1 int) bool {
	x0, y0, x1, y1, in := r.within(x0, y0, x1, y1)
	if !in {
		return true
	}
	if len(r.occ) == 0 {
		return false // not drawing front to back: nothing is known
	}
	for by := y0 / opaqueBlock; by <= (y1-1)/opaqueBlock; by++ {
		row := r.occ[by*r.occW : (by+1)*r.occW]
		for bx := x0 / opaqueBlock; bx <= (x1-1)/opaqueBlock; bx++ {
			if row[bx].dirty {
				r.rescan(by*r.occW + bx)
			}
			if row[bx].gap != blockFull {
				return false
			}
		}
	}
	return true
}

// within returns pixels [x0, x1) × [y0, y1) cut to the raster; in is
// false when nothing of the raster is left.
func (r *Raster) within(x0, y0, x1, y1 int) (int, int, int, int, bool) {
	w, h := r.img.Rect.Dx(), r.img.Rect.Dy()
	x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
	return x0, y0, x1, y1, x0 < x1 && y0 < y1
}

// touchedRect is touched for the pixels rect covers.
func (r *Raster) touchedRect(rect Rect) {
	if x0, y0, x1, y1, ok := r.pixelBox(rect); ok {
		r.touched(x0, y0, x1, y1)
	}
}

// touched marks the blocks box meets dirty: paint went under them.
func (r *Raster) touched(x0, y0, x1, y1 int) {
	x0, y0, x1, y1, in := r.within(x0, y0, x1, y1)
	if !in || len(r.occ) == 0 {
		return
	}
	for by := y0 / opaqueBlock; by <= (y1-1)/opaqueBlock; by++ {
		row := r.occ[by*r.occW : (by+1)*r.occW]
		for bx := x0 / opaqueBlock; bx <= (x1-1)/opaqueBlock; bx++ {
			if row[bx].gap != blockFull {
				row[bx].dirty = true
			}
		}
	}
}

// visibleBox returns box less its rows and columns of blocks wholly
// opaque along its edges: painting under, what lies there cannot show.
func (r *Raster) visibleBox(box image.Rectangle) image.Rectangle {
	if len(r.occ) == 0 {
		return box
	}
	for !box.Empty() {
		y1 := min(box.Max.Y, (box.Min.Y/opaqueBlock+1)*opaqueBlock)
		if !r.blocksOpaque(box.Min.X, box.Min.Y, box.Max.X, y1) {
			break
		}
		box.Min.Y = y1
	}
	for !box.Empty() {
		y0 := max(box.Min.Y, (box.Max.Y-1)/opaqueBlock*opaqueBlock)
		if !r.blocksOpaque(box.Min.X, y0, box.Max.X, box.Max.Y) {
			break
		}
		box.Max.Y = y0
	}
	for !box.Empty() {
		x1 := min(box.Max.X, (box.Min.X/opaqueBlock+1)*opaqueBlock)
		if !r.blocksOpaque(box.Min.X, box.Min.Y, x1, box.Max.Y) {
			break
		}
		box.Min.X = x1
	}
	for !box.Empty() {
		x0 := max(box.Min.X, (box.Max.X-1)/opaqueBlock*opaqueBlock)
		if !r.blocksOpaque(x0, box.Min.Y, box.Max.X, box.Max.Y) {
			break
		}
		box.Max.X = x0
	}
	return box
}
