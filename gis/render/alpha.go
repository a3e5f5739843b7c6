package render

import (
	"encoding/binary"
	"sync"
)

// The alpha plane: painting under (front to back), a raster keeps a copy
// of its pixels' alphas, one byte a pixel, and asks it rather than the
// pixels whether a pixel is (nearly) opaque. On a crowded overview most
// of what is drawn falls on opaque paint and is only asked about, never
// painted; the plane is a quarter of the bytes of the picture, so the
// part of it a strip works on stays in the processor's cache where the
// picture's did not (the hairliner's test of each pixel was the costliest
// line of a frame).
//
// The alpha of the pixel at byte offset off in the raster's Pix is
// alpha[off>>2]: the plane's rows are Stride/4 apart, as the pixels' are
// Stride, so the offsets the drawing code already has serve for both
// (bytes between the end of one raster row and the next are not used).
// Whatever paints under a pixel writes its new alpha to the plane too.

// alphaPlanes recycles planes between frames.
var alphaPlanes sync.Pool

// startAlpha fills the plane from the pixels.
func (r *Raster) startAlpha() {
	r.endAlpha()
	w, h := r.img.Rect.Dx(), r.img.Rect.Dy()
	if w == 0 || h == 0 {
		return
	}
	pitch := r.img.Stride / 4
	n := (h-1)*pitch + w
	p, _ := alphaPlanes.Get().(*[]uint8)
	if p == nil || cap(*p) < n {
		s := make([]uint8, n)
		p = &s
	}
	a := (*p)[:n]
	for y := range h {
		row := r.img.Pix[y*r.img.Stride : y*r.img.Stride+4*w]
		al := a[y*pitch : y*pitch+w]
		if blankRow(row) { // a new picture's: the common case
			clear(al)
			continue
		}
		for x := range al {
			al[x] = row[4*x+3]
		}
	}
	r.alpha, r.alphaBuf = a, p
}

// blankRow reports whether every byte of row is zero, eight at a time.
func blankRow(row []byte) bool {
	var or uint64
	i := 0
	for ; i+32 <= len(row); i += 32 {
		q := row[i : i+32 : i+32]
		or |= binary.LittleEndian.Uint64(q) | binary.LittleEndian.Uint64(q[8:]) |
			binary.LittleEndian.Uint64(q[16:]) | binary.LittleEndian.Uint64(q[24:])
	}
	for _, b := range row[i:] {
		or |= uint64(b)
	}
	return or == 0
}

// endAlpha lets the plane go.
func (r *Raster) endAlpha() {
	if r.alphaBuf != nil {
		alphaPlanes.Put(r.alphaBuf)
	}
	r.alpha, r.alphaBuf = nil, nil
}

// allNearOpaque masks the bits set in each of eight alphas of at least
// nearOpaque (252 = 0xfc: a run of high bits, see TestAllNearOpaque).
const allNearOpaque = 0x0101010101010101 * uint64(nearOpaque)

// eightOpaque reports whether the eight alphas of a are all nearly opaque.
func eightOpaque(a []uint8) bool {
	return binary.LittleEndian.Uint64(a)&allNearOpaque == allNearOpaque
}

// nearOpaqueTail reports whether the n < 8 alphas of plane from i on are
// all nearly opaque, in one load of eight where the plane has them (the
// ends of a marker's rows, and the rows of a short outline piece's box).
func nearOpaqueTail(plane []uint8, i, n int) bool {
	if i+8 > len(plane) {
		return nearOpaqueBytes(plane[i : i+n])
	}
	m := allNearOpaque >> (8 * (8 - n))
	return binary.LittleEndian.Uint64(plane[i:i+8])&m == m
}

// nearOpaqueBytes reports whether every alpha of a is nearly opaque.
func nearOpaqueBytes(a []uint8) bool {
	for _, v := range a {
		if v < nearOpaque {
			return false
		}
	}
	return true
}

// opaqueBox reports whether every pixel of [x0, x1) × [y0, y1), cut to
// the raster, is nearly opaque in the plane (nothing of the raster: true).
// It reads the pixels themselves, for boxes a few pixels across, where
// the blocks of occlusion.go are too coarse to tell.
func (r *Raster) opaqueBox(x0, y0, x1, y1 int) bool {
	x0, y0, x1, y1, in := r.within(x0, y0, x1, y1)
	if !in {
		return true
	}
	pitch, plane := r.img.Stride/4, r.alpha
	for y := y0; y < y1; y++ {
		i, n := y*pitch+x0, x1-x0
		for ; n >= 8; n -= 8 {
			if !eightOpaque(plane[i : i+8]) {
				return false
			}
			i += 8
		}
		if n > 0 && !nearOpaqueTail(plane, i, n) {
			return false
		}
	}
	return true
}
