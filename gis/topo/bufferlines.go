package topo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"

	"minerehab/gis/crs"
)

// BufferLines is the band of every point within metres of the lines, with
// round ends and joins: the strip along a river that a screening covers.
// Like Buffer it works in the CGCS2000 3° Gauss-Kruger zone of the lines'
// centre. metres must be finite and positive.
func BufferLines(lines orb.MultiLineString, metres float64) (orb.MultiPolygon, error) {
	if math.IsNaN(metres) || math.IsInf(metres, 0) || metres <= 0 {
		return nil, invalidf("band width %g is not a positive finite number", metres)
	}
	prep, err := prepare(lines)
	if err != nil {
		return nil, err
	}
	ml := prep.(orb.MultiLineString)
	if len(ml) == 0 {
		return orb.MultiPolygon{}, nil
	}
	lon := ml.Bound().Center().Lon()
	code, err := crs.GK3EPSG(crs.GK3ZoneForLon(lon), false)
	if err != nil {
		return nil, invalidf("no gauss-kruger zone for longitude %g: %w", lon, err)
	}
	c, err := crs.ByEPSG(code)
	if err != nil {
		return nil, invalidf("gauss-kruger zone: %w", err)
	}
	proj := make(orb.MultiLineString, len(ml))
	for i, l := range ml {
		g := make(orb.LineString, len(l))
		for j, p := range l {
			x, y, err := c.FromLonLat(p[0], p[1])
			if err != nil {
				return nil, invalidf("line %d position %d in %s: %w", i, j, c.Name, err)
			}
			g[j] = orb.Point{x, y}
		}
		proj[i] = g
	}
	out, err := bufferIn("buffer lines", func(s *session) (*geos.Geom, error) { return s.fromOrb(proj) }, metres)
	if err != nil {
		return nil, err
	}
	ll, err := grid{c}.unproject(out)
	if err != nil {
		return nil, err
	}
	return polygonal(ll), nil
}
