package geomcheck

import (
	"testing"

	"github.com/paulmach/orb"
)

// assertWinding fails unless every exterior ring in g is counter-clockwise
// and every hole clockwise (rings of zero area are ignored).
func assertWinding(t *testing.T, g orb.Geometry) {
	t.Helper()
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Ring:
		polys = []orb.Polygon{{g}}
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	case orb.Collection:
		for _, m := range g {
			assertWinding(t, m)
		}
	}
	for pi, p := range polys {
		for ri, r := range p {
			a := signedArea(r)
			if (ri == 0 && a < 0) || (ri > 0 && a > 0) {
				t.Errorf("polygon %d ring %d: signed area %g", pi, ri, a)
			}
		}
	}
}

func TestNormalize(t *testing.T) {
	hole := ring(1, 1, 2, 1, 2, 2, 1, 2, 1, 1)   // counter-clockwise
	holeCW := ring(1, 1, 1, 2, 2, 2, 2, 1, 1, 1) // clockwise
	tests := []struct {
		name string
		g    orb.Geometry
		want orb.Geometry
	}{
		{"ccw exterior kept", orb.Polygon{ring(0, 0, 4, 0, 4, 4, 0, 0)}, orb.Polygon{ring(0, 0, 4, 0, 4, 4, 0, 0)}},
		{"cw exterior reversed", orb.Polygon{ring(0, 0, 4, 4, 4, 0, 0, 0)}, orb.Polygon{ring(0, 0, 4, 0, 4, 4, 0, 0)}},
		{"ccw hole reversed", orb.Polygon{square4, hole}, orb.Polygon{square4, holeCW}},
		{"both wrong", orb.Polygon{squareCW4, hole}, orb.Polygon{square4, holeCW}},
		{"repeated positions kept", orb.Polygon{ring(0, 0, 0, 0, 4, 4, 4, 0, 0, 0)}, orb.Polygon{ring(0, 0, 4, 0, 4, 4, 0, 0, 0, 0)}},
		{"bare ring", ring(0, 0, 4, 4, 4, 0, 0, 0), ring(0, 0, 4, 0, 4, 4, 0, 0)},
		{"multipolygon", orb.MultiPolygon{{squareCW4}, {square4, hole}}, orb.MultiPolygon{{square4}, {square4, holeCW}}},
		{"collection", orb.Collection{orb.Point{1, 1}, orb.Polygon{squareCW4}}, orb.Collection{orb.Point{1, 1}, orb.Polygon{square4}}},
		{"zero area unchanged", orb.Polygon{ring(0, 0, 1, 0, 2, 0, 0, 0)}, orb.Polygon{ring(0, 0, 1, 0, 2, 0, 0, 0)}},
		{"line unchanged", orb.LineString{{1, 1}, {0, 0}}, orb.LineString{{1, 1}, {0, 0}}},
		{"far from origin", orb.Polygon{ring(106.8, 39.6, 106.8, 39.600001, 106.800001, 39.6, 106.8, 39.6)}, orb.Polygon{ring(106.8, 39.6, 106.800001, 39.6, 106.8, 39.600001, 106.8, 39.6)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := orb.Clone(tc.g)
			got := Normalize(g)
			if !orb.Equal(got, tc.want) {
				t.Errorf("Normalize = %v, want %v", got, tc.want)
			}
			assertWinding(t, got)
			if !orb.Equal(Normalize(orb.Clone(got)), got) {
				t.Error("Normalize is not idempotent")
			}
		})
	}
	// In place: the caller's polygon is reordered.
	p := orb.Polygon{orb.Ring{{0, 0}, {0, 4}, {4, 4}, {4, 0}, {0, 0}}}
	Normalize(p)
	if p[0][1] != (orb.Point{4, 0}) {
		t.Errorf("not normalised in place: %v", p)
	}
}

func TestToMulti(t *testing.T) {
	poly := orb.Polygon{square4}
	line := orb.LineString{{0, 0}, {1, 1}}
	tests := []struct {
		g, want orb.Geometry
	}{
		{poly, orb.MultiPolygon{poly}},
		{line, orb.MultiLineString{line}},
		{orb.Point{1, 2}, orb.Point{1, 2}},
		{orb.MultiPolygon{poly}, orb.MultiPolygon{poly}},
		{orb.Collection{poly}, orb.Collection{poly}},
	}
	for _, tc := range tests {
		if got := ToMulti(tc.g); !orb.Equal(got, tc.want) {
			t.Errorf("ToMulti(%v) = %v, want %v", tc.g, got, tc.want)
		}
	}
	if ToMulti(nil) != nil {
		t.Error("ToMulti(nil) != nil")
	}
}

func TestBound(t *testing.T) {
	b := Bound(orb.MultiPolygon{{square4}, {ring(5, -1, 6, -1, 6, 1, 5, -1)}})
	if b != (orb.Bound{Min: orb.Point{0, -1}, Max: orb.Point{6, 4}}) {
		t.Errorf("Bound = %v", b)
	}
	if !Bound(nil).IsEmpty() {
		t.Errorf("Bound(nil) = %v, want empty", Bound(nil))
	}
}
