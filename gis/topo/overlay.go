package topo

import (
	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

// Overlap returns where a and b overlap (their intersection), for "zone
// overlaps another zone" warnings. Polygons that only touch along an edge
// or at a point do not overlap: the result is then empty. Each polygon of a
// and b must be valid; the polygons within a (or b) may overlap each other.
func Overlap(a, b orb.MultiPolygon) (orb.MultiPolygon, error) {
	return overlay("intersection", a, b, (*geos.Geom).Intersection)
}

// Outside returns the parts of inner that lie outside outer (inner minus
// outer), for "plan unit crosses its mine boundary" warnings. The result is
// empty when inner lies within outer. Validity rules are as for Overlap.
func Outside(inner, outer orb.MultiPolygon) (orb.MultiPolygon, error) {
	return overlay("difference", inner, outer, (*geos.Geom).Difference)
}

func overlay(op string, a, b orb.MultiPolygon, f func(g, other *geos.Geom) *geos.Geom) (orb.MultiPolygon, error) {
	var out orb.MultiPolygon
	err := run(op, func(s *session) error {
		ga, err := s.areal(a, "first argument")
		if err != nil {
			return err
		}
		gb, err := s.areal(b, "second argument")
		if err != nil {
			return err
		}
		r, err := s.keep(op, f(ga, gb))
		if err != nil {
			return err
		}
		out, err = toPolygons(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
