// Package clip measures how much two polygons overlap: the area of their
// intersection, for any simple polygons (concave, with holes, multi-part),
// without building the intersection polygon. It is planar: coordinates are
// x, y in any linear unit and areas come out in that unit squared; callers
// with lon/lat project first (a local equirectangular scaling is enough for
// shares of areas a few kilometres across). It knows nothing of mines.
//
// Method: by Green's theorem the area of a region is ½∮(x dy − y dx) over
// its boundary, and the boundary of A∩B is made of the parts of A's
// boundary inside B and the parts of B's boundary inside A. Every edge is
// cut where it meets the other polygon's edges; each piece is kept or not
// by testing its midpoint. Pieces lying on both boundaries (shared edges)
// are kept once when both polygons run the same way along them and not at
// all when they run opposite ways (the polygons then lie on either side).
// Rings are oriented first (exteriors counter-clockwise, holes clockwise),
// so input winding does not matter. Cost is O(n·m) in the vertex counts.
package clip

import (
	"math"

	"github.com/paulmach/orb"
)

// IntersectionArea is the area of a ∩ b. Polygons must be valid (rings
// closed or not, not self-intersecting, holes inside their exterior, parts
// of a multipolygon not overlapping); the result is then exact up to
// floating-point rounding.
func IntersectionArea(a, b orb.MultiPolygon) float64 {
	ab, bb := a.Bound(), b.Bound()
	if !ab.Intersects(bb) {
		return 0
	}
	// Coordinates are taken relative to a common origin: cross products of
	// large coordinates (lon 107 × lat 40) would cancel away the digits of
	// a small area.
	o := ab.Min
	ea, eb := edges(a, o), edges(b, o)
	if len(ea) == 0 || len(eb) == 0 {
		return 0
	}
	span := math.Max(math.Max(ab.Max[0]-ab.Min[0], ab.Max[1]-ab.Min[1]), math.Max(bb.Max[0]-bb.Min[0], bb.Max[1]-bb.Min[1]))
	eps := span * 1e-12
	sum := boundaryPart(ea, eb, eps, true) + boundaryPart(eb, ea, eps, false)
	if sum < 0 {
		return 0
	}
	return sum
}

// Area is the planar area of a valid multipolygon (exteriors minus holes).
func Area(m orb.MultiPolygon) float64 {
	s := 0.0
	for _, e := range edges(m, m.Bound().Min) {
		s += cross(e.p, e.q)
	}
	return s / 2
}

type edge struct {
	p, q orb.Point
	box  orb.Bound
}

// edges lists the edges of every ring relative to origin o, exteriors
// counter-clockwise and holes clockwise, skipping zero-length ones.
func edges(m orb.MultiPolygon, o orb.Point) []edge {
	var out []edge
	for _, poly := range m {
		for i, r := range poly {
			n := len(r)
			if n > 1 && r[0] == r[n-1] {
				n--
			}
			if n < 3 {
				continue
			}
			ccw := ringArea(r[:n], o) > 0
			reverse := (i == 0) != ccw
			for k := 0; k < n; k++ {
				p, q := sub(r[k], o), sub(r[(k+1)%n], o)
				if reverse {
					p, q = q, p
				}
				if p == q {
					continue
				}
				out = append(out, edge{p: p, q: q, box: orb.Bound{Min: p, Max: p}.Extend(q)})
			}
		}
	}
	return out
}

func sub(p, o orb.Point) orb.Point { return orb.Point{p[0] - o[0], p[1] - o[1]} }

func ringArea(r []orb.Point, o orb.Point) float64 {
	s := 0.0
	for i := range r {
		s += cross(sub(r[i], o), sub(r[(i+1)%len(r)], o))
	}
	return s / 2
}

func cross(p, q orb.Point) float64 { return p[0]*q[1] - q[0]*p[1] }

