package topo

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

// polygon builds p in GEOS and checks that GEOS finds it valid; where names
// it in errors. An empty polygon gives (nil, nil).
func (s *session) polygon(p orb.Polygon, where string) (*geos.Geom, error) {
	g, err := s.fromOrb(p)
	if err != nil {
		return nil, err
	}
	if g.IsEmpty() {
		return nil, nil
	}
	if !g.IsValid() {
		return nil, invalidf("%s is not a valid polygon: %s", where, lowerFirst(g.IsValidReason()))
	}
	return g, nil
}

// areal builds mp as one valid areal GEOS geometry: every polygon must be
// valid on its own; polygons that overlap or share edges (a MultiPolygon
// that OGC rules call invalid, as a selection of plan units often is) are
// merged by a union. what names mp in errors.
func (s *session) areal(mp orb.MultiPolygon, what string) (*geos.Geom, error) {
	parts := make([]*geos.Geom, 0, len(mp))
	for i, p := range mp {
		g, err := s.polygon(p, fmt.Sprintf("%s polygon %d", what, i))
		if err != nil {
			return nil, err
		}
		if g != nil {
			parts = append(parts, g)
		}
	}
	m, err := s.keep("collect", s.ctx.NewCollection(geos.TypeIDMultiPolygon, parts))
	if err != nil {
		return nil, err
	}
	if len(parts) < 2 || m.IsValid() {
		return m, nil
	}
	return s.keep("union", m.UnaryUnion())
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return strings.TrimSpace(s)
	}
	return string(unicode.ToLower(r)) + s[n:]
}
