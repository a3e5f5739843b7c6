package hit

import (
	"math"

	"github.com/paulmach/orb"
)

// Project maps a lon/lat point to screen pixels.
type Project func(orb.Point) (x, y float64)

// NearPixel reports whether g lies within tol pixels of the screen point
// (x, y): a point or vertex within tol, a line passing within tol, or a
// polygon containing the point or with an edge within tol. It returns the
// pixel distance (0 inside a polygon) for ranking several hits.
func NearPixel(g orb.Geometry, proj Project, x, y, tol float64) (float64, bool) {
	d := distance(g, proj, x, y)
	return d, d <= tol
}

func distance(g orb.Geometry, proj Project, x, y float64) float64 {
	switch g := g.(type) {
	case orb.Point:
		px, py := proj(g)
		return math.Hypot(px-x, py-y)
	case orb.MultiPoint:
		d := math.Inf(1)
		for _, p := range g {
			d = min(d, distance(p, proj, x, y))
		}
		return d
	case orb.LineString:
		return lineDistance(g, proj, x, y)
	case orb.MultiLineString:
		d := math.Inf(1)
		for _, l := range g {
			d = min(d, lineDistance(l, proj, x, y))
		}
		return d
	case orb.Ring:
		return polygonDistance(orb.Polygon{g}, proj, x, y)
	case orb.Polygon:
		return polygonDistance(g, proj, x, y)
	case orb.MultiPolygon:
		d := math.Inf(1)
		for _, p := range g {
			d = min(d, polygonDistance(p, proj, x, y))
		}
		return d
	case orb.Collection:
		d := math.Inf(1)
		for _, c := range g {
			d = min(d, distance(c, proj, x, y))
		}
		return d
	case orb.Bound:
		return polygonDistance(g.ToPolygon(), proj, x, y)
	}
	return math.Inf(1)
}

// lineDistance is the smallest distance from (x, y) to the segments of l.
func lineDistance(l orb.LineString, proj Project, x, y float64) float64 {
	d := math.Inf(1)
	if len(l) == 0 {
		return d
	}
	ax, ay := proj(l[0])
	if len(l) == 1 {
		return math.Hypot(ax-x, ay-y)
	}
	for _, p := range l[1:] {
		bx, by := proj(p)
		d = min(d, segDistance(ax, ay, bx, by, x, y))
		ax, ay = bx, by
	}
	return d
}

// polygonDistance is 0 inside the polygon (even-odd over all rings, so a
// hole is outside) and the distance to the nearest edge outside.
func polygonDistance(p orb.Polygon, proj Project, x, y float64) float64 {
	d := math.Inf(1)
	inside := false
	for _, r := range p {
		if len(r) == 0 {
			continue
		}
		ax, ay := proj(r[len(r)-1])
		for _, q := range r {
			bx, by := proj(q)
			d = min(d, segDistance(ax, ay, bx, by, x, y))
			if (ay > y) != (by > y) && x < ax+(y-ay)*(bx-ax)/(by-ay) {
				inside = !inside
			}
			ax, ay = bx, by
		}
	}
	if inside {
		return 0
	}
	return d
}

// segDistance is the distance from (x, y) to the segment a–b.
func segDistance(ax, ay, bx, by, x, y float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = max(0, min(1, ((x-ax)*dx+(y-ay)*dy)/l2))
	}
	return math.Hypot(ax+t*dx-x, ay+t*dy-y)
}
