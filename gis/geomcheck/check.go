package geomcheck

import (
	"math"

	"github.com/paulmach/orb"
)

// Check reports the first structural or topological defect of g, or nil:
// non-finite coordinates; rings that are not closed or have fewer than 4
// positions (or fewer than 3 distinct ones); lines with fewer than 2
// distinct positions; empty geometries; rings that cross or touch
// themselves (including spikes that retrace an edge); and rings of one
// polygon that cross or overlap each other. Rings of one polygon may touch
// at single points. Repeated consecutive positions are allowed. Lines may
// cross themselves; different polygons of a MultiPolygon are not compared;
// winding order is not checked (see Normalize). The error is a *Problem.
func Check(g orb.Geometry) error { return check(g, false) }

// CheckLonLat is Check plus the coordinate range of lon/lat degrees:
// longitude in [−180, 180] and latitude in [−90, 90].
func CheckLonLat(g orb.Geometry) error { return check(g, true) }

func check(g orb.Geometry, lonlat bool) error {
	c := checker{lonlat: lonlat}
	if p := c.geometry(g); p != nil {
		return p
	}
	return nil
}

type checker struct {
	lonlat bool
	brute  bool // compare every pair of segments (tests only)
}

func (c *checker) geometry(g orb.Geometry) *Problem {
	switch g := g.(type) {
	case nil:
		return &Problem{Code: CodeEmpty}
	case orb.Point:
		return c.position(g, 0)
	case orb.MultiPoint:
		if len(g) == 0 {
			return &Problem{Code: CodeEmpty}
		}
		for i, p := range g {
			if pr := c.position(p, i); pr != nil {
				return pr
			}
		}
	case orb.LineString:
		return c.line(g)
	case orb.MultiLineString:
		if len(g) == 0 {
			return &Problem{Code: CodeEmpty}
		}
		for i, l := range g {
			if pr := c.line(l); pr != nil {
				pr.Part = i
				return pr
			}
		}
	case orb.Ring:
		return c.polygon(orb.Polygon{g})
	case orb.Polygon:
		return c.polygon(g)
	case orb.MultiPolygon:
		if len(g) == 0 {
			return &Problem{Code: CodeEmpty}
		}
		for i, p := range g {
			if pr := c.polygon(p); pr != nil {
				pr.Part = i
				return pr
			}
		}
	case orb.Collection:
		if len(g) == 0 {
			return &Problem{Code: CodeEmpty}
		}
		for i, m := range g {
			if pr := c.geometry(m); pr != nil {
				pr.Part = i
				return pr
			}
		}
	case orb.Bound:
		if pr := c.position(g.Min, 0); pr != nil {
			return pr
		}
		return c.position(g.Max, 1)
	default:
		return &Problem{Code: CodeEmpty}
	}
	return nil
}

// position checks one coordinate pair.
func (c *checker) position(p orb.Point, i int) *Problem {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return &Problem{Code: CodeNonFinite, Index: i, At: p}
	}
	if c.lonlat && (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
		return &Problem{Code: CodeOutOfRange, Index: i, At: p}
	}
	return nil
}

func (c *checker) positions(ps []orb.Point) *Problem {
	for i, p := range ps {
		if pr := c.position(p, i); pr != nil {
			return pr
		}
	}
	return nil
}

func (c *checker) line(l orb.LineString) *Problem {
	if len(l) == 0 {
		return &Problem{Code: CodeEmpty}
	}
	if pr := c.positions(l); pr != nil {
		return pr
	}
	for _, p := range l[1:] {
		if p != l[0] {
			return nil
		}
	}
	return &Problem{Code: CodeLineTooShort, At: l[0]}
}

func (c *checker) polygon(p orb.Polygon) *Problem {
	if len(p) == 0 {
		return &Problem{Code: CodeEmpty}
	}
	for ri, r := range p {
		if pr := c.ring(r); pr != nil {
			pr.Ring = ri
			return pr
		}
	}
	return c.topology(p)
}

func (c *checker) ring(r orb.Ring) *Problem {
	if pr := c.positions(r); pr != nil {
		return pr
	}
	if len(r) < 4 {
		pr := &Problem{Code: CodeRingTooShort}
		if len(r) > 0 {
			pr.At = r[0]
		}
		return pr
	}
	if r[0] != r[len(r)-1] {
		return &Problem{Code: CodeRingNotClosed, Index: len(r) - 1, At: r[0], Other: r[len(r)-1]}
	}
	// At least 3 distinct positions.
	a, b := r[0], r[0]
	for _, p := range r[1:] {
		switch {
		case p == a || p == b:
		case a == b:
			b = p
		default:
			return nil
		}
	}
	return &Problem{Code: CodeRingTooShort, At: r[0]}
}
