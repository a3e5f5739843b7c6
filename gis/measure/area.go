package measure

import (
	"math"

	"github.com/paulmach/orb"
)

// longEdge is the edge span in degrees of arc (|Δφ| + |Δλ|·cos φ, about
// 220 m) from which the exact geodesic area term is used instead of the
// authalic-sphere term. The authalic term's error grows as the cube of the
// edge length L; measured over random edges it is at most 4.4e-11·L³ m²
// (L in metres, worst near ±45° latitude: 36 m² for a 10 km edge). Below
// this span that is under 2.2e-6 m² per metre of boundary (a 2 µm shift of
// the boundary), e.g. 2e-8 relative for a 1 ha plot with 100 m edges.
const longEdge = 0.002

// Area returns the geodesic area in square metres of the polygons in g on
// the GRS80 ellipsoid: Polygon, MultiPolygon, Ring, Bound and Collection
// (the sum of its members). Edges are geodesics. Each ring counts with its
// absolute area (orientation does not matter); a polygon's area is its
// exterior ring minus its holes. Rings need not be closed explicitly. Points
// and lines have area 0; so does a nil geometry. Coordinates are lon/lat
// degrees; NaN coordinates give NaN.
func Area(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.Polygon:
		return polygonArea(g)
	case orb.MultiPolygon:
		var sum float64
		for _, p := range g {
			sum += polygonArea(p)
		}
		return sum
	case orb.Ring:
		return math.Abs(ringArea(g))
	case orb.Bound:
		return polygonArea(g.ToPolygon())
	case orb.Collection:
		var sum float64
		for _, m := range g {
			sum += Area(m)
		}
		return sum
	}
	return 0
}

func polygonArea(p orb.Polygon) float64 {
	if len(p) == 0 {
		return 0
	}
	a := math.Abs(ringArea(p[0]))
	for _, h := range p[1:] {
		a -= math.Abs(ringArea(h))
	}
	return a
}

// ringArea returns the signed area of ring r in m², positive for
// counter-clockwise rings, reduced to (−A/2, A/2] where A is the area of the
// ellipsoid (the smaller of the two regions the ring bounds).
//
// Each edge contributes the area between it and the equator. For short
// edges that is Rq²·E, where E is the spherical excess of the quadrilateral
// (edge, two meridians, equator) on the authalic sphere:
// tan(E/2) = tan(Δλ/2)·(tan(ξ1/2)+tan(ξ2/2))/(1+tan(ξ1/2)·tan(ξ2/2)).
// For long edges the authalic great circle drifts from the geodesic, and the
// exact term S12 of the inverse geodesic problem is used instead.
func ringArea(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	var sum, comp, winding float64 // Neumaier-compensated sum of edge terms
	add := func(x float64) {
		t := sum + x
		if math.Abs(sum) >= math.Abs(x) {
			comp += (sum - t) + x
		} else {
			comp += (x - t) + sum
		}
		sum = t
	}
	prev := r[n-1]
	ps, pd := authalic(prev[1])
	for _, cur := range r {
		cs, cd := authalic(cur[1])
		dlon := lonDiff(prev[0], cur[0])
		winding += dlon
		if math.Abs(dlon)*(math.Max(pd, cd)-1)+math.Abs(cur[1]-prev[1]) < longEdge {
			sh, ch := math.Sincos(dlon * (math.Pi / 360))
			e := 2 * math.Atan2(sh*(ps*cd+cs*pd), ch*(pd*cd+ps*cs))
			add(ellC2 * e)
		} else if dlon != 0 || cur[1] != prev[1] {
			_, s12 := inverse(prev[1], prev[0], cur[1], cur[0], true)
			add(s12)
		}
		prev, ps, pd = cur, cs, cd
	}
	area := sum + comp // clockwise-positive so far
	// A ring around a pole winds ±360° in longitude: the edge terms then
	// measure the region between the ring and the equator, off by half the
	// ellipsoid.
	if k := math.Round(winding / 360); math.Mod(k, 2) != 0 {
		if area < 0 {
			area += ellTotalArea / 2
		} else {
			area -= ellTotalArea / 2
		}
	}
	area = -math.Remainder(area, ellTotalArea)
	if area <= -ellTotalArea/2 {
		area += ellTotalArea
	}
	return area
}

// lonDiff returns b−a in degrees reduced to [−180, 180].
func lonDiff(a, b float64) float64 {
	d := b - a
	switch {
	case d > 180 && d <= 540:
		d -= 360
	case d < -180 && d >= -540:
		d += 360
	case d > 540 || d < -540:
		d = math.Remainder(d, 360)
	}
	return d
}
