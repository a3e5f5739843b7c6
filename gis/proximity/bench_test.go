package proximity

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkWithin500k screens 500,000 geometries (points, lines, 12-vertex
// polygons spread over the benchmark area) against a 300-vertex river at
// 3 km: one op is the whole screening, without any spatial index in front.
func BenchmarkWithin500k(b *testing.B) {
	ix, _, err := NewIndex([]orb.Geometry{synthRiver(300)}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	gs := make([]orb.Geometry, 500_000)
	for i := range gs {
		gs[i] = randomGeometry(rng, i%3)
	}
	b.ResetTimer()
	for b.Loop() {
		hits := 0
		for _, g := range gs {
			_, ok, err := ix.Within(g, 3000)
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				hits++
			}
		}
		b.ReportMetric(float64(hits), "hits")
	}
}

// BenchmarkWithinNear measures one geometry inside the band (projection and
// exact distance included).
func BenchmarkWithinNear(b *testing.B) {
	ix, _, err := NewIndex([]orb.Geometry{synthRiver(300)}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	c := synthRiver(300)[150]
	g := orb.Polygon{{{c[0] + 0.01, c[1]}, {c[0] + 0.02, c[1]}, {c[0] + 0.02, c[1] + 0.01}, {c[0] + 0.01, c[1]}}}
	for b.Loop() {
		if _, _, err := ix.Within(g, 3000); err != nil {
			b.Fatal(err)
		}
	}
}
