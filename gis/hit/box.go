package hit

import "github.com/paulmach/orb"

// Intersects reports whether g meets the box b (touching counts): a vertex
// inside b, an edge crossing it, or b inside a polygon of g.
func Intersects(g orb.Geometry, b orb.Bound) bool {
	if g == nil || !g.Bound().Intersects(b) {
		return false
	}
	switch g := g.(type) {
	case orb.Point:
		return b.Contains(g)
	case orb.MultiPoint:
		for _, p := range g {
			if b.Contains(p) {
				return true
			}
		}
		return false
	case orb.LineString:
		return lineMeets(g, b, false)
	case orb.MultiLineString:
		for _, l := range g {
			if lineMeets(l, b, false) {
				return true
			}
		}
		return false
	case orb.Ring:
		return polygonMeets(orb.Polygon{g}, b)
	case orb.Polygon:
		return polygonMeets(g, b)
	case orb.MultiPolygon:
		for _, p := range g {
			if polygonMeets(p, b) {
				return true
			}
		}
		return false
	case orb.Collection:
		for _, c := range g {
			if Intersects(c, b) {
				return true
			}
		}
		return false
	case orb.Bound:
		return true
	}
	return false
}

// lineMeets: some segment of l meets b (closed: the last vertex joins the
// first).
func lineMeets(l orb.LineString, b orb.Bound, closed bool) bool {
	for i := range l {
		if b.Contains(l[i]) {
			return true
		}
	}
	n := len(l)
	for i := 0; i+1 < n; i++ {
		if segMeets(l[i], l[i+1], b) {
			return true
		}
	}
	return closed && n > 1 && segMeets(l[n-1], l[0], b)
}

func polygonMeets(p orb.Polygon, b orb.Bound) bool {
	for _, r := range p {
		if lineMeets(orb.LineString(r), b, true) {
			return true
		}
	}
	// No edge meets the box: it is wholly inside or wholly outside the
	// polygon; test its centre (even-odd, holes excluded).
	c := b.Center()
	inside := false
	for _, r := range p {
		n := len(r)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			a, q := r[j], r[i]
			if (a[1] > c[1]) != (q[1] > c[1]) && c[0] < a[0]+(c[1]-a[1])*(q[0]-a[0])/(q[1]-a[1]) {
				inside = !inside
			}
		}
	}
	return inside
}

// segMeets clips the segment a–b to the box (Liang–Barsky).
func segMeets(a, q orb.Point, b orb.Bound) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := q[0]-a[0], q[1]-a[1]
	clip := func(p, r float64) bool {
		if p == 0 {
			return r >= 0
		}
		t := r / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
		return true
	}
	return clip(-dx, a[0]-b.Min[0]) && clip(dx, b.Max[0]-a[0]) &&
		clip(-dy, a[1]-b.Min[1]) && clip(dy, b.Max[1]-a[1]) && t0 <= t1
}
