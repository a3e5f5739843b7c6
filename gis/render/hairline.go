package render

import (
	"encoding/binary"
	"image/color"
	"math"
)

// hairliner draws the pieces of a thin opaque stroke straight into the
// raster, one pixel column (or row) at a time, instead of outlining each
// piece as a quadrilateral and rasterising its four edges through the
// accumulator: on an overview, where every mine and heap is outlined and
// most outlines are a few pixels long, that was most of a frame.
//
// Each piece is the rectangle of half width hw around a segment whose ends
// the stroker has already extended by hw (the thin strokes' square ends).
// Along its major axis the piece is cut into unit columns; a column covers
// the pixels across it by the overlap of [centre ± thickness/2] with each
// pixel, times the fraction of the column the piece spans. That is the
// exact area of the piece in each column (its sides are taken straight
// across the column at the column's middle, a hundredth of a pixel off at
// most for these widths), so lines keep their weight at every angle.
//
// Pieces along the same axis that meet at a vertex are cut there, not
// extended, and the column they share gets the sum of their two parts, so
// a line through extra vertices looks as without them. Where the axis
// changes both pieces are extended and the pixels they share are painted
// twice, 1-(1-a)(1-b) rather than the coverage of their union: for the
// opaque colours the hairliner is used for, a shade darker on a pixel or
// two at such a turn.
type hairliner struct {
	r     *Raster
	b     blender
	hw    float64
	pix   []byte  // r's pixels
	alpha []uint8 // r's alpha plane, painting under
	under bool    // r paints under
	// The pixels covered and not yet painted: byte offsets and coverages,
	// painted by flush in one loop without a call per pixel.
	n    int
	offs [hairBatch]int32
	covs [hairBatch]uint8
	// Where, among those, lie the column at the end of the last piece and
	// the column at the start of the subpath's first piece, for the pieces
	// that abut them.
	last, first hairColumn
}

// hairColumn is a column of pixels recorded by the hairliner: its index
// along the major axis, the axis, and its entries [lo, hi).
type hairColumn struct {
	i      int
	swap   bool
	lo, hi int
	ok     bool
}

// hairBatch is how many pixels the hairliner collects before painting.
const hairBatch = 512

// hairlineOK reports whether a stroke of width w in colour c is drawn by
// the hairliner: thin (see thinWidth) and opaque, where the overlap of its
// pieces cannot show.
func hairlineOK(w float64, c uint8) bool { return w <= thinWidth && c == 255 }

// newSubpath forgets the columns of the previous subpath.
func (h *hairliner) newSubpath() { h.last.ok, h.first.ok = false, false }

// segment draws the piece p→q. joinP says p is where the last piece
// ended, along the same axis (their shared column is summed); joinQ that q
// is where the subpath's first piece started (closing a ring); first that
// this is the subpath's first piece.
func (h *hairliner) segment(p, q Pt, joinP, joinQ, first bool) {
	if xMajor(Pt{q.X - p.X, q.Y - p.Y}) {
		h.span(p.X, p.Y, q.X, q.Y, false, joinP, joinQ, first)
	} else {
		h.span(p.Y, p.X, q.Y, q.X, true, joinP, joinQ, first)
	}
}

