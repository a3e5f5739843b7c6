package geomcheck

import (
	"cmp"
	"slices"
)

// sweepKey is a segment's lower bound along the sweep axis.
type sweepKey struct {
	lo float64
	id int32
}

// sortKeys sorts keys by lo. Keys taken in ring order form long monotone
// runs (a boundary goes one way for many vertices before turning), so it
// merges the natural runs, which costs O(n log r) for r runs; input
// without such structure goes to pdqsort instead.
func sortKeys(keys []sweepKey) {
	n := len(keys)
	var starts []int
	for i := 0; i < n; {
		j := i + 1
		if j < n && keys[j].lo < keys[i].lo {
			for j < n && keys[j].lo < keys[j-1].lo {
				j++
			}
			slices.Reverse(keys[i:j])
		} else {
			for j < n && keys[j].lo >= keys[j-1].lo {
				j++
			}
		}
		starts = append(starts, i)
		if len(starts) > n/16+1 {
			slices.SortFunc(keys, func(a, b sweepKey) int { return cmp.Compare(a.lo, b.lo) })
			return
		}
		i = j
	}
	if len(starts) <= 1 {
		return
	}
	starts = append(starts, n)
	src, dst := keys, make([]sweepKey, n)
	for len(starts) > 2 {
		next := make([]int, 0, len(starts)/2+2)
		for r := 0; r+1 < len(starts); r += 2 {
			lo := starts[r]
			next = append(next, lo)
			if r+2 >= len(starts) {
				copy(dst[lo:], src[lo:starts[r+1]])
				continue
			}
			mergeKeys(dst[lo:starts[r+2]], src[lo:starts[r+1]], src[starts[r+1]:starts[r+2]])
		}
		starts = append(next, n)
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// mergeKeys merges the sorted slices a and b into dst (len(a)+len(b)).
func mergeKeys(dst, a, b []sweepKey) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if b[j].lo < a[i].lo {
			dst[k] = b[j]
			j++
		} else {
			dst[k] = a[i]
			i++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}
