package topo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/twpayne/go-geos"
)

// This file is the only place where orb and GEOS geometries meet; they are
// exchanged as WKB, which carries float64 coordinates bit for bit.

// fromOrb checks g (see prepare) and builds the GEOS geometry for it in the
// session's context.
func (s *session) fromOrb(g orb.Geometry) (*geos.Geom, error) {
	p, err := prepare(g)
	if err != nil {
		return nil, err
	}
	b, err := wkb.Marshal(p)
	if err != nil {
		return nil, invalidf("encode wkb: %w", err)
	}
	gg, err := s.ctx.NewGeomFromWKB(b)
	if err != nil {
		return nil, invalidf("geos rejected the geometry: %w", err)
	}
	return s.keep("read wkb", gg)
}

// toOrb reads a GEOS geometry back as orb.
func toOrb(g *geos.Geom) (orb.Geometry, error) {
	o, err := wkb.Unmarshal(g.ToWKB())
	if err != nil {
		return nil, &Error{Code: CodeGEOS, Err: fmt.Errorf("decode geos wkb: %w", err)}
	}
	return o, nil
}

// toPolygons reads a GEOS result back as an RFC 7946 wound MultiPolygon,
// keeping only its areal parts (see polygonal).
func toPolygons(g *geos.Geom) (orb.MultiPolygon, error) {
	o, err := toOrb(g)
	if err != nil {
		return nil, err
	}
	return polygonal(o), nil
}

// prepare returns a copy of g that GEOS can build: every coordinate finite,
// every ring closed with at least three distinct positions, every line with
// at least two; empty rings, polygons and lines are dropped (a polygon whose
// exterior is empty is dropped with its holes). Only polygons and lines are
// accepted. Failures are *Error with CodeInvalidInput.
func prepare(g orb.Geometry) (orb.Geometry, error) {
	switch g := g.(type) {
	case orb.Polygon:
		p, err := preparePolygon(g, "polygon")
		if err != nil {
			return nil, err
		}
		if p == nil {
			return orb.Polygon{}, nil
		}
		return p, nil
	case orb.MultiPolygon:
		out := make(orb.MultiPolygon, 0, len(g))
		for i, p := range g {
			q, err := preparePolygon(p, fmt.Sprintf("polygon %d", i))
			if err != nil {
				return nil, err
			}
			if q != nil {
				out = append(out, q)
			}
		}
		return out, nil
	case orb.LineString:
		if len(g) == 0 {
			return orb.LineString{}, nil
		}
		return prepareLine(g, "line")
	case orb.MultiLineString:
		out := make(orb.MultiLineString, 0, len(g))
		for i, l := range g {
			if len(l) == 0 {
				continue
			}
			m, err := prepareLine(l, fmt.Sprintf("line %d", i))
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		return out, nil
	case nil:
		return nil, invalidf("no geometry")
	default:
		return nil, invalidf("unsupported geometry type %s", g.GeoJSONType())
	}
}

func preparePolygon(p orb.Polygon, where string) (orb.Polygon, error) {
	if len(p) == 0 || len(p[0]) == 0 {
		return nil, nil
	}
	out := make(orb.Polygon, 0, len(p))
	for i, r := range p {
		if len(r) == 0 {
			continue
		}
		q, err := prepareRing(r, fmt.Sprintf("%s ring %d", where, i))
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

func prepareRing(r orb.Ring, where string) (orb.Ring, error) {
	if err := checkFinite(r, where); err != nil {
		return nil, err
	}
	if n := distinct(r); n < 3 {
		return nil, invalidf("%s has %d distinct positions, a ring needs at least 3", where, n)
	}
	out := make(orb.Ring, len(r), len(r)+1)
	copy(out, r)
	if out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out, nil
}

func prepareLine(l orb.LineString, where string) (orb.LineString, error) {
	if err := checkFinite(l, where); err != nil {
		return nil, err
	}
	if n := distinct(l); n < 2 {
		return nil, invalidf("%s has %d distinct positions, a line needs at least 2", where, n)
	}
	out := make(orb.LineString, len(l))
	copy(out, l)
	return out, nil
}

func checkFinite(ps []orb.Point, where string) error {
	for i, p := range ps {
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return invalidf("%s position %d is not a finite number (%g %g)", where, i, p[0], p[1])
			}
		}
	}
	return nil
}

// distinct counts the distinct positions of ps, stopping at 3.
func distinct(ps []orb.Point) int {
	seen := make([]orb.Point, 0, 3)
next:
	for _, p := range ps {
		for _, q := range seen {
			if p == q {
				continue next
			}
		}
		if seen = append(seen, p); len(seen) == 3 {
			break
		}
	}
	return len(seen)
}

// polygonal collects the polygons of g (a Polygon, MultiPolygon or a
// Collection of them, as GEOS overlays return; lines and points are
// dropped) and normalises them: consecutive repeated positions removed,
// rings closed exactly once, rings with no area and polygons whose exterior
// has none dropped, exteriors counter-clockwise and holes clockwise.
func polygonal(g orb.Geometry) orb.MultiPolygon {
	out := orb.MultiPolygon{}
	var walk func(orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Polygon:
			if p := normalPolygon(g); p != nil {
				out = append(out, p)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				walk(p)
			}
		case orb.Collection:
			for _, c := range g {
				walk(c)
			}
		}
	}
	walk(g)
	return out
}

func normalPolygon(p orb.Polygon) orb.Polygon {
	if len(p) == 0 {
		return nil
	}
	ext := normalRing(p[0], orb.CCW)
	if ext == nil {
		return nil
	}
	out := orb.Polygon{ext}
	for _, h := range p[1:] {
		if r := normalRing(h, orb.CW); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// normalRing returns a copy of r without consecutive repeats, closed once
// and wound as want; nil if the ring encloses no area.
func normalRing(r orb.Ring, want orb.Orientation) orb.Ring {
	out := make(orb.Ring, 0, len(r)+1)
	for _, p := range r {
		if len(out) == 0 || p != out[len(out)-1] {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	if len(out) < 3 {
		return nil
	}
	out = append(out, out[0])
	o := out.Orientation()
	if o == 0 {
		return nil
	}
	if o != want {
		out.Reverse()
		// Summing in the other order can round a vanishing area (only
		// with subnormal coordinates) to the other sign or to zero.
		if out.Orientation() != want {
			return nil
		}
	}
	return out
}
