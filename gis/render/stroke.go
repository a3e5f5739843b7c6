package render

import "math"

// strokeTol is the largest distance, in pixels, by which a flattened round
// join or cap may fall inside the true circle.
const strokeTol = 0.2

// stroker turns paths into stroke outlines: one quadrilateral per visible
// segment piece plus fans for round joins, round caps and dots, all wound
// the same way (negative shoelace area), to be filled with the non-zero
// rule. Dash patterns restart at every subpath and are measured along the
// unclipped path, so clipping never moves them.
type stroker struct {
	dst     *Path
	hw      float64 // half width
	clip    Rect
	pat     []float64 // normalised dash pattern, nil for solid
	period  float64
	buf     []Pt
	fan     []Pt
	step    float64 // rotation per flattened arc step
	cosStep float64 // cos(step)
	stepHW  float64 // the half width step and cosStep were worked out for
	// thin strokes (width <= thinWidth) extend each segment piece by half
	// the width at vertices and ends instead of adding round joins and
	// caps (the difference is below a pixel); turns sharper than 90° still
	// get a bevel triangle.
	thin bool
	// hair, when set, draws the segment pieces instead of outlining them
	// (see hairliner); joins and dots are still outlined into dst.
	hair *hairliner
	axis []bool // hairSubpath's scratch
}

// thinWidth is the widest stroke drawn the thin way, pixels.
const thinWidth = 2

// normDash returns the dash pattern to use (doubled when odd, as in SVG) and
// its period, or nil for a solid line: nil, empty, any negative or
// non-finite entry, or a period under one pixel.
func normDash(d []float64, into []float64) ([]float64, float64) {
	if len(d) == 0 {
		return nil, 0
	}
	var sum float64
	for _, x := range d {
		if !(x >= 0) || math.IsInf(x, 1) {
			return nil, 0
		}
		sum += x
	}
	if len(d)%2 == 1 {
		sum *= 2
	}
	if !(sum >= 1) || math.IsInf(sum, 1) {
		return nil, 0
	}
	into = append(into[:0], d...)
	if len(d)%2 == 1 {
		into = append(into, d...)
	}
	return into, sum
}

// strokeOutline appends to dst the outline of src stroked with width w,
// round joins and caps (butt ends at dash ends), dashed by dash, and clipped
// to clip (which should reach at least w/2 beyond the visible area, since
// pieces are cut square there).
func (s *stroker) strokeOutline(dst, src *Path, w float64, dash []float64, clip Rect) {
	s.dst = dst
	s.hw = w / 2
	s.clip = clip
	s.pat, s.period = normDash(dash, s.pat)
	if s.hw != s.stepHW || s.step == 0 { // a layer's features share a width
		if s.hw > strokeTol {
			s.step = 2 * math.Acos(1-strokeTol/s.hw)
		} else {
			s.step = math.Pi / 2
		}
		s.cosStep, s.stepHW = math.Cos(s.step), s.hw
	}
	s.thin = w <= thinWidth
	for i := range src.subs {
		pts, closed := src.Subpath(i)
		s.buf = cleanPts(s.buf[:0], pts, closed)
		s.subpath(s.buf, closed)
	}
}

