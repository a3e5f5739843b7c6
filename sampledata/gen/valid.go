package main

import (
	"errors"
	"fmt"
)

// polygon is a list of open rings (no repeated closing position): the
// exterior first, counter-clockwise, then holes, clockwise.
type polygon [][]pt

// ringSimple reports whether the open ring has at least 3 distinct
// positions, no repeated position, and no two edges that meet other than
// neighbours at their shared vertex.
func ringSimple(r []pt) error {
	n := len(r)
	if n < 3 {
		return fmt.Errorf("ring has %d positions, want at least 3 plus the closing one", n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if r[i] == r[j] {
				return fmt.Errorf("ring repeats position %d at %d", i, j)
			}
		}
	}
	for i := 0; i < n; i++ {
		a, b := r[i], r[(i+1)%n]
		for j := i + 1; j < n; j++ {
			c, d := r[j], r[(j+1)%n]
			switch {
			case j == i+1: // shares b == c: must not fold back on itself
				if orient(a, b, d) == 0 && (onSegment(a, b, d) || onSegment(c, d, a)) {
					return fmt.Errorf("ring folds back at vertex %d", j)
				}
			case i == 0 && j == n-1: // shares a == d
				if orient(c, d, b) == 0 && (onSegment(c, d, b) || onSegment(a, b, c)) {
					return fmt.Errorf("ring folds back at vertex 0")
				}
			default:
				if segmentsTouch(a, b, c, d) {
					return fmt.Errorf("ring edges %d and %d intersect", i, j)
				}
			}
		}
	}
	return nil
}

// checkPolygon validates a polygon the way RFC 7946 and OGC simple
// features ask: simple rings, exterior counter-clockwise, holes clockwise
// and strictly inside the exterior, holes disjoint.
func checkPolygon(p polygon) error {
	if len(p) == 0 {
		return errors.New("polygon has no rings")
	}
	for i, r := range p {
		if err := ringSimple(r); err != nil {
			return fmt.Errorf("ring %d: %w", i, err)
		}
		ccw := signedArea2(r) > 0
		if i == 0 && !ccw {
			return errors.New("exterior ring is clockwise")
		}
		if i > 0 && ccw {
			return fmt.Errorf("hole %d is counter-clockwise", i)
		}
		if i > 0 && !ringWithin(r, p[0]) {
			return fmt.Errorf("hole %d is not inside the exterior", i)
		}
		for j := 1; j < i; j++ {
			if !ringsDisjoint(r, p[j]) {
				return fmt.Errorf("holes %d and %d meet", j, i)
			}
		}
	}
	return nil
}

// checkMultiPolygon validates every part and that parts are disjoint.
func checkMultiPolygon(ps []polygon) error {
	for i, p := range ps {
		if err := checkPolygon(p); err != nil {
			return fmt.Errorf("part %d: %w", i, err)
		}
		for j := 0; j < i; j++ {
			if !ringsDisjoint(p[0], ps[j][0]) {
				return fmt.Errorf("parts %d and %d meet", j, i)
			}
		}
	}
	return nil
}

// checkLine validates a line string: at least two positions, no repeated
// consecutive position, no self-intersection.
func checkLine(l []pt) error {
	if len(l) < 2 {
		return fmt.Errorf("line has %d positions, want at least 2", len(l))
	}
	for i := 1; i < len(l); i++ {
		if l[i] == l[i-1] {
			return fmt.Errorf("line repeats position %d", i)
		}
	}
	for i := 0; i+1 < len(l); i++ {
		for j := i + 2; j+1 < len(l); j++ {
			if segmentsTouch(l[i], l[i+1], l[j], l[j+1]) {
				return fmt.Errorf("line segments %d and %d intersect", i, j)
			}
		}
	}
	return nil
}

// polygonContainsPolygon reports whether q lies within p's area: inside
// the exterior, touching nothing, and outside every hole.
func polygonContainsPolygon(p polygon, q []pt) bool {
	if !ringWithin(q, p[0]) {
		return false
	}
	for _, h := range p[1:] {
		if !ringsDisjoint(q, h) {
			return false
		}
	}
	return true
}

// polygonContainsPoint reports whether x lies in p's area.
func polygonContainsPoint(p polygon, x pt) bool {
	if !inRing(x, p[0]) {
		return false
	}
	for _, h := range p[1:] {
		if inRing(x, h) {
			return false
		}
	}
	return true
}
