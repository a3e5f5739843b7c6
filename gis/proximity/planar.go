package proximity

// xy is a projected point: easting, northing in metres.
type xy struct{ x, y float64 }

// pointSeg2 is the squared distance from p to the segment ab.
func pointSeg2(p, a, b xy) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	px, py := p.x-a.x, p.y-a.y
	l2 := dx*dx + dy*dy
	if l2 > 0 {
		t := (px*dx + py*dy) / l2
		switch {
		case t >= 1:
			px, py = p.x-b.x, p.y-b.y
		case t > 0:
			px, py = px-t*dx, py-t*dy
		}
	}
	return px*px + py*py
}

// orient is the sign of the cross product (b-a)×(c-a): >0 when c is left of ab.
func orient(a, b, c xy) float64 {
	return (b.x-a.x)*(c.y-a.y) - (b.y-a.y)*(c.x-a.x)
}

// onBox reports whether c, collinear with ab, lies within ab's box.
func onBox(a, b, c xy) bool {
	return fmin(a.x, b.x) <= c.x && c.x <= fmax(a.x, b.x) &&
		fmin(a.y, b.y) <= c.y && c.y <= fmax(a.y, b.y)
}

// crosses reports whether the segments ab and cd share a point (touching counts).
func crosses(a, b, c, d xy) bool {
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
		return true
	}
	return (o1 == 0 && onBox(a, b, c)) || (o2 == 0 && onBox(a, b, d)) ||
		(o3 == 0 && onBox(c, d, a)) || (o4 == 0 && onBox(c, d, b))
}

// segSeg2 is the squared distance between the segments ab and cd.
func segSeg2(a, b, c, d xy) float64 {
	if crosses(a, b, c, d) {
		return 0
	}
	return fmin(fmin(pointSeg2(a, c, d), pointSeg2(b, c, d)),
		fmin(pointSeg2(c, a, b), pointSeg2(d, a, b)))
}

// inRing reports whether p is inside the closed ring r (even-odd rule;
// points on the boundary may go either way, callers test edges separately).
func inRing(p xy, r []xy) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

// inPolygon reports whether p is inside the polygon's exterior ring and
// outside each of its holes.
func inPolygon(p xy, rings [][]xy) bool {
	if len(rings) == 0 || !inRing(p, rings[0]) {
		return false
	}
	for _, h := range rings[1:] {
		if inRing(p, h) {
			return false
		}
	}
	return true
}

// fmin and fmax are math.Min and math.Max for finite values, without
// their NaN and signed-zero handling (hot loops only).
func fmin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func fmax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
