package geomcheck

import (
	"slices"

	"github.com/paulmach/orb"
)

// Normalize applies the RFC 7946 winding order in place and returns g:
// exterior rings counter-clockwise, holes clockwise (orientation in the
// plane of the coordinates, x to the right and y up). It changes only the
// order of positions; positions themselves, including repeated ones, are
// kept exactly. A bare Ring is treated as an exterior. Rings with zero
// signed area and non-areal geometries are left unchanged; Collections are
// normalised member by member.
func Normalize(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Ring:
		orientRing(g, 1)
	case orb.Polygon:
		normalizePolygon(g)
	case orb.MultiPolygon:
		for _, p := range g {
			normalizePolygon(p)
		}
	case orb.Collection:
		for i, m := range g {
			g[i] = Normalize(m)
		}
	}
	return g
}

func normalizePolygon(p orb.Polygon) {
	for i, r := range p {
		if i == 0 {
			orientRing(r, 1)
		} else {
			orientRing(r, -1)
		}
	}
}

// orientRing reverses r when its signed area has the opposite sign to want.
func orientRing(r orb.Ring, want float64) {
	if a := signedArea(r); a*want < 0 {
		slices.Reverse(r)
	}
}

// signedArea returns twice the planar signed area of r (positive when
// counter-clockwise), computed relative to the first position to limit
// cancellation. The ring is treated as closed.
func signedArea(r orb.Ring) float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0]
	var sum float64
	for i := 1; i+1 < len(r); i++ {
		ax, ay := r[i][0]-o[0], r[i][1]-o[1]
		bx, by := r[i+1][0]-o[0], r[i+1][1]-o[1]
		sum += ax*by - ay*bx
	}
	return sum
}

// ToMulti wraps a Polygon in a MultiPolygon and a LineString in a
// MultiLineString (sharing the same positions); other geometries are
// returned unchanged.
func ToMulti(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.LineString:
		return orb.MultiLineString{g}
	}
	return g
}

// Bound returns the bounding box of g in its own coordinates. For nil it
// returns orb's empty bound (Min > Max), as orb does for empty geometries.
func Bound(g orb.Geometry) orb.Bound {
	if g == nil {
		return orb.MultiPoint{}.Bound()
	}
	return g.Bound()
}
