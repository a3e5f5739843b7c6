package clip

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func rect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func mp(rings ...orb.Ring) orb.MultiPolygon { return orb.MultiPolygon{orb.Polygon(rings)} }

func reversed(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i := range r {
		out[i] = r[len(r)-1-i]
	}
	return out
}

func TestIntersectionArea(t *testing.T) {
	sq := mp(rect(0, 0, 2, 2))
	lshape := mp(orb.Ring{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}, {0, 0}}) // area 7
	holed := mp(rect(0, 0, 4, 4), reversed(rect(1, 1, 3, 3)))                      // area 12
	tests := []struct {
		name string
		a, b orb.MultiPolygon
		want float64
	}{
		{"half overlap", sq, mp(rect(1, 0, 3, 2)), 2},
		{"quarter overlap", sq, mp(rect(1, 1, 3, 3)), 1},
		{"identical (shared edges, same way)", sq, sq, 4},
		{"identical, other winding", sq, mp(reversed(rect(0, 0, 2, 2))), 4},
		{"inside", sq, mp(rect(0.5, 0.5, 1, 1)), 0.25},
		{"contains", mp(rect(0.5, 0.5, 1, 1)), sq, 0.25},
		{"disjoint", sq, mp(rect(5, 5, 6, 6)), 0},
		{"touching along an edge", sq, mp(rect(2, 0, 4, 2)), 0},
		{"touching at a corner", sq, mp(rect(2, 2, 4, 4)), 0},
		{"sharing one edge, inside", sq, mp(rect(0, 0, 1, 2)), 2},
		{"concave L with square", lshape, mp(rect(0, 0, 3, 3)), 5},
		{"square in the L's notch", lshape, mp(rect(2, 2, 3, 3)), 0},
		{"hole removes", holed, mp(rect(0, 0, 2, 2)), 3},
		{"all in the hole", holed, mp(rect(1.5, 1.5, 2.5, 2.5)), 0},
		{"hole edge shared", holed, mp(rect(1, 1, 3, 3)), 0},
		{"multi-part", orb.MultiPolygon{{rect(0, 0, 1, 1)}, {rect(2, 0, 3, 1)}}, mp(rect(0.5, 0, 2.5, 1)), 1},
		{"diamond in square", sq, mp(orb.Ring{{1, -1}, {3, 1}, {1, 3}, {-1, 1}, {1, -1}}), 4},
	}
	for _, tc := range tests {
		got := IntersectionArea(tc.a, tc.b)
		if math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if back := IntersectionArea(tc.b, tc.a); math.Abs(back-got) > 1e-9 {
			t.Errorf("%s: not symmetric: %v vs %v", tc.name, got, back)
		}
	}
	// Far from the origin (lon/lat-sized coordinates) a small overlap keeps its digits.
	far := func(x, y, w float64) orb.MultiPolygon { return mp(rect(x, y, x+w, y+w)) }
	if got := IntersectionArea(far(106.895, 39.485, 0.01), far(106.79, 39.49, 0.11)); math.Abs(got-0.000025) > 1e-15 {
		t.Errorf("far from the origin: %v, want 2.5e-5", got)
	}
	if a := Area(holed); a != 12 {
		t.Errorf("Area(holed) = %v", a)
	}
}

// sutherlandHodgman clips subject by a convex clip polygon (CCW): valid
// only for a convex clip, which is what the cross-check uses.
func sutherlandHodgman(subject, clipper []orb.Point) []orb.Point {
	out := subject
	for i := range clipper {
		a, b := clipper[i], clipper[(i+1)%len(clipper)]
		in := out
		out = nil
		inside := func(p orb.Point) bool { return isLeft(a, b, p) >= 0 }
		for j := range in {
			p, q := in[j], in[(j+1)%len(in)]
			ip, iq := inside(p), inside(q)
			if ip {
				out = append(out, p)
			}
			if ip != iq {
				r := orb.Point{q[0] - p[0], q[1] - p[1]}
				s := orb.Point{b[0] - a[0], b[1] - a[1]}
				t := ((a[0]-p[0])*s[1] - (a[1]-p[1])*s[0]) / (r[0]*s[1] - r[1]*s[0])
				out = append(out, orb.Point{p[0] + t*r[0], p[1] + t*r[1]})
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

func regular(cx, cy, rad float64, n int, phase float64) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		a := phase + 2*math.Pi*float64(i)/float64(n)
		pts[i] = orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
	}
	return pts
}

func star(cx, cy, r1, r2 float64, n int, phase float64) []orb.Point {
	pts := make([]orb.Point, 2*n)
	for i := range pts {
		r := r1
		if i%2 == 1 {
			r = r2
		}
		a := phase + math.Pi*float64(i)/float64(n)
		pts[i] = orb.Point{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	return pts
}

// TestAgainstSutherlandHodgman compares concave stars clipped by convex
// polygons with the classic convex-clip algorithm.
func TestAgainstSutherlandHodgman(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		subj := star(rng.Float64()*2, rng.Float64()*2, 0.5+rng.Float64(), 0.2+rng.Float64()*0.3, 3+rng.IntN(6), rng.Float64())
		clipper := regular(rng.Float64()*2, rng.Float64()*2, 0.3+rng.Float64()*1.5, 3+rng.IntN(8), rng.Float64())
		want := 0.0
		if p := sutherlandHodgman(subj, clipper); len(p) >= 3 {
			want = ringArea(p, orb.Point{})
		}
		got := IntersectionArea(mp(append(orb.Ring(subj), subj[0])), mp(append(orb.Ring(clipper), clipper[0])))
		if math.Abs(got-want) > 1e-9*(1+want) {
			t.Fatalf("case %d: %v, Sutherland–Hodgman %v", i, got, want)
		}
	}
}

func BenchmarkIntersectionArea(b *testing.B) {
	a := mp(append(orb.Ring(star(0, 0, 1, 0.5, 50, 0)), star(0, 0, 1, 0.5, 50, 0)[0]))
	c := mp(append(orb.Ring(regular(0.5, 0.2, 1, 100, 0.1)), regular(0.5, 0.2, 1, 100, 0.1)[0]))
	for b.Loop() {
		IntersectionArea(a, c)
	}
}
