package proximity

import (
	"math"

	"github.com/paulmach/orb"

	"minerehab/gis/measure"
)

// shape is a measured geometry projected into a zone.
type shape struct {
	bound  orb.Bound // lon/lat
	points []xy
	paths  [][]xy   // polylines, each with ≥ 1 vertex
	polys  [][][]xy // polygons: closed rings, exterior first
	pbox   []box    // projected bounding box of each polygon's exterior
}

type box struct{ minx, miny, maxx, maxy float64 }

func (b box) has(p xy) bool { return p.x >= b.minx && p.x <= b.maxx && p.y >= b.miny && p.y <= b.maxy }

// bounds returns the lon/lat bound of g and whether g has any coordinate
// this package measures.
func bounds(g orb.Geometry) (orb.Bound, bool) {
	switch g := g.(type) {
	case nil:
		return orb.Bound{}, false
	case orb.Point:
		return g.Bound(), true
	case orb.Bound:
		return g, true
	case orb.Collection:
		var b orb.Bound
		ok := false
		for _, m := range g {
			mb, mok := bounds(m)
			if !mok {
				continue
			}
			if !ok {
				b, ok = mb, true
			} else {
				b = b.Union(mb)
			}
		}
		return b, ok
	case orb.MultiPoint, orb.LineString, orb.MultiLineString, orb.Ring, orb.Polygon, orb.MultiPolygon:
		if measure.Vertices(g) == 0 {
			return orb.Bound{}, false
		}
		return g.Bound(), true
	}
	return orb.Bound{}, false
}