// span draws the piece (a0, b0)→(a1, b1) in (major, minor) axis
// coordinates: x, y when !swap, y, x when swap. The points are finite and
// within a few pixels of the raster (the stroker clips to it).
func (h *hairliner) span(a0, b0, a1, b1 float64, swap, joinP, joinQ, first bool) {
	// The columns of the piece's two ends, before the ends are ordered.
	colP, colQ := int(math.Floor(a0)), int(math.Floor(a1))
	if a1 < a0 {
		a0, b0, a1, b1 = a1, b1, a0, b0
	}
	img := h.r.img
	na, nb := img.Rect.Dx(), img.Rect.Dy()
	stepA, stepB := 4, img.Stride // bytes per unit along each axis
	if swap {
		na, nb = nb, na
		stepA, stepB = stepB, stepA
	}
	var slope float64
	if la := a1 - a0; la > 0 {
		slope = (b1 - b0) / la
	}
	half := h.hw * math.Sqrt(1+slope*slope) // half thickness across the column
	i0 := max(0, int(math.Floor(a0)))
	i1 := min(na, int(math.Ceil(a1)))
	fnb := float64(nb)
	prev := h.last // the last piece's column at its end
	h.last.ok = false
	if h.under && h.hiddenPiece(i0, i1, min(b0, b1)-half, max(b0, b1)+half, swap) {
		return // an abutting piece finds no column of it to add to
	}
	for i := i0; i < i1; i++ {
		// The part [lo, hi] of the column the piece spans.
		lo, hi := float64(i), float64(i+1)
		if a0 > lo {
			lo = a0
		}
		if a1 < hi {
			hi = a1
		}
		f := hi - lo
		if !(f > 0) {
			continue
		}
		c := b0 + (0.5*(lo+hi)-a0)*slope
		top, bot := c-half, c+half
		start := h.n
		if h.n > hairBatch-8 {
			h.flush() // room for a column; the recorded ones are gone
			start, prev.ok = 0, false
		}
		// A column shared with an abutting piece adds to its entries.
		var with *hairColumn
		switch {
		case joinP && i == colP && prev.ok && prev.i == i && prev.swap == swap:
			with = &prev
		case joinQ && i == colQ && h.first.ok && h.first.i == i && h.first.swap == swap:
			with = &h.first
		}
		h.column(i*stepA, stepB, top, bot, f, nb, fnb, with)
		if i == colQ {
			h.last = hairColumn{i: i, swap: swap, lo: start, hi: h.n, ok: true}
		}
		if first && i == colP {
			h.first = hairColumn{i: i, swap: swap, lo: start, hi: h.n, ok: true}
		}
	}
}

// hiddenPiece reports whether every pixel of the box of the piece over
// columns [i0, i1) between minor coordinates lo and hi is nearly opaque:
// painting under, none of its pixels would show. A piece of an overview's
// outline is a few pixels long, its box a few dozen pixels, read straight
// from the alpha plane (the 8×8 blocks were too coarse: half the pieces
// they let through still painted nothing); a longer one asks the blocks.
func (h *hairliner) hiddenPiece(i0, i1 int, lo, hi float64, swap bool) bool {
	if !(lo > -1e9 && hi < 1e9) {
		return false
	}
	j0, j1 := int(math.Floor(lo)), int(math.Ceil(hi))
	x0, y0, x1, y1 := i0, j0, i1, j1
	if swap {
		x0, y0, x1, y1 = j0, i0, j1, i1
	}
	if (x1-x0)*(y1-y0) <= maxOpaqueBox {
		return h.r.opaqueBox(x0, y0, x1, y1)
	}
	return h.r.blocksOpaque(x0, y0, x1, y1)
}

// maxOpaqueBox is the most pixels hiddenPiece reads of a piece's box: a
// long diagonal piece's box is mostly not its pixels.
const maxOpaqueBox = 256

// column covers the pixels of a column at byte offset off0 (pixel row 0
// of the minor axis, stride step) between top and bot, times f, keeping
// to the nb (fnb) pixels of the raster; with, when set, holds entries of
// the same column to add to.
func (h *hairliner) column(off0, step int, top, bot, f float64, nb int, fnb float64, with *hairColumn) {
	if !(top >= 0 && bot <= fnb) || with != nil {
		j0 := max(0, int(math.Floor(top)))
		j1 := min(nb, int(math.Ceil(bot)))
		for j := j0; j < j1; j++ {
			h.add(off0+j*step, (min(float64(j+1), bot)-max(float64(j), top))*f, with)
		}
		return
	}
	// Within the raster: truncation is floor.
	jt, jb := int(top), int(bot)
	off := off0 + jt*step
	if jt == jb || float64(jb) == bot && jt == jb-1 {
		h.put(off, (bot-top)*f) // one pixel holds the whole thickness
		return
	}
	// The first pixel, those wholly inside, the last.
	h.put(off, (float64(jt+1)-top)*f)
	for j := jt + 1; j < jb; j++ {
		off += step
		h.put(off, f)
	}
	h.put(off+step, (bot-float64(jb))*f)
}