func (s *stroker) subpath(pts []Pt, closed bool) {
	if s.hair != nil {
		s.hair.newSubpath()
	}
	n := len(pts)
	if n == 0 {
		return
	}
	if n == 1 {
		q := pts[0]
		if q.X >= s.clip.MinX && q.X <= s.clip.MaxX && q.Y >= s.clip.MinY && q.Y <= s.clip.MaxY {
			s.arc(q, Pt{1, 0}, 2*math.Pi, 6)
		}
		return
	}
	segs := n - 1
	if closed && n > 2 {
		segs = n
	} else {
		closed = false
	}
	if s.hair != nil && s.pat == nil {
		s.hairSubpath(pts, segs, closed)
		return
	}
	var (
		phase        float64 // distance into the dash pattern at segment start
		prevU        Pt
		prevEndDown  bool // the previous segment was drawn up to its end
		firstU       Pt
		firstStarted bool // segment 0 was drawn from its start
	)
	for k := 0; k < segs; k++ {
		a, b := pts[k], pts[(k+1)%n]
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
			s0, s1 := t0*l, t1*l
			if t1 == 1 {
				s1 = l
			}
			emit := func(e0, e1 float64) {
				if !(e1 > e0) {
					return
				}
				p, q := a, b
				if e0 > 0 {
					p = Pt{a.X + u.X*e0, a.Y + u.Y*e0}
				}
				if e1 < l {
					q = Pt{a.X + u.X*e1, a.Y + u.Y*e1}
				}
				var joinP, joinQ bool // the hairliner's abutting ends
				if s.thin {
					// Square extensions stand in for joins and caps.
					if e0 == 0 && (k == 0 || prevEndDown) {
						if s.extendAt(pts, k, closed, u, false) {
							p = Pt{p.X - u.X*s.hw, p.Y - u.Y*s.hw}
						} else {
							joinP = k > 0
						}
					}
					if e1 == l {
						if s.extendAt(pts, k, closed, u, true) {
							q = Pt{q.X + u.X*s.hw, q.Y + u.Y*s.hw}
						} else {
							joinQ = closed && k == segs-1
						}
					}
				}
				if s.hair != nil {
					s.hair.segment(p, q, joinP, joinQ, k == 0 && e0 == 0)
				} else {
					s.quad(p, q, u)
				}
				if e0 == 0 {
					switch {
					case k > 0 && prevEndDown:
						s.join(a, prevU, u)
					case k == 0 && closed:
						firstStarted = true
					case k == 0 && !s.thin:
						s.arc(a, Pt{-u.Y, u.X}, math.Pi, 2) // start cap
					}
				}
				if e1 == l {
					endDown = true
					if k == segs-1 && !closed && !s.thin {
						s.arc(b, Pt{u.Y, -u.X}, math.Pi, 2) // end cap
					}
				}
			}
			if s.pat == nil {
				emit(s0, s1)
			} else {
				s.dashed(phase, s0, s1, emit)
			}
		}
		if s.pat != nil {
			phase = math.Mod(phase+l, s.period)
		}
		prevU, prevEndDown = u, endDown
	}
	if closed && firstStarted && prevEndDown {
		s.join(pts[0], prevU, firstU)
	}
}

// segLength is the length of (dx, dy), and whether it is positive and
// finite (a segment to stroke).
func segLength(dx, dy float64) (float64, bool) {
	l := math.Sqrt(dx*dx + dy*dy)
	if l > 0 && l <= math.MaxFloat64 {
		return l, true
	}
	if math.IsInf(l, 1) {
		l = math.Hypot(dx, dy) // squares beyond float64: huge points
	}
	return l, l > 0 && !math.IsInf(l, 1)
}

// extendAt reports whether a thin stroke's segment k (direction u) is
// extended at its end (or its start): always, except for the hairliner
// where it meets a neighbour running along the same axis. The hairliner
// cuts both pieces across that axis at the shared vertex, so they abut
// without a gap; extending both would paint the pixels around the vertex
// twice.
func (s *stroker) extendAt(pts []Pt, k int, closed bool, u Pt, end bool) bool {
	if s.hair == nil {
		return true
	}
	n := len(pts)
	var a, b Pt // the neighbouring segment
	switch {
	case end && (closed || k+2 < n):
		a, b = pts[(k+1)%n], pts[(k+2)%n]
	case !end && k > 0:
		a, b = pts[k-1], pts[k]
	case !end && closed:
		a, b = pts[n-1], pts[0]
	default:
		return true // an open end: the square cap
	}
	return xMajor(u) != xMajor(Pt{b.X - a.X, b.Y - a.Y})
}

// xMajor reports whether direction u runs more along x than along y, the
// axis the hairliner steps along.
func xMajor(u Pt) bool { return math.Abs(u.X) >= math.Abs(u.Y) }

