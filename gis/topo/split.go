package topo

import (
	"errors"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/twpayne/go-geos"
)

// Split cuts p with a drawn line and returns the pieces, largest area first
// (equal areas: westernmost centroid first). The line may cross p any
// number of times and run through holes; stretches of it that stop inside
// p or lie outside it are ignored. When
// the line does not cut p into at least two pieces (it misses p, ends
// inside it, or only runs along its boundary) the error is ErrNoSplit. p
// must be a valid, non-empty polygon and the line have at least two
// distinct positions (*Error "invalid-input"). The pieces' areas sum to
// p's; new vertices appear only where the line crosses p's boundary.
func Split(p orb.Polygon, line orb.LineString) ([]orb.Polygon, error) {
	var out []orb.Polygon
	err := run("split", func(s *session) error {
		pg, err := s.polygon(p, "polygon")
		if err != nil {
			return err
		}
		if pg == nil {
			return invalidf("polygon is empty")
		}
		if len(line) == 0 {
			return invalidf("line is empty")
		}
		ln, err := s.fromOrb(line)
		if err != nil {
			return err
		}
		if !pg.Intersects(ln) {
			return ErrNoSplit
		}
		// Node the polygon's rings with the line, build every face of
		// that planar graph and keep the faces inside the polygon.
		bd, err := s.keep("boundary", pg.Boundary())
		if err != nil {
			return err
		}
		noded, err := s.keep("union", bd.Union(ln))
		if err != nil {
			return err
		}
		faces, err := s.keep("polygonize", s.ctx.Polygonize([]*geos.Geom{noded}))
		if err != nil {
			return err
		}
		for i := range faces.NumGeometries() {
			f := faces.Geometry(i)
			pt, err := s.keep("point on surface", f.PointOnSurface())
			if err != nil {
				return err
			}
			if !pg.Contains(pt) {
				continue
			}
			o, err := toOrb(f)
			if err != nil {
				return err
			}
			for _, q := range polygonal(o) {
				out = append(out, q)
			}
		}
		if len(out) < 2 {
			return ErrNoSplit
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNoSplit) {
			return nil, ErrNoSplit
		}
		return nil, err
	}
	sortPieces(out)
	return out, nil
}

// sortPieces orders polygons by decreasing area, then by their centroid
// (west first, then south), so the editor gets a stable order.
func sortPieces(ps []orb.Polygon) {
	type piece struct {
		p    orb.Polygon
		c    orb.Point
		area float64
	}
	pp := make([]piece, len(ps))
	for i, p := range ps {
		c, a := planar.CentroidArea(p)
		pp[i] = piece{p, c, a}
	}
	sort.SliceStable(pp, func(i, j int) bool {
		a, b := pp[i], pp[j]
		if a.area != b.area {
			return a.area > b.area
		}
		if a.c[0] != b.c[0] {
			return a.c[0] < b.c[0]
		}
		return a.c[1] < b.c[1]
	})
	for i := range pp {
		ps[i] = pp[i].p
	}
}
