package geomcheck

import (
	"math"

	"github.com/paulmach/orb"
)

// Topological check of one polygon whose rings are already known to be
// closed, finite and long enough. Candidate pairs of segments come from a
// sweep along one axis over segments sorted by their lower bound, keeping
// an active set of segments whose extent reaches the sweep position; each
// candidate pair is classified exactly by intersect. The axis is the one
// along which segments are short relative to the polygon's extent, so the
// active set stays small for ordinary shapes and long zigzags in either
// direction, giving O(n log n). Shapes whose segments each overlap k others
// along both axes (e.g. a comb of long, steeply leaning teeth) cost O(n·k).

// segment is one edge of positive length between ring positions i and j.
type segment struct {
	ring, k int32 // ring index; index among the ring's non-degenerate edges
	i, j    int32 // ring positions of the start and end
}

type topo struct {
	poly  orb.Polygon
	segs  []segment
	count []int32 // non-degenerate edges per ring
	first []int32 // index in segs of each ring's first edge
	// touches between different rings, examined after the sweep
	contacts [][2]int32
	contactP []orb.Point
}

func (c *checker) topology(p orb.Polygon) *Problem {
	t := topo{poly: p}
	n := 0
	for _, r := range p {
		n += len(r) - 1
	}
	t.segs = make([]segment, 0, n)
	for ri, r := range p {
		t.first = append(t.first, int32(len(t.segs)))
		k := int32(0)
		for i := 0; i+1 < len(r); {
			j := i + 1
			for j+1 < len(r) && r[j] == r[i] {
				j++
			}
			if r[j] == r[i] { // only repeats of r[i] remain
				break
			}
			t.segs = append(t.segs, segment{ring: int32(ri), k: k, i: int32(i), j: int32(j)})
			k++
			i = j
		}
		t.count = append(t.count, k)
	}
	var pr *Problem
	if c.brute {
		pr = t.allPairs()
	} else {
		pr = t.sweep()
	}
	if pr != nil {
		return pr
	}
	return t.checkContacts()
}

func (t *topo) ends(s segment) (orb.Point, orb.Point) {
	r := t.poly[s.ring]
	return r[s.i], r[s.j]
}

// pair classifies two segments and returns a problem if they make the
// polygon invalid. Touches between different rings are queued.
func (t *topo) pair(ai, bi int32) *Problem {
	a, b := t.segs[ai], t.segs[bi]
	a1, a2 := t.ends(a)
	b1, b2 := t.ends(b)
	kind, at, other := intersect(a1, a2, b1, b2)
	if kind == noContact {
		return nil
	}
	if a.ring > b.ring || (a.ring == b.ring && a.k > b.k) {
		a, b = b, a
		ai, bi = bi, ai
	}
	if kind == touching {
		if a.ring != b.ring {
			t.contacts = append(t.contacts, [2]int32{ai, bi})
			t.contactP = append(t.contactP, at)
			return nil
		}
		if d := b.k - a.k; d == 1 || d == t.count[a.ring]-1 {
			return nil // neighbours meeting at their shared position
		}
		other = at
	}
	if kind == crossing {
		other = at
	}
	return &Problem{Code: CodeSelfIntersection, Ring: int(b.ring), Index: int(b.i), At: at, Other: other}
}

// allPairs compares every pair of segments: O(n²), for tests.
func (t *topo) allPairs() *Problem {
	for a := range t.segs {
		for b := a + 1; b < len(t.segs); b++ {
			if pr := t.pair(int32(a), int32(b)); pr != nil {
				return pr
			}
		}
	}
	return nil
}

type sweepItem struct {
	lo, hi   float64 // extent along the sweep axis
	olo, ohi float64 // extent along the other axis
	id       int32
}

func (t *topo) sweep() *Problem {
	ax := t.sweepAxis()
	keys := make([]sweepKey, len(t.segs))
	for n, s := range t.segs {
		p, q := t.ends(s)
		keys[n] = sweepKey{min(p[ax], q[ax]), int32(n)}
	}
	sortKeys(keys)

	var active []sweepItem
	for _, key := range keys {
		p, q := t.ends(t.segs[key.id])
		it := sweepItem{
			lo: key.lo, hi: max(p[ax], q[ax]),
			olo: min(p[1-ax], q[1-ax]), ohi: max(p[1-ax], q[1-ax]),
			id: key.id,
		}
		keep := active[:0]
		for _, a := range active {
			if a.hi < it.lo {
				continue // expired: ends before the sweep position
			}
			keep = append(keep, a)
			if a.ohi < it.olo || it.ohi < a.olo {
				continue
			}
			if pr := t.pair(a.id, it.id); pr != nil {
				return pr
			}
		}
		active = append(keep, it)
	}
	return nil
}

// sweepAxis returns 0 (x) or 1 (y): the axis along which the summed
// segment extents are smallest relative to the polygon's extent, which
// bounds the mean size of the active set.
func (t *topo) sweepAxis() int {
	var sum [2]float64
	lo := [2]float64{math.Inf(1), math.Inf(1)}
	hi := [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, s := range t.segs {
		p, q := t.ends(s)
		for d := 0; d < 2; d++ {
			sum[d] += math.Abs(q[d] - p[d])
			lo[d] = math.Min(lo[d], p[d])
			hi[d] = math.Max(hi[d], p[d])
		}
	}
	wx, wy := hi[0]-lo[0], hi[1]-lo[1]
	switch {
	case wx == 0:
		return 1
	case wy == 0:
		return 0
	}
	// Compare sum[0]/wx with sum[1]/wy without dividing by zero.
	if sum[0]*wy <= sum[1]*wx {
		return 0
	}
	return 1
}
