package gui

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
)

// TestSnapNearestAndTrace: a vertex wins over a nearer edge point, an
// edge is snapped to between vertices, nothing beyond the tolerance, and
// tracing takes the shorter way round a ring.
func TestSnapNearestAndTrace(t *testing.T) {
	ring := ngon(orb.Point{106.8, 39.6}, 0.01, 12)
	idx := newSnapIndex(0.001)
	idx.add(&models.Feature{Layer: models.LayerMines, ID: 7, Geometry: orb.MultiPolygon{{ring}}})
	v := render.View{Center: orb.Point{106.8, 39.6}, MetresPerPixel: 5, Width: 800, Height: 600}
	dist := func(a, b orb.Point) float64 {
		ax, ay := v.ToPixel(a)
		bx, by := v.ToPixel(b)
		return math.Hypot(ax-bx, ay-by)
	}
	tolDeg := snapPx * v.MetresPerPixel / (111320 * math.Cos(39.6*math.Pi/180))
	at := func(dx, dy float64, p orb.Point) orb.Point {
		x, y := v.ToPixel(p)
		return v.ToLonLat(x+dx, y+dy)
	}
	tests := []struct {
		name   string
		p      orb.Point
		ok     bool
		vertex bool
		want   orb.Point
	}{
		{"on a vertex", at(3, 2, ring[4]), true, true, ring[4]},
		{"mid edge", at(0, 0, mid(ring[4], ring[5])), true, false, orb.Point{}},
		{"far", at(60, 60, ring[4]), false, false, orb.Point{}},
	}
	for _, tc := range tests {
		h, ok := idx.nearest(tc.p, tolDeg, dist, snapPx)
		if ok != tc.ok || ok && h.vertex != tc.vertex {
			t.Errorf("%s: ok %v vertex %v", tc.name, ok, h.vertex)
			continue
		}
		if tc.vertex && h.p != tc.want {
			t.Errorf("%s: snapped to %v, want %v", tc.name, h.p, tc.want)
		}
		if ok && !tc.vertex && dist(h.p, tc.p) > 1 {
			t.Errorf("%s: edge snap %v is %v points away", tc.name, h.p, dist(h.p, tc.p))
		}
	}
	ref := ringRef{models.LayerMines, 7, 0, 0}
	if got := idx.trace(ref, 10, 2); len(got) != 3 || got[0] != ring[11] || got[2] != ring[1] {
		t.Errorf("trace 10→2 (across the start) = %v", got)
	}
	if got := idx.trace(ref, 2, 10); len(got) != 3 || got[0] != ring[1] || got[2] != ring[11] {
		t.Errorf("trace 2→10 = %v", got)
	}
}

// BenchmarkSnapNearest is the work of one mouse move while drawing over
// a dense view: 50,000 mine-sized rings of 8 vertices (400,000 vertices,
// the index's limit) around Wuhai.
func BenchmarkSnapNearest(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	idx := newSnapIndex(40 * 5 / 111320.0)
	for i := range 49_999 {
		c := orb.Point{106.5 + rng.Float64()*0.6, 39.2 + rng.Float64()*0.6}
		idx.add(&models.Feature{Layer: models.LayerSites, ID: int64(i + 1), Geometry: orb.MultiPolygon{{ngon(c, 0.001, 8)}}})
	}
	v := render.View{Center: orb.Point{106.8, 39.5}, MetresPerPixel: 5, Width: 1600, Height: 1000}
	dist := func(a, p orb.Point) float64 {
		ax, ay := v.ToPixel(a)
		bx, by := v.ToPixel(p)
		return math.Hypot(ax-bx, ay-by)
	}
	tolDeg := snapPx * v.MetresPerPixel / 85000
	pts := make([]orb.Point, 1024)
	for i := range pts {
		pts[i] = orb.Point{106.5 + rng.Float64()*0.6, 39.2 + rng.Float64()*0.6}
	}
	b.ResetTimer()
	for i := range b.N {
		idx.nearest(pts[i%len(pts)], tolDeg, dist, snapPx)
	}
}
