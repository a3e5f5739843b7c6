package topo

import (
	"sort"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

// MakeValid repairs a drawing GEOS finds invalid, to offer to the user: a
// ring that crosses itself (a bow-tie becomes two triangles), a hole that
// crosses its exterior, overlapping parts (merged). It uses GEOS's
// "structure" method, which keeps every area the drawing encloses and drops
// parts that collapse to lines or points. A valid p comes back unchanged
// apart from winding and repeated positions. Coordinates must be finite and
// rings have at least three distinct positions (*Error "invalid-input").
func MakeValid(p orb.MultiPolygon) (orb.MultiPolygon, error) {
	var out orb.MultiPolygon
	err := run("make valid", func(s *session) error {
		g, err := s.fromOrb(p)
		if err != nil {
			return err
		}
		if !g.IsValid() {
			g, err = s.keep("make valid", g.MakeValidWithParams(geos.MakeValidStructure, geos.MakeValidDiscardCollapsed))
			if err != nil {
				return err
			}
		}
		out, err = toPolygons(g)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Crossings returns the points where the outline of p meets itself other
// than by simply running on: edges that cross, a ring that touches itself
// or another ring (at a vertex or along a shared stretch, whose two ends
// are returned), so the editor can mark where a drawing goes wrong. It is
// meant for drawings that fail validation; for a valid polygon whose holes
// touch its exterior at a point (allowed by OGC) those points are returned
// too. Points are sorted by longitude, then latitude. A simple drawing gives nil;
// rings that cannot be read (non-finite coordinates, fewer than two
// distinct positions) are ignored.
func Crossings(p orb.MultiPolygon) []orb.Point {
	var lines orb.MultiLineString
	for _, poly := range p {
		for _, r := range poly {
			// Rings GEOS cannot read (non-finite, fewer than two
			// distinct positions) are skipped, not fatal.
			if _, err := prepareLine(orb.LineString(r), "ring"); err == nil {
				lines = append(lines, orb.LineString(r))
			}
		}
	}
	if len(lines) == 0 {
		return nil
	}
	var out []orb.Point
	err := run("crossings", func(s *session) error {
		g, err := s.fromOrb(closeLines(lines))
		if err != nil {
			return err
		}
		// The union of linework nodes it at every intersection, dissolves
		// shared stretches and merges edges through positions where just
		// two meet, so crossings are the line ends shared by three or more.
		u, err := s.keep("union", g.UnaryUnion())
		if err != nil {
			return err
		}
		o, err := toOrb(u)
		if err != nil {
			return err
		}
		ends := map[orb.Point]int{}
		var count func(orb.Geometry)
		count = func(g orb.Geometry) {
			switch g := g.(type) {
			case orb.LineString:
				if len(g) > 1 {
					ends[g[0]]++
					ends[g[len(g)-1]]++
				}
			case orb.MultiLineString:
				for _, l := range g {
					count(l)
				}
			case orb.Collection:
				for _, c := range g {
					count(c)
				}
			}
		}
		count(o)
		for pt, n := range ends {
			if n >= 3 {
				out = append(out, pt)
			}
		}
		return nil
	})
	if err != nil {
		return nil
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] < out[j][1]
	})
	return out
}

// closeLines returns rings as closed lines.
func closeLines(ls orb.MultiLineString) orb.MultiLineString {
	out := make(orb.MultiLineString, len(ls))
	for i, l := range ls {
		if l[0] != l[len(l)-1] {
			l = append(l[:len(l):len(l)], l[0])
		}
		out[i] = l
	}
	return out
}
