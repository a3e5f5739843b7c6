package topo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

// quadSegs is the number of segments GEOS uses for a quarter circle of a
// round join: the chord of a 100 m buffer's arc then stays within 0.12 m of
// the true arc, and the area deficit of a full circle is 0.16 %.
const quadSegs = 16

// Buffer grows p by metres (shrinks it when metres is negative) with round
// joins, as for safety zones around a mine. It works in the CGCS2000 3°
// Gauss-Kruger zone of the centre of p's bounding box (see the package
// doc), so p must lie in 75°E–135°E and within the projection's reach of
// that zone. Polygons of p may overlap; each must be valid. Shrinking p
// away entirely gives an empty result. metres must be finite
// (*Error "invalid-input").
func Buffer(p orb.MultiPolygon, metres float64) (orb.MultiPolygon, error) {
	if math.IsNaN(metres) || math.IsInf(metres, 0) {
		return nil, invalidf("buffer distance %g is not a finite number", metres)
	}
	prep, err := prepare(p)
	if err != nil {
		return nil, err
	}
	mp := prep.(orb.MultiPolygon)
	if len(mp) == 0 {
		return orb.MultiPolygon{}, nil
	}
	zone, err := gridFor(mp)
	if err != nil {
		return nil, err
	}
	grid, err := zone.project(mp)
	if err != nil {
		return nil, err
	}
	out, err := bufferIn("buffer", func(s *session) (*geos.Geom, error) { return s.areal(grid, "input") }, metres)
	if err != nil {
		return nil, err
	}
	ll, err := zone.unproject(out)
	if err != nil {
		return nil, err
	}
	return polygonal(ll), nil
}

// bufferIn buffers the GEOS geometry build makes (in grid coordinates,
// metres) by metres with round joins and caps, and reads the result back.
func bufferIn(op string, build func(s *session) (*geos.Geom, error), metres float64) (orb.MultiPolygon, error) {
	var out orb.MultiPolygon
	err := run(op, func(s *session) error {
		g, err := build(s)
		if err != nil {
			return err
		}
		bp := s.ctx.NewBufferParams().
			SetJoinStyle(geos.BufJoinStyleRound).
			SetEndCapStyle(geos.BufCapStyleRound).
			SetQuadrantSegments(quadSegs)
		defer bp.Destroy()
		b, err := s.keep("buffer", g.BufferWithParams(bp, metres))
		if err != nil {
			return err
		}
		out, err = toPolygons(b)
		return err
	})
	return out, err
}
