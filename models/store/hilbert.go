package store

import (
	"slices"

	"github.com/paulmach/orb"
)

// sortHilbert orders index entries along a Hilbert curve over ext by the
// centres of their boxes. Inserting into SQLite's R*Tree in this order keeps
// each insert near the last one: fewer node splits and reinsertions, and
// tighter nodes for later queries.
func sortHilbert(es []rtreeEntry, ext orb.Bound) {
	const side = 1 << 16
	w, h := ext.Max[0]-ext.Min[0], ext.Max[1]-ext.Min[1]
	scale := func(v, lo, span float64) uint32 {
		if span <= 0 {
			return 0
		}
		f := (v - lo) / span * (side - 1)
		return uint32(min(max(f, 0), side-1))
	}
	keys := make([]uint64, len(es))
	for i, e := range es {
		c := e.b.Center()
		keys[i] = hilbertIndex(scale(c[0], ext.Min[0], w), scale(c[1], ext.Min[1], h), side)<<32 | uint64(i)
	}
	slices.Sort(keys)
	sorted := make([]rtreeEntry, len(es))
	for i, k := range keys {
		sorted[i] = es[uint32(k)]
	}
	copy(es, sorted)
}

// hilbertIndex is the distance of cell (x, y) along the Hilbert curve
// filling a side×side grid (side a power of two; x, y < side).
func hilbertIndex(x, y, side uint32) uint64 {
	var d uint64
	for s := side / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x, y = side-1-x, side-1-y
			}
			x, y = y, x
		}
	}
	return d
}
