package app

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// wiggle is a closed ring of n vertices around (106.8, 39.6), radius r
// degrees, with a small wiggle.
func wiggle(n int, r float64) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		k := r * (1 + 0.05*math.Sin(9*a))
		ring = append(ring, orb.Point{106.8 + k*math.Cos(a)/math.Cos(39.6*math.Pi/180), 39.6 + k*math.Sin(a)})
	}
	return append(ring, ring[0])
}

// TestLodGeometry: each level keeps the ends of lines and closes rings
// with at least three distinct points, moves no vertex it drops farther
// than its tolerance from the kept outline, puts every coordinate on the
// quantStep grid, and leaves geometries without points out.
func TestLodGeometry(t *testing.T) {
	ring := wiggle(400, 0.01)
	line := orb.LineString(ring[:300])
	tiny := wiggle(40, 1e-6)
	tests := []struct {
		name string
		g    orb.Geometry
	}{
		{"polygon", orb.Polygon{ring}},
		{"multipolygon with a tiny part", orb.MultiPolygon{{ring}, {tiny}}},
		{"line", line},
		{"multiline", orb.MultiLineString{line, line[:2]}},
		{"point", orb.Point{106.812345678, 39.6}},
		{"collection", orb.Collection{orb.Point{106.8, 39.6}, line}},
	}
	for _, tc := range tests {
		for k := range lodLevels {
			g := lodGeometry(tc.g, k)
			tol := lodTolPx * lodLevels[k] * 1.5 / metresPerDegree // the drop pass is per axis
			var check func(orig, got orb.Geometry)
			check = func(orig, got orb.Geometry) {
				switch o := orig.(type) {
				case orb.Point:
					p := got.(orb.Point)
					if math.Abs(p[0]-o[0]) > quantStep || p[0] != math.Round(p[0]/quantStep)*quantStep {
						t.Errorf("%s level %d: point %v → %v", tc.name, k, o, p)
					}
				case orb.LineString:
					checkPart(t, tc.name, k, o, got.(orb.LineString), false, tol)
				case orb.MultiLineString:
					for i := range o {
						checkPart(t, tc.name, k, o[i], got.(orb.MultiLineString)[i], false, tol)
					}
				case orb.Polygon:
					for i := range o {
						checkPart(t, tc.name, k, o[i], got.(orb.Polygon)[i], true, tol)
					}
				case orb.MultiPolygon:
					for i := range o {
						check(o[i], got.(orb.MultiPolygon)[i])
					}
				case orb.Collection:
					for i := range o {
						check(o[i], got.(orb.Collection)[i])
					}
				}
			}
			check(tc.g, g)
		}
	}
	if g := lodGeometry(orb.MultiPolygon{{{}}}, 0); g != nil {
		t.Errorf("a geometry without points: %v", g)
	}
	if n := len(lodGeometry(orb.Polygon{ring}, 4).(orb.Polygon)[0]); n >= len(ring) {
		t.Errorf("level 4 kept %d of %d points", n, len(ring))
	}
}

func checkPart(t *testing.T, name string, k int, orig, got []orb.Point, ring bool, tol float64) {
	t.Helper()
	if len(got) < 2 || got[0] != quant(orig[0]) || got[len(got)-1] != quant(orig[len(orig)-1]) {
		t.Errorf("%s level %d: ends %v…%v of %d points", name, k, got[0], got[len(got)-1], len(got))
		return
	}
	if ring && len(got) < 4 {
		t.Errorf("%s level %d: ring of %d points", name, k, len(got))
	}
	for _, p := range orig {
		if d := distToLine(p, got); d > tol {
			t.Errorf("%s level %d: a vertex %g° from the outline (tolerance %g°)", name, k, d, tol)
			return
		}
	}
}

// distToLine is the distance from p to the polyline pts, in degrees of
// latitude (longitudes scaled by cos latitude).
func distToLine(p orb.Point, pts []orb.Point) float64 {
	c := math.Cos(p[1] * math.Pi / 180)
	best := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		ax, ay := (pts[i-1][0]-p[0])*c, pts[i-1][1]-p[1]
		bx, by := (pts[i][0]-p[0])*c, pts[i][1]-p[1]
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = max(0, min(1, -(ax*dx+ay*dy)/l2))
		}
		best = min(best, math.Hypot(ax+t*dx, ay+t*dy))
	}
	return best
}

// TestLodLevel: frames pick the coarsest level at or below their scale.
func TestLodLevel(t *testing.T) {
	for _, tc := range []struct {
		mpp  float64
		want int
	}{{0.5, -1}, {3.99, -1}, {4, 0}, {15, 0}, {16, 1}, {80, 2}, {1023, 3}, {5000, 4}, {math.Inf(1), 4}} {
		if got := lodLevel(tc.mpp); got != tc.want {
			t.Errorf("lodLevel(%g) = %d, want %d", tc.mpp, got, tc.want)
		}
	}
}
