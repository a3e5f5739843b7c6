package geomcheck

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
)

// Exact geometric predicates on float64 coordinates. orient is computed in
// floating point; when the result is within the rounding-error bound of
// zero (Shewchuk's ccwerrboundA) it checks whether every step was exact
// (then the floating-point sign is right), and otherwise recomputes the
// determinant exactly with integers.

// ccwErrBound is (3 + 16ε)ε with ε = 2⁻⁵³.
const ccwErrBound = (3 + 16*0x1p-53) * 0x1p-53

// orient returns +1 if a, b, c turn counter-clockwise, −1 if clockwise and
// 0 if they are collinear; the sign is exact.
func orient(a, b, c orb.Point) int {
	if c == a || c == b || a == b { // shared vertices: common and exact
		return 0
	}
	bx, by := b[0]-a[0], b[1]-a[1]
	cx, cy := c[0]-a[0], c[1]-a[1]
	l, r := bx*cy, by*cx
	det := l - r
	bound := ccwErrBound * (math.Abs(l) + math.Abs(r))
	switch {
	case det > bound:
		return 1
	case det < -bound:
		return -1
	}
	if exactDiff(b[0], a[0], bx) && exactDiff(b[1], a[1], by) &&
		exactDiff(c[0], a[0], cx) && exactDiff(c[1], a[1], cy) &&
		exactProd(bx, cy, l) && exactProd(by, cx, r) {
		// l and r are exact, and so is the sign of their rounded difference.
		switch {
		case l > r:
			return 1
		case l < r:
			return -1
		}
		return 0
	}
	return orientExact(a, b, c)
}

// exactDiff reports whether d = x − y was computed without rounding: the
// error term of Knuth's TwoSum is zero.
func exactDiff(x, y, d float64) bool {
	if math.IsInf(d, 0) {
		return false
	}
	bv := d - x
	av := d - bv
	return (x-av)+(-y-bv) == 0
}

// exactProd reports whether p = x·y was computed without rounding (and
// without underflow, where the FMA residual itself would be rounded).
func exactProd(x, y, p float64) bool {
	if p == 0 {
		return x == 0 || y == 0
	}
	return !math.IsInf(p, 0) && math.Abs(p) >= 0x1p-960 && math.FMA(x, y, -p) == 0
}

// orientExact computes the sign of the orientation determinant exactly:
// all six coordinates are written as integers times 2^e with a common e.
func orientExact(a, b, c orb.Point) int {
	vals := [6]float64{a[0], a[1], b[0], b[1], c[0], c[1]}
	var mant [6]int64
	var exp [6]int
	minExp := math.MaxInt
	for i, v := range vals {
		if v == 0 {
			continue
		}
		f, e := math.Frexp(v)
		mant[i] = int64(f * (1 << 53)) // exact: f has at most 53 bits
		exp[i] = e - 53
		minExp = min(minExp, exp[i])
	}
	var n [6]big.Int
	for i := range vals {
		n[i].SetInt64(mant[i])
		if mant[i] != 0 {
			n[i].Lsh(&n[i], uint(exp[i]-minExp))
		}
	}
	var bx, by, cx, cy, l, r big.Int
	bx.Sub(&n[2], &n[0])
	by.Sub(&n[3], &n[1])
	cx.Sub(&n[4], &n[0])
	cy.Sub(&n[5], &n[1])
	l.Mul(&bx, &cy)
	r.Mul(&by, &cx)
	return l.Cmp(&r)
}

// contact kinds of two segments.
const (
	noContact = iota
	crossing  // interiors cross at one point
	touching  // meet at one point that is an endpoint of at least one
	overlap   // collinear with a common stretch of positive length
)

// intersect classifies segments p1p2 and q1q2 (each of positive length).
// For crossing and touching, at is the common point; for overlap, at and
// other are the ends of the common stretch.
func intersect(p1, p2, q1, q2 orb.Point) (kind int, at, other orb.Point) {
	d1 := orient(q1, q2, p1)
	d2 := orient(q1, q2, p2)
	if d1 != 0 && d1 == d2 {
		return noContact, at, at
	}
	d3 := orient(p1, p2, q1)
	d4 := orient(p1, p2, q2)
	if d3 != 0 && d3 == d4 {
		return noContact, at, at
	}
	if d1 == 0 && d2 == 0 {
		return collinear(p1, p2, q1, q2)
	}
	if d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0 {
		return crossing, crossPoint(p1, p2, q1, q2), at
	}
	// One endpoint lies on the other segment's line, and the signs say it
	// lies within that segment.
	switch {
	case d1 == 0:
		return touching, p1, p1
	case d2 == 0:
		return touching, p2, p2
	case d3 == 0:
		return touching, q1, q1
	default:
		return touching, q2, q2
	}
}

// collinear handles two segments on one line.
func collinear(p1, p2, q1, q2 orb.Point) (int, orb.Point, orb.Point) {
	ax := 0 // compare along x unless the segments are vertical
	if p1[0] == p2[0] {
		ax = 1
	}
	if p1[ax] > p2[ax] {
		p1, p2 = p2, p1
	}
	if q1[ax] > q2[ax] {
		q1, q2 = q2, q1
	}
	lo, hi := p1, p2
	if q1[ax] > lo[ax] {
		lo = q1
	}
	if q2[ax] < hi[ax] {
		hi = q2
	}
	switch {
	case lo[ax] > hi[ax]:
		return noContact, orb.Point{}, orb.Point{}
	case lo[ax] == hi[ax]:
		return touching, lo, lo
	}
	return overlap, lo, hi
}

// crossPoint returns the (rounded) point where p1p2 and q1q2 cross.
func crossPoint(p1, p2, q1, q2 orb.Point) orb.Point {
	// Work relative to p1 to keep the products small.
	rx, ry := p2[0]-p1[0], p2[1]-p1[1]
	sx, sy := q2[0]-q1[0], q2[1]-q1[1]
	qx, qy := q1[0]-p1[0], q1[1]-p1[1]
	den := rx*sy - ry*sx
	t := (qx*sy - qy*sx) / den
	t = math.Max(0, math.Min(1, t))
	return orb.Point{p1[0] + t*rx, p1[1] + t*ry}
}
