package measure

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// starPolygon returns a closed star-shaped ring of n vertices around Wuhai
// with the given mean radius in degrees.
func starPolygon(n int, radius float64) orb.Polygon {
	r := make(orb.Ring, 0, n+1)
	for k := 0; k < n; k++ {
		a := 2 * math.Pi * float64(k) / float64(n)
		rr := radius * (1 + 0.2*math.Sin(5*a) + 0.05*math.Cos(17*a))
		r = append(r, orb.Point{106.8 + rr*math.Cos(a)/math.Cos(39.6*degree), 39.6 + rr*math.Sin(a)})
	}
	return orb.Polygon{append(r, r[0])}
}

var sink float64

func benchArea(b *testing.B, p orb.Polygon) {
	b.ReportAllocs()
	for b.Loop() {
		sink = Area(p)
	}
}

// Mine-site scale: 5 km radius, 1,000 vertices, 20–60 m edges (authalic path).
func BenchmarkArea1k(b *testing.B) { benchArea(b, starPolygon(1000, 0.05)) }

// Admin-boundary scale: 100 km radius, 1,000 vertices, 0.4–1.2 km edges
// (every edge takes the exact geodesic path).
func BenchmarkArea1kLongEdges(b *testing.B) { benchArea(b, starPolygon(1000, 1)) }

// 1,000,000 vertices, 50 km radius.
func BenchmarkArea1M(b *testing.B) { benchArea(b, starPolygon(1_000_000, 0.5)) }

func BenchmarkLength1k(b *testing.B) {
	p := starPolygon(1000, 0.05)
	for b.Loop() {
		sink = Length(p)
	}
}

func BenchmarkDistance(b *testing.B) {
	cases := []struct {
		name string
		a, c orb.Point
	}{
		{"30m", orb.Point{106.8, 39.6}, orb.Point{106.8003, 39.6002}},
		{"14km", orb.Point{106.8, 39.6}, orb.Point{106.9, 39.7}},
		{"5000km", orb.Point{-74, 40.7}, orb.Point{-0.1, 51.5}},
		{"antipodal", orb.Point{0, 0}, orb.Point{179.7, 0.5}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				sink = Distance(tc.a, tc.c)
			}
		})
	}
}
