package topo

import (
	"minerehab/gis/crs"

	"github.com/paulmach/orb"
)

// grid is the projected plane (easting, northing in metres) in which
// operations that need metres run.
type grid struct{ c *crs.CRS }

// gridFor returns the CGCS2000 3° Gauss-Kruger zone (no zone prefix on the
// easting) of the centre of mp's bounding box.
func gridFor(mp orb.MultiPolygon) (grid, error) {
	lon := mp.Bound().Center().Lon()
	code, err := crs.GK3EPSG(crs.GK3ZoneForLon(lon), false)
	if err != nil {
		return grid{}, invalidf("no gauss-kruger zone for longitude %g: %w", lon, err)
	}
	c, err := crs.ByEPSG(code)
	if err != nil {
		return grid{}, invalidf("gauss-kruger zone: %w", err)
	}
	return grid{c}, nil
}

// project maps lon/lat to the grid.
func (z grid) project(mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	return z.mapPoints(mp, z.c.FromLonLat)
}

// unproject maps grid coordinates back to lon/lat.
func (z grid) unproject(mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	return z.mapPoints(mp, z.c.ToLonLat)
}

func (z grid) mapPoints(mp orb.MultiPolygon, f func(x, y float64) (float64, float64, error)) (orb.MultiPolygon, error) {
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		q := make(orb.Polygon, len(p))
		for j, r := range p {
			s := make(orb.Ring, len(r))
			for k, pt := range r {
				x, y, err := f(pt[0], pt[1])
				if err != nil {
					return nil, invalidf("polygon %d ring %d position %d in %s: %w", i, j, k, z.c.Name, err)
				}
				s[k] = orb.Point{x, y}
			}
			q[j] = s
		}
		out[i] = q
	}
	return out, nil
}
