package render

// hairSubpath is subpath for a solid thin stroke the hairliner draws (the
// outline of nearly every feature on an overview): the same pieces,
// extensions and bevels, without the dash and cap bookkeeping, and with
// each segment's axis found once rather than three times (extendAt asks
// for the neighbours' on both sides of every vertex). pts has at least
// two points; segs is how many segments it has (closed: one more, back to
// the first point).
func (s *stroker) hairSubpath(pts []Pt, segs int, closed bool) {
	n := len(pts)
	// axis[j]: segment j (pts[j] to the next point) runs along x.
	if cap(s.axis) < segs {
		s.axis = make([]bool, segs, 2*segs)
	}
	axis := s.axis[:segs]
	for j := range axis {
		b := j + 1
		if b == n {
			b = 0
		}
		axis[j] = xMajor(Pt{pts[b].X - pts[j].X, pts[b].Y - pts[j].Y})
	}
	h, hw := s.hair, s.hw
	var (
		prevU        Pt
		prevEndDown  bool // the previous segment was drawn up to its end
		firstU       Pt
		firstStarted bool // segment 0 was drawn from its start
	)
	for k := 0; k < segs; k++ {
		kb := k + 1
		if kb == n {
			kb = 0
		}
		a, b := pts[k], pts[kb]
		dx, dy := b.X-a.X, b.Y-a.Y
		l, ok := segLength(dx, dy)
		if !ok {
			prevEndDown = false
			continue
		}
		u := Pt{dx / l, dy / l}
		if k == 0 {
			firstU = u
		}
		endDown := false
		if t0, t1, ok := clipSegment(a, b, s.clip); ok {
			e0, e1 := t0*l, t1*l
			if t1 == 1 {
				e1 = l
			}
			if e1 > e0 {
				p, q := a, b
				if e0 > 0 {
					p = Pt{a.X + u.X*e0, a.Y + u.Y*e0}
				}
				if e1 < l {
					q = Pt{a.X + u.X*e1, a.Y + u.Y*e1}
				}
				// Square extensions stand in for joins and caps, except
				// where the neighbour runs along the same axis (see
				// extendAt).
				var joinP, joinQ bool
				own := xMajor(u)
				if e0 == 0 && (k == 0 || prevEndDown) {
					if k > 0 && own == axis[k-1] || k == 0 && closed && own == axis[segs-1] {
						joinP = k > 0
					} else {
						p = Pt{p.X - u.X*hw, p.Y - u.Y*hw}
					}
				}
				if e1 == l {
					if (closed || k+2 < n) && own == axis[(k+1)%segs] {
						joinQ = closed && k == segs-1
					} else {
						q = Pt{q.X + u.X*hw, q.Y + u.Y*hw}
					}
				}
				h.segment(p, q, joinP, joinQ, k == 0 && e0 == 0)
				if e0 == 0 {
					if k > 0 && prevEndDown {
						s.join(a, prevU, u)
					} else if k == 0 && closed {
						firstStarted = true
					}
				}
				endDown = e1 == l
			}
		}
		prevU, prevEndDown = u, endDown
	}
	if closed && firstStarted && prevEndDown {
		s.join(pts[0], prevU, firstU)
	}
}
