package store

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestHilbertIndex checks the curve visits every cell of a grid once and
// moves one cell at a time.
func TestHilbertIndex(t *testing.T) {
	const side = 16
	pos := make(map[uint64][2]int)
	for x := range side {
		for y := range side {
			d := hilbertIndex(uint32(x), uint32(y), side)
			if _, dup := pos[d]; dup || d >= side*side {
				t.Fatalf("cell %d,%d has index %d (duplicate or out of range)", x, y, d)
			}
			pos[d] = [2]int{x, y}
		}
	}
	for d := uint64(1); d < side*side; d++ {
		a, b := pos[d-1], pos[d]
		if dx, dy := a[0]-b[0], a[1]-b[1]; dx*dx+dy*dy != 1 {
			t.Fatalf("step %d jumps from %v to %v", d, a, b)
		}
	}
	if pos[0] != [2]int{0, 0} || pos[side*side-1] != [2]int{side - 1, 0} {
		t.Fatalf("curve runs from %v to %v", pos[0], pos[side*side-1])
	}
}

func TestSortHilbertKeepsEntries(t *testing.T) {
	var es []rtreeEntry
	for i := range 100 {
		x, y := float64(i%10), float64(i/10)
		es = append(es, rtreeEntry{int64(i), orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 0.5, y + 0.5}}})
	}
	sortHilbert(es, orb.Bound{Max: orb.Point{10, 10}})
	seen := map[int64]bool{}
	for _, e := range es {
		seen[e.fid] = true
	}
	if len(seen) != 100 || es[0].fid != 0 {
		t.Fatalf("entries lost or first is %d", es[0].fid)
	}
}
