package hit

import (
	"testing"

	"github.com/paulmach/orb"
)

// identity: one degree is one pixel, y down is ignored (tests use symmetric shapes).
func identity(p orb.Point) (float64, float64) { return p[0], p[1] }

func square(x0, y0, s float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}, {x0, y0}}
}

func TestNearPixel(t *testing.T) {
	donut := orb.Polygon{square(0, 0, 10), square(3, 3, 4)}
	tests := []struct {
		name string
		g    orb.Geometry
		x, y float64
		tol  float64
		want bool
		d    float64
	}{
		{"point within", orb.Point{5, 5}, 7, 5, 3, true, 2},
		{"point outside", orb.Point{5, 5}, 9, 5, 3, false, 4},
		{"line near middle", orb.LineString{{0, 0}, {10, 0}}, 5, 2, 3, true, 2},
		{"line past the end", orb.LineString{{0, 0}, {10, 0}}, 13, 4, 3, false, 5},
		{"inside polygon", donut, 1, 1, 0, true, 0},
		{"in the hole", donut, 5, 5, 0.5, false, 2},
		{"near the hole's edge", donut, 5, 5, 2, true, 2},
		{"outside near edge", orb.MultiPolygon{{square(0, 0, 10)}}, 12, 5, 3, true, 2},
		{"collection", orb.Collection{orb.Point{50, 50}, orb.LineString{{0, 0}, {0, 10}}}, 1, 5, 1, true, 1},
		{"empty line", orb.LineString{}, 0, 0, 100, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := NearPixel(tc.g, identity, tc.x, tc.y, tc.tol)
			if ok != tc.want {
				t.Errorf("NearPixel = %v (d=%v), want %v", ok, d, tc.want)
			}
			if tc.d != 0 && d != tc.d || tc.want && tc.d == 0 && d != 0 {
				t.Errorf("distance %v, want %v", d, tc.d)
			}
		})
	}
}

func TestIntersects(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}
	tests := []struct {
		name string
		g    orb.Geometry
		want bool
	}{
		{"point inside", orb.Point{5, 5}, true},
		{"point on edge", orb.Point{10, 5}, true},
		{"point outside", orb.Point{11, 5}, false},
		{"line crossing, no vertex inside", orb.LineString{{-5, 5}, {15, 5}}, true},
		{"line diagonal past the corner", orb.LineString{{9, 13}, {13, 9}}, false},
		{"line touching the corner", orb.LineString{{8, 12}, {12, 8}}, true},
		{"line diagonal through the corner region", orb.LineString{{6, 12}, {12, 6}}, true},
		{"polygon around the box", orb.Polygon{square(-5, -5, 30)}, true},
		{"box in a hole", orb.Polygon{square(-5, -5, 30), square(-1, -1, 12)}, false},
		{"polygon inside the box", orb.MultiPolygon{{square(2, 2, 2)}}, true},
		{"polygon edge crossing", orb.Polygon{square(8, 8, 5)}, true},
		{"polygon beside", orb.Polygon{square(11, 0, 5)}, false},
		{"L-shape whose bound meets but body does not", orb.Polygon{{{12, -5}, {20, -5}, {20, 20}, {-5, 20}, {-5, 12}, {12, 12}, {12, -5}}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Intersects(tc.g, box); got != tc.want {
				t.Errorf("Intersects = %v, want %v", got, tc.want)
			}
		})
	}
}
