package geomcheck

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestSweepMatchesAllPairs compares the sweep with the exhaustive pair
// search on many small random polygons on a coarse integer grid, where
// shared vertices, collinear edges and touching rings are frequent.
func TestSweepMatchesAllPairs(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	counts := map[string]int{}
	for i := 0; i < 20000; i++ {
		p := randomPolygon(rnd, 6)
		sweep := (&checker{}).geometry(p)
		brute := (&checker{brute: true}).geometry(p)
		if (sweep == nil) != (brute == nil) || (sweep != nil && sweep.Code != brute.Code) {
			t.Fatalf("polygon %v: sweep %v, all pairs %v", p, sweep, brute)
		}
		code := ""
		if sweep != nil {
			code = sweep.Code
		}
		counts[code]++
	}
	t.Logf("verdicts: %v", counts)
	if counts[""] < 1000 || counts[CodeSelfIntersection] < 1000 {
		t.Errorf("unbalanced sample: %v", counts)
	}
}

// randomPolygon returns 1–3 closed rings of 3–9 random vertices on a
// grid of the given size.
func randomPolygon(rnd *rand.Rand, grid int) orb.Polygon {
	var p orb.Polygon
	for r := 0; r < 1+rnd.IntN(3); r++ {
		n := 3 + rnd.IntN(7)
		var ring orb.Ring
		for k := 0; k < n; k++ {
			ring = append(ring, orb.Point{float64(rnd.IntN(grid)), float64(rnd.IntN(grid))})
		}
		p = append(p, append(ring, ring[0]))
	}
	return p
}