// add is put, adding to the entry of with for the same pixel if any.
func (h *hairliner) add(off int, cov float64, with *hairColumn) {
	if with != nil {
		for k := with.lo; k < with.hi; k++ {
			if int(h.offs[k]) == off {
				h.covs[k] = uint8(min(255, float64(h.covs[k])+cov*255+0.5))
				return
			}
		}
	}
	h.put(off, cov)
}

// put records the pixel at byte offset off with coverage cov in [0, 1].
// span makes room for a column's pixels (at most four: a thin stroke is
// at most 2√2 pixels thick across a column) before the column.
func (h *hairliner) put(off int, cov float64) {
	if h.under && h.alpha[off>>2] >= nearOpaque {
		return // painting under: nothing shows under this pixel
	}
	if m := uint8(cov*255 + 0.5); m != 0 {
		h.offs[h.n], h.covs[h.n] = int32(off), m
		h.n++
	}
}

// flush paints the recorded pixels in the (opaque) colour: over them, or
// under them when the raster paints under.
func (h *hairliner) flush() {
	pix, alpha := h.pix, h.alpha
	b := &h.b
	offs, covs := h.offs[:h.n], h.covs[:h.n]
	if b.under { // blendUnder written out: the hot loop of a frame
		for k, o := range offs {
			a := &alpha[o>>2]
			if *a >= nearOpaque {
				continue // an opaque pixel takes nothing more
			}
			srb, sga := b.rb, b.ga
			if m := uint32(covs[k]); m != 255 {
				srb, sga = div255x2(srb*m), div255x2(sga*m)
			}
			px := pix[o : o+4 : o+4]
			p := under(binary.LittleEndian.Uint32(px), srb, sga)
			binary.LittleEndian.PutUint32(px, p)
			*a = uint8(p >> 24)
		}
	} else {
		for k, o := range offs {
			b.blend(pix[o:o+4:o+4], uint32(covs[k]))
		}
	}
	h.n = 0
	h.last.ok, h.first.ok = false, false
}

// thinStroker is implemented by canvases that draw thin opaque outlines
// of features the faster way (see hairliner). Markers and text halos,
// small closed shapes whose look a pixel decides, keep StrokePath.
type thinStroker interface {
	// strokeThin is StrokePath for a width and colour hairlineOK accepts.
	strokeThin(p *Path, width float64, c color.NRGBA, dash []float64)
}

// strokeThin implements thinStroker.
func (r *Raster) strokeThin(p *Path, width float64, c color.NRGBA, dash []float64) {
	if len(r.img.Pix) > math.MaxInt32 { // the pixel offsets are int32
		r.StrokePath(p, width, c, dash)
		return
	}
	bb, _ := p.Bounds()
	clip := r.frame.Outset(width/2 + 2)
	if !bb.Intersects(clip) {
		return
	}
	r.hair.r, r.hair.b, r.hair.hw, r.hair.n = r, r.newBlender(c), width/2, 0
	r.hair.pix, r.hair.alpha, r.hair.under = r.img.Pix, r.alpha, r.under
	r.st.hair = &r.hair
	r.outline.Reset()
	r.st.strokeOutline(&r.outline, p, width, dash, clip)
	r.st.hair = nil
	r.hair.flush()
	if r.under {
		r.touchedRect(bb.Outset(width/2 + 1))
	}
	r.FillPath(&r.outline, c) // bevels at sharp turns, dots
}

// stroke strokes d.path as a feature's outline or line.
func (d *drawer) stroke(w float64, c color.NRGBA, dash []float64) {
	if ts, ok := d.c.(thinStroker); ok && hairlineOK(w, c.A) {
		ts.strokeThin(&d.path, w, c, dash)
		return
	}
	d.c.StrokePath(&d.path, w, c, dash)
}
