package topo

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

// Union merges all polygons of all arguments into one MultiPolygon: the
// editor's "merge selected polygons" and "zone from selection". Polygons
// that share an edge merge without a sliver, and vertices that the inputs
// share are kept exactly (coordinates are not rounded or moved). Every
// input polygon must be valid (*Error "invalid-input" otherwise); the
// arguments may overlap each other freely. No input, or only empty ones,
// gives an empty result.
func Union(polys ...orb.MultiPolygon) (orb.MultiPolygon, error) {
	out := orb.MultiPolygon{}
	err := run("union", func(s *session) error {
		var parts []*geos.Geom
		for i, mp := range polys {
			for j, p := range mp {
				g, err := s.polygon(p, fmt.Sprintf("input %d polygon %d", i, j))
				if err != nil {
					return err
				}
				if g != nil {
					parts = append(parts, g)
				}
			}
		}
		if len(parts) == 0 {
			return nil
		}
		c, err := s.keep("collect", s.ctx.NewCollection(geos.TypeIDGeometryCollection, parts))
		if err != nil {
			return err
		}
		u, err := s.keep("union", c.UnaryUnion())
		if err != nil {
			return err
		}
		out, err = toPolygons(u)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