// dashed calls emit for the "on" parts of [s0, s1] along a segment whose
// start is phase into the dash pattern.
func (s *stroker) dashed(phase, s0, s1 float64, emit func(e0, e1 float64)) {
	ph := math.Mod(phase+s0, s.period)
	if !(ph >= 0) {
		ph = 0
	}
	j := 0
	for ph >= s.pat[j] && j < len(s.pat)-1 {
		ph -= s.pat[j]
		j++
	}
	rem := s.pat[j] - ph
	// Each full cycle advances at least one pixel (period >= 1), and s1-s0 is
	// bounded by the clip box, so this loop is bounded; the guard is for
	// rounding at huge s.
	for pos, guard := s0, 0; pos < s1 && guard < 1<<22; guard++ {
		end := min(pos+max(rem, 0), s1)
		if j%2 == 0 {
			emit(pos, end)
		}
		pos = end
		j = (j + 1) % len(s.pat)
		rem = s.pat[j]
	}
}

// quad adds the rectangle of half width hw around segment p→q (unit
// direction u), wound negatively.
func (s *stroker) quad(p, q, u Pt) {
	nx, ny := -u.Y*s.hw, u.X*s.hw
	s.dst.changed()
	s.dst.subs = append(s.dst.subs, subpath{start: len(s.dst.pts), closed: true})
	s.dst.pts = append(s.dst.pts,
		Pt{p.X + nx, p.Y + ny}, Pt{q.X + nx, q.Y + ny},
		Pt{q.X - nx, q.Y - ny}, Pt{p.X - nx, p.Y - ny})
}

// join adds the round join at c between a segment with direction u1 and the
// next with direction u2 (a bevel triangle when that is within tolerance,
// and for thin strokes only at turns sharper than 90°).
func (s *stroker) join(c, u1, u2 Pt) {
	cross := u1.X*u2.Y - u1.Y*u2.X
	dot := u1.X*u2.X + u1.Y*u2.Y
	if s.thin && dot >= 0 {
		return
	}
	if dot > 0 && s.hw*math.Abs(cross) < 0.05 {
		return // the notch would be far below a pixel
	}
	// The gap lies on the outside of the turn: -n for a positive turn.
	sgn := 1.0
	if cross > 0 || (cross == 0 && !math.Signbit(cross)) {
		sgn = -1
	}
	if s.thin || dot >= s.cosStep {
		// One step: the bevel triangle, no trigonometry.
		s.fan = append(s.fan[:0], c,
			Pt{c.X - sgn*u1.Y*s.hw, c.Y + sgn*u1.X*s.hw},
			Pt{c.X - sgn*u2.Y*s.hw, c.Y + sgn*u2.X*s.hw})
		s.emitFan()
		return
	}
	start := Pt{sgn * -u1.Y, sgn * u1.X}
	s.arc(c, start, math.Atan2(cross, dot), 1)
}

// arc adds the fan centred on c from direction start (a unit vector) through
// the signed angle sweep, flattened to within strokeTol, with at least
// minSteps steps. Inner arc points sit slightly outside the circle so each
// step's triangle has the area of its circular sector; the end points lie
// on the circle, where they meet the segment rectangles. A full turn makes
// a disc.
func (s *stroker) arc(c, start Pt, sweep float64, minSteps int) {
	steps := max(minSteps, int(math.Ceil(math.Abs(sweep)/s.step)))
	steps = min(steps, 256)
	da := sweep / float64(steps)
	cs, sn := math.Cos(da), math.Sin(da)
	rOut := s.hw * math.Sqrt(math.Abs(da)/math.Abs(sn))
	full := math.Abs(sweep) >= 2*math.Pi-1e-9
	s.fan = s.fan[:0]
	if !full {
		s.fan = append(s.fan, c)
	}
	x, y := start.X, start.Y
	for i := 0; i <= steps; i++ {
		if full && i == steps {
			break
		}
		r := rOut
		if !full && (i == 0 || i == steps) {
			r = s.hw
		}
		s.fan = append(s.fan, Pt{c.X + x*r, c.Y + y*r})
		x, y = x*cs-y*sn, x*sn+y*cs
	}
	s.emitFan()
}

// emitFan appends s.fan to dst as a closed subpath wound negatively.
func (s *stroker) emitFan() {
	if signedArea(s.fan) > 0 {
		reversePts(s.fan)
	}
	s.dst.appendPts(s.fan, true)
}
