package measure

import "github.com/paulmach/orb"

// Distance returns the geodesic distance in metres between a and b
// (lon/lat degrees) on the GRS80 ellipsoid, solving the inverse problem to
// about 15 nm for any pair of points, including nearly antipodal ones.
func Distance(a, b orb.Point) float64 {
	s12, _ := inverse(a[1], a[0], b[1], b[0], false)
	return s12
}

// Length returns the geodesic length in metres of g: the length of lines
// (LineString, MultiLineString) and the perimeter of areas (Ring, Polygon,
// MultiPolygon, Bound), counting every ring including holes and closing
// rings that are not explicitly closed. A Collection gives the sum over its
// members; points have length 0.
func Length(g orb.Geometry) float64 {
	switch g := g.(type) {
	case orb.LineString:
		return pathLength(g, false)
	case orb.MultiLineString:
		var sum float64
		for _, l := range g {
			sum += pathLength(l, false)
		}
		return sum
	case orb.Ring:
		return pathLength(g, true)
	case orb.Polygon:
		return polygonLength(g)
	case orb.MultiPolygon:
		var sum float64
		for _, p := range g {
			sum += polygonLength(p)
		}
		return sum
	case orb.Bound:
		return polygonLength(g.ToPolygon())
	case orb.Collection:
		var sum float64
		for _, m := range g {
			sum += Length(m)
		}
		return sum
	}
	return 0
}

func polygonLength(p orb.Polygon) float64 {
	var sum float64
	for _, r := range p {
		sum += pathLength(r, true)
	}
	return sum
}

// pathLength sums the geodesic lengths of consecutive edges; closed adds
// the edge from the last point back to the first (zero if already closed).
func pathLength(pts []orb.Point, closed bool) float64 {
	if len(pts) < 2 {
		return 0
	}
	var sum float64
	for i := 1; i < len(pts); i++ {
		sum += Distance(pts[i-1], pts[i])
	}
	if closed {
		sum += Distance(pts[len(pts)-1], pts[0])
	}
	return sum
}