// project converts g into z's coordinates.
func project(g orb.Geometry, z *zone, s *shape) error {
	pt := func(p orb.Point) (xy, error) {
		if !validLonLat(p) {
			return xy{}, newError(CodeBadCoordinate, nil, "vertex %v", p)
		}
		x, y, err := z.c.FromLonLat(p[0], p[1])
		if err != nil {
			return xy{}, newError(CodeProjection, err, "vertex %v into %s", p, z.c)
		}
		return xy{x, y}, nil
	}
	path := func(ps []orb.Point, closed bool) ([]xy, error) {
		out := make([]xy, 0, len(ps)+1)
		for _, p := range ps {
			q, err := pt(p)
			if err != nil {
				return nil, err
			}
			out = append(out, q)
		}
		if closed && len(out) > 0 && out[0] != out[len(out)-1] {
			out = append(out, out[0])
		}
		return out, nil
	}
	poly := func(p orb.Polygon) error {
		var rings [][]xy
		for _, r := range p {
			if len(r) == 0 {
				continue
			}
			q, err := path(r, true)
			if err != nil {
				return err
			}
			rings = append(rings, q)
		}
		if len(rings) == 0 {
			return nil
		}
		b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, q := range rings[0] {
			b = box{math.Min(b.minx, q.x), math.Min(b.miny, q.y), math.Max(b.maxx, q.x), math.Max(b.maxy, q.y)}
		}
		s.polys = append(s.polys, rings)
		s.pbox = append(s.pbox, b)
		return nil
	}
	switch g := g.(type) {
	case orb.Point:
		q, err := pt(g)
		if err != nil {
			return err
		}
		s.points = append(s.points, q)
	case orb.MultiPoint:
		for _, p := range g {
			q, err := pt(p)
			if err != nil {
				return err
			}
			s.points = append(s.points, q)
		}
	case orb.LineString:
		if len(g) > 0 {
			q, err := path(g, false)
			if err != nil {
				return err
			}
			s.paths = append(s.paths, q)
		}
	case orb.MultiLineString:
		for _, l := range g {
			if err := project(l, z, s); err != nil {
				return err
			}
		}
	case orb.Ring:
		return poly(orb.Polygon{g})
	case orb.Polygon:
		return poly(g)
	case orb.MultiPolygon:
		for _, p := range g {
			if err := poly(p); err != nil {
				return err
			}
		}
	case orb.Bound:
		return poly(g.ToPolygon())
	case orb.Collection:
		for _, m := range g {
			if err := project(m, z, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// Distance returns the shortest distance in metres from g to the lines
// (0 when they meet, or when a line runs inside a polygon of g), measured
// in the Gauss-Kruger zone of g (see the package doc). It looks at every
// segment; Within is the fast, bounded query.
func (ix *Index) Distance(g orb.Geometry) (float64, error) {
	b, ok := bounds(g)
	if !ok {
		return 0, newError(CodeEmptyGeometry, nil, "%T without coordinates", g)
	}
	cand := make([]int, len(ix.segs))
	for i := range cand {
		cand[i] = i
	}
	return ix.measure(g, b, cand)
}

// Within reports whether g lies within d metres of the lines and, when it
// does, the distance (as Distance gives it). Only the segments whose grown
// bounding box meets g's are measured, so a geometry far from every line
// costs a few box comparisons. When ok is false dist is +Inf.
func (ix *Index) Within(g orb.Geometry, d float64) (dist float64, ok bool, err error) {
	if err := checkDistance(d); err != nil {
		return 0, false, err
	}
	b, ok := bounds(g)
	if !ok {
		return 0, false, newError(CodeEmptyGeometry, nil, "%T without coordinates", g)
	}
	if !validLonLat(b.Min) || !validLonLat(b.Max) {
		return 0, false, newError(CodeBadCoordinate, nil, "bound %v", b)
	}
	gb := Grow(b, d)
	var cand []int
	var buf [64]int
	cand = buf[:0]
	for _, c := range ix.chunks {
		if !meets(c.box, gb) {
			continue
		}
		for i := c.lo; i < c.hi; i++ {
			if meets(ix.segBox[i], gb) {
				cand = append(cand, i)
			}
		}
	}
	if len(cand) == 0 {
		return math.Inf(1), false, nil
	}
	epsg, err := ix.epsgFor(b)
	if err != nil {
		return 0, false, err
	}
	z, err := ix.zoneFor(epsg)
	if err != nil {
		return 0, false, err
	}
	dist, fast, err := ix.withinFast(g, b, cand, z)
	if err != nil {
		return 0, false, err
	}
	if !fast {
		if dist, err = ix.measure(g, b, cand); err != nil {
			return 0, false, err
		}
	}
	if dist > d {
		return math.Inf(1), false, nil
	}
	return dist, true, nil
}

// measure is the shortest distance from g (bound b) to the candidate segments.
func (ix *Index) measure(g orb.Geometry, b orb.Bound, cand []int) (float64, error) {
	if !validLonLat(b.Min) || !validLonLat(b.Max) {
		return 0, newError(CodeBadCoordinate, nil, "bound %v", b)
	}
	epsg, err := ix.epsgFor(b)
	if err != nil {
		return 0, err
	}
	z, err := ix.zoneFor(epsg)
	if err != nil {
		return 0, err
	}
	var s shape
	if err := project(g, z, &s); err != nil {
		return 0, err
	}
	best := math.Inf(1)
	for _, i := range cand {
		v := int(ix.segs[i])
		if z.bad[v] || z.bad[v+1] {
			e := z.err[v]
			if e == nil {
				e = z.err[v+1]
			}
			return 0, newError(CodeProjection, e, "line vertex into %s", z.c)
		}
		a, c := z.xy[v], z.xy[v+1]
		for _, p := range s.points {
			best = math.Min(best, pointSeg2(p, a, c))
		}
		for _, p := range s.paths {
			if len(p) == 1 {
				best = math.Min(best, pointSeg2(p[0], a, c))
			}
			for k := 1; k < len(p); k++ {
				best = math.Min(best, segSeg2(p[k-1], p[k], a, c))
			}
		}
		for pi, rings := range s.polys {
			if s.pbox[pi].has(a) && inPolygon(a, rings) {
				return 0, nil
			}
			for _, r := range rings {
				for k := 1; k < len(r); k++ {
					best = math.Min(best, segSeg2(r[k-1], r[k], a, c))
				}
			}
		}
		if best == 0 {
			return 0, nil
		}
	}
	return math.Sqrt(best), nil
}
