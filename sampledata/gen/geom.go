package main

import "math"

// pt is a lon/lat position in degrees (EPSG:4326).
type pt struct{ X, Y float64 }

// Shapes are drawn in kilometres around a centre and converted with a single
// local scale for the whole city (latitude 39.5°), so the conversion is
// affine: a simple, counter-clockwise ring in kilometres stays simple and
// counter-clockwise in degrees.
const (
	kmPerDegLat = 110.99
	kmPerDegLon = 85.90
)

// offset moves c by dx km east and dy km north.
func offset(c pt, dx, dy float64) pt {
	return pt{c.X + float64(dx/kmPerDegLon), c.Y + float64(dy/kmPerDegLat)}
}

// toKM returns p relative to o in kilometres.
func toKM(p, o pt) (x, y float64) {
	return float64((p.X - o.X) * kmPerDegLon), float64((p.Y - o.Y) * kmPerDegLat)
}

// distKM is the planar distance between a and b in kilometres.
func distKM(a, b pt) float64 {
	x, y := toKM(b, a)
	return math.Hypot(x, y)
}

// round7 rounds a degree value to the 7 decimals written to the files.
func round7(v float64) float64 { return math.Round(v*1e7) / 1e7 }

func roundPt(p pt) pt { return pt{round7(p.X), round7(p.Y)} }

func roundRing(r []pt) []pt {
	out := make([]pt, len(r))
	for i, p := range r {
		out[i] = roundPt(p)
	}
	return out
}

// signedArea2 is twice the signed area of an open ring, in degrees²;
// positive means counter-clockwise.
func signedArea2(r []pt) float64 {
	var s float64
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		s += a.X*b.Y - b.X*a.Y
	}
	return s
}

// areaKM2 is the planar area of an open ring in km².
func areaKM2(r []pt) float64 {
	o := r[0]
	var s float64
	for i := range r {
		ax, ay := toKM(r[i], o)
		bx, by := toKM(r[(i+1)%len(r)], o)
		s += ax*by - bx*ay
	}
	return math.Abs(s) / 2
}

func reversed(r []pt) []pt {
	out := make([]pt, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}

func orient(a, b, c pt) float64 { return (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X) }

func onSegment(a, b, p pt) bool {
	return math.Min(a.X, b.X) <= p.X && p.X <= math.Max(a.X, b.X) &&
		math.Min(a.Y, b.Y) <= p.Y && p.Y <= math.Max(a.Y, b.Y)
}

// segmentsTouch reports whether segments ab and cd share any point.
func segmentsTouch(a, b, c, d pt) bool {
	d1, d2 := orient(c, d, a), orient(c, d, b)
	d3, d4 := orient(a, b, c), orient(a, b, d)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && onSegment(c, d, a)) || (d2 == 0 && onSegment(c, d, b)) ||
		(d3 == 0 && onSegment(a, b, c)) || (d4 == 0 && onSegment(a, b, d))
}

// inRing reports whether p lies strictly inside the open ring r (even–odd
// rule; points on the boundary may go either way, callers also test edges).
func inRing(p pt, r []pt) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// edgesTouch reports whether any edge of open ring/line a touches any edge of b.
func edgesTouch(a []pt, aClosed bool, b []pt, bClosed bool) bool {
	na, nb := len(a)-1, len(b)-1
	if aClosed {
		na = len(a)
	}
	if bClosed {
		nb = len(b)
	}
	for i := 0; i < na; i++ {
		p, q := a[i], a[(i+1)%len(a)]
		for j := 0; j < nb; j++ {
			if segmentsTouch(p, q, b[j], b[(j+1)%len(b)]) {
				return true
			}
		}
	}
	return false
}

// ringsDisjoint reports whether two open rings neither touch nor contain one another.
func ringsDisjoint(a, b []pt) bool {
	return !edgesTouch(a, true, b, true) && !inRing(a[0], b) && !inRing(b[0], a)
}

// ringWithin reports whether open ring in lies strictly inside open ring out.
func ringWithin(in, out []pt) bool {
	if edgesTouch(in, true, out, true) {
		return false
	}
	for _, p := range in {
		if !inRing(p, out) {
			return false
		}
	}
	return true
}

// distSegKM is the distance in km from p to segment ab.
func distSegKM(p, a, b pt) float64 {
	ax, ay := toKM(a, p)
	bx, by := toKM(b, p)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
	}
	return math.Hypot(ax+t*dx, ay+t*dy)
}

// distLineKM is the distance in km from p to a polyline (closed: a ring).
func distLineKM(p pt, l []pt, closed bool) float64 {
	d := math.Inf(1)
	n := len(l) - 1
	if closed {
		n = len(l)
	}
	for i := 0; i < n; i++ {
		d = math.Min(d, distSegKM(p, l[i], l[(i+1)%len(l)]))
	}
	return d
}

// bbox returns min and max corners of the positions.
func bbox(ps []pt) (lo, hi pt) {
	lo, hi = ps[0], ps[0]
	for _, p := range ps[1:] {
		lo.X, lo.Y = math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)
		hi.X, hi.Y = math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)
	}
	return lo, hi
}
