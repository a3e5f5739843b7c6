package render

import "math"

// maxCoord bounds pixel coordinates before any arithmetic: points further
// out are pulled in to ±maxCoord so intersections stay finite.
const maxCoord = 1e12

// cleanPt reports whether q is finite and returns it clamped to ±maxCoord.
func cleanPt(q Pt) (Pt, bool) {
	if !finite(q.X) || !finite(q.Y) {
		return q, false
	}
	q.X = max(-maxCoord, min(maxCoord, q.X))
	q.Y = max(-maxCoord, min(maxCoord, q.Y))
	return q, true
}

// clipper holds scratch buffers for polygon clipping.
type clipper struct{ a, b []Pt }

// ClipFill appends to dst the part of src's area (every subpath taken as a
// closed ring) inside r, one closed subpath per ring that keeps any area, by
// Sutherland–Hodgman clipping. Non-finite points are dropped. Each ring's
// winding inside r is preserved, so the result fills the same pixels of r
// under the non-zero rule; edges along r's sides are artificial, so strokes
// should be clipped separately (or to a smaller box).
func ClipFill(dst, src *Path, r Rect) {
	var c clipper
	c.clipFill(dst, src, r)
}

func (c *clipper) clipFill(dst, src *Path, r Rect) {
	if r.Empty() {
		return
	}
	for i := range src.subs {
		pts, _ := src.Subpath(i)
		c.a = c.a[:0]
		bb := emptyRect
		for _, q := range pts {
			if q, ok := cleanPt(q); ok {
				c.a = append(c.a, q)
				bb.extend(q)
			}
		}
		if len(c.a) < 3 || !bb.Intersects(r) {
			continue
		}
		if r.Contains(bb) {
			dst.appendPts(c.a, true)
			continue
		}
		c.b = clipHalf(c.a, c.b[:0], false, r.MinX, true)
		c.a = clipHalf(c.b, c.a[:0], false, r.MaxX, false)
		c.b = clipHalf(c.a, c.b[:0], true, r.MinY, true)
		c.a = clipHalf(c.b, c.a[:0], true, r.MaxY, false)
		if len(c.a) >= 3 {
			dst.appendPts(c.a, true)
		}
	}
}

// clipHalf is one Sutherland–Hodgman pass: it keeps the part of ring in
// where the x (or y, if onY) coordinate is >= bound (keepAbove) or <= bound.
func clipHalf(in, out []Pt, onY bool, bound float64, keepAbove bool) []Pt {
	n := len(in)
	if n == 0 {
		return out
	}
	coord := func(q Pt) float64 {
		if onY {
			return q.Y
		}
		return q.X
	}
	inside := func(v float64) bool {
		if keepAbove {
			return v >= bound
		}
		return v <= bound
	}
	prev := in[n-1]
	pv := coord(prev)
	prevIn := inside(pv)
	for _, cur := range in {
		cv := coord(cur)
		curIn := inside(cv)
		if curIn != prevIn {
			t := (bound - pv) / (cv - pv)
			if onY {
				out = append(out, Pt{prev.X + t*(cur.X-prev.X), bound})
			} else {
				out = append(out, Pt{bound, prev.Y + t*(cur.Y-prev.Y)})
			}
		}
		if curIn {
			out = append(out, cur)
		}
		prev, pv, prevIn = cur, cv, curIn
	}
	return out
}

// clipSegment clips segment a→b to r (Liang–Barsky) and returns the kept
// parameter interval [t0, t1] ⊆ [0, 1]; t0 is exactly 0 and t1 exactly 1
// when the corresponding end lies in r.
func clipSegment(a, b Pt, r Rect) (t0, t1 float64, ok bool) {
	if r.MinX <= min(a.X, b.X) && max(a.X, b.X) <= r.MaxX && r.MinY <= min(a.Y, b.Y) && max(a.Y, b.Y) <= r.MaxY {
		return 0, 1, true // wholly inside: most segments of a map
	}
	t0, t1 = 0, 1
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{
		{-dx, a.X - r.MinX}, {dx, r.MaxX - a.X},
		{-dy, a.Y - r.MinY}, {dy, r.MaxY - a.Y},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return 0, 0, false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return 0, 0, false
			}
			t1 = min(t1, t)
		}
	}
	return t0, t1, !math.IsNaN(t0) && !math.IsNaN(t1)
}

// ClipLines appends to dst the parts of src's lines (closed subpaths
// including their closing segment) inside r, as open subpaths. Non-finite
// points are dropped.
func ClipLines(dst, src *Path, r Rect) {
	if r.Empty() {
		return
	}
	var buf []Pt
	for i := range src.subs {
		pts, closed := src.Subpath(i)
		buf = cleanPts(buf[:0], pts, closed)
		n := len(buf)
		segs := n - 1
		if closed && n > 2 {
			segs = n
		}
		if n == 1 {
			if q := buf[0]; q.X >= r.MinX && q.X <= r.MaxX && q.Y >= r.MinY && q.Y <= r.MaxY {
				dst.MoveTo(q.X, q.Y)
			}
			continue
		}
		open := false
		for k := 0; k < segs; k++ {
			a, b := buf[k], buf[(k+1)%n]
			t0, t1, ok := clipSegment(a, b, r)
			if !ok {
				open = false
				continue
			}
			if !open || t0 > 0 {
				p := a
				if t0 > 0 {
					p = Pt{a.X + t0*(b.X-a.X), a.Y + t0*(b.Y-a.Y)}
				}
				dst.MoveTo(p.X, p.Y)
			}
			q := b
			if t1 < 1 {
				q = Pt{a.X + t1*(b.X-a.X), a.Y + t1*(b.Y-a.Y)}
			}
			dst.LineTo(q.X, q.Y)
			open = t1 == 1
		}
	}
}

// cleanPts appends to dst the finite points of pts, clamped, without
// consecutive duplicates; for a closed ring a last point equal to the first
// is dropped too.
func cleanPts(dst, pts []Pt, closed bool) []Pt {
	for _, q := range pts {
		q, ok := cleanPt(q)
		if !ok || (len(dst) > 0 && dst[len(dst)-1] == q) {
			continue
		}
		dst = append(dst, q)
	}
	if closed && len(dst) > 1 && dst[len(dst)-1] == dst[0] {
		dst = dst[:len(dst)-1]
	}
	return dst
}