// boundaryPart sums ½ cross over the pieces of own edges inside other;
// pieces on other's boundary count when shared is true and both run the
// same way.
func boundaryPart(own, other []edge, eps float64, shared bool) float64 {
	sum := 0.0
	ts := make([]float64, 0, 8)
	for _, e := range own {
		ts = ts[:0]
		ts = append(ts, 0, 1)
		grown := orb.Bound{Min: orb.Point{e.box.Min[0] - eps, e.box.Min[1] - eps}, Max: orb.Point{e.box.Max[0] + eps, e.box.Max[1] + eps}}
		for _, f := range other {
			if grown.Intersects(f.box) {
				ts = cuts(e, f, eps, ts)
			}
		}
		sortFloats(ts)
		d := orb.Point{e.q[0] - e.p[0], e.q[1] - e.p[1]}
		for i := 0; i+1 < len(ts); i++ {
			t0, t1 := ts[i], ts[i+1]
			if t1-t0 <= 1e-15 {
				continue
			}
			a := orb.Point{e.p[0] + t0*d[0], e.p[1] + t0*d[1]}
			b := orb.Point{e.p[0] + t1*d[0], e.p[1] + t1*d[1]}
			if t1 == 1 {
				b = e.q
			}
			m := orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
			in, on, same := locate(m, d, other, eps)
			if in || (on && shared && same) {
				sum += cross(a, b) / 2
			}
		}
	}
	return sum
}

// cuts appends the parameters along e where f meets it (crossings, and
// f's endpoints lying on e).
func cuts(e, f edge, eps float64, ts []float64) []float64 {
	r := orb.Point{e.q[0] - e.p[0], e.q[1] - e.p[1]}
	s := orb.Point{f.q[0] - f.p[0], f.q[1] - f.p[1]}
	rr := r[0]*r[0] + r[1]*r[1]
	onE := func(p orb.Point) {
		w := orb.Point{p[0] - e.p[0], p[1] - e.p[1]}
		t := (w[0]*r[0] + w[1]*r[1]) / rr
		if t <= 0 || t >= 1 {
			return
		}
		// distance from p to the line of e
		if math.Abs(w[0]*r[1]-w[1]*r[0])/math.Sqrt(rr) <= eps {
			ts = append(ts, t)
		}
	}
	onE(f.p)
	onE(f.q)
	den := r[0]*s[1] - r[1]*s[0]
	if den == 0 {
		return ts
	}
	w := orb.Point{f.p[0] - e.p[0], f.p[1] - e.p[1]}
	t := (w[0]*s[1] - w[1]*s[0]) / den
	u := (w[0]*r[1] - w[1]*r[0]) / den
	if t > 0 && t < 1 && u >= 0 && u <= 1 {
		ts = append(ts, t)
	}
	return ts
}

// locate says whether m is strictly inside the region bounded by es, on
// one of its edges (and then whether that edge runs along dir), by the
// non-zero winding rule.
func locate(m, dir orb.Point, es []edge, eps float64) (in, on, same bool) {
	wind := 0
	for _, e := range es {
		if m[0] >= e.box.Min[0]-eps && m[0] <= e.box.Max[0]+eps && m[1] >= e.box.Min[1]-eps && m[1] <= e.box.Max[1]+eps {
			r := orb.Point{e.q[0] - e.p[0], e.q[1] - e.p[1]}
			w := orb.Point{m[0] - e.p[0], m[1] - e.p[1]}
			rl := math.Hypot(r[0], r[1])
			if math.Abs(r[0]*w[1]-r[1]*w[0])/rl <= eps {
				t := (w[0]*r[0] + w[1]*r[1]) / (rl * rl)
				if t >= 0 && t <= 1 {
					return false, true, r[0]*dir[0]+r[1]*dir[1] > 0
				}
			}
		}
		if e.p[1] <= m[1] {
			if e.q[1] > m[1] && isLeft(e.p, e.q, m) > 0 {
				wind++
			}
		} else if e.q[1] <= m[1] && isLeft(e.p, e.q, m) < 0 {
			wind--
		}
	}
	return wind != 0, false, false
}

func isLeft(p, q, m orb.Point) float64 {
	return (q[0]-p[0])*(m[1]-p[1]) - (m[0]-p[0])*(q[1]-p[1])
}

// sortFloats is an insertion sort: the lists are short.
func sortFloats(a []float64) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
