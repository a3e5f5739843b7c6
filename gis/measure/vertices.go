package measure

import "github.com/paulmach/orb"

// Vertices counts the positions of g (a ring's closing position included).
func Vertices(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.Ring:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += Vertices(p)
		}
		return n
	case orb.Collection:
		n := 0
		for _, c := range g {
			n += Vertices(c)
		}
		return n
	}
	return 0
}
