package store

import (
	"math/bits"
	"slices"
)

// fidSet is a set of fids: a bit each for fids from 0 to 2²⁴ (at most 2
// MiB), a map for any other (a GeoPackage fid may be any 64-bit integer).
type fidSet struct {
	bits  []uint64
	other map[int64]bool
}

const fidSetBits = 1 << 24

// add adds id and reports whether it was new.
func (f *fidSet) add(id int64) bool {
	if id < 0 || id >= fidSetBits {
		if f.other[id] {
			return false
		}
		if f.other == nil {
			f.other = map[int64]bool{}
		}
		f.other[id] = true
		return true
	}
	w := int(id >> 6)
	if w >= len(f.bits) {
		f.bits = append(f.bits, make([]uint64, w+1-len(f.bits)+len(f.bits)/2)...)
	}
	bit := uint64(1) << (id & 63)
	if f.bits[w]&bit != 0 {
		return false
	}
	f.bits[w] |= bit
	return true
}

// sorted lists the set in increasing order.
func (f *fidSet) sorted() []int64 {
	n := len(f.other)
	for _, w := range f.bits {
		n += bits.OnesCount64(w)
	}
	out := make([]int64, 0, n)
	for id := range f.other {
		out = append(out, id)
	}
	for i, w := range f.bits {
		for w != 0 {
			out = append(out, int64(i)<<6+int64(bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	if len(f.other) > 0 {
		slices.Sort(out)
	}
	return out
}
