package gpkg

import (
	"slices"

	"github.com/paulmach/orb"
)

// hilbertOrder returns the indexes of bs ordered along a Hilbert curve over
// ext by the centres of the bounds: neighbours in the order are neighbours
// on the ground, which is what packs an R-tree's nodes tightly.
func hilbertOrder(bs func(i int) orb.Bound, n int, ext orb.Bound) []int {
	const side = 1 << 16
	w, h := ext.Max[0]-ext.Min[0], ext.Max[1]-ext.Min[1]
	scale := func(v, lo, span float64) uint32 {
		if span <= 0 {
			return 0
		}
		f := (v - lo) / span * (side - 1)
		return uint32(min(max(f, 0), side-1))
	}
	keys := make([]uint64, n)
	for i := range keys {
		c := bs(i).Center()
		keys[i] = hilbertIndex(scale(c[0], ext.Min[0], w), scale(c[1], ext.Min[1], h), side)<<32 | uint64(i)
	}
	slices.Sort(keys)
	order := make([]int, n)
	for i, k := range keys {
		order[i] = int(uint32(k))
	}
	return order
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
