package geomcheck

import "github.com/paulmach/orb"

// Rings of one polygon may touch at a point but not cross there. Where two
// rings meet at a point P that is a vertex of at least one of them, each
// ring contributes two rays from P (to its neighbouring positions, or to
// the ends of the edge through P). The rings cross at P exactly when the
// rays of one ring lie on different sides of the other ring's pair of rays.
// Collinear overlaps and spikes have been rejected before this runs, so no
// two rays coincide.

func (t *topo) checkContacts() *Problem {
	for n, c := range t.contacts {
		p := t.contactP[n]
		a, b := t.segs[c[0]], t.segs[c[1]]
		a1, a2 := t.rays(a, p)
		b1, b2 := t.rays(b, p)
		if inSector(p, a1, a2, b1) != inSector(p, a1, a2, b2) {
			return &Problem{Code: CodeSelfIntersection, Ring: int(b.ring), Index: int(b.i), At: p, Other: p}
		}
	}
	return nil
}

// rays returns the far ends of the two rays of s's ring leaving p, where p
// is an endpoint of s or lies inside it.
func (t *topo) rays(s segment, p orb.Point) (orb.Point, orb.Point) {
	s1, s2 := t.ends(s)
	n := t.count[s.ring]
	switch p {
	case s1:
		prev := t.segs[t.first[s.ring]+(s.k+n-1)%n]
		u, _ := t.ends(prev)
		return u, s2
	case s2:
		next := t.segs[t.first[s.ring]+(s.k+1)%n]
		_, v := t.ends(next)
		return s1, v
	}
	return s1, s2
}

// inSector reports whether the ray p→b lies strictly inside the angle swept
// counter-clockwise from ray p→a1 to ray p→a2.
func inSector(p, a1, a2, b orb.Point) bool {
	s12 := orient(p, a1, a2)
	s1b := orient(p, a1, b)
	sb2 := orient(p, b, a2)
	switch {
	case s12 > 0: // convex sector
		return s1b > 0 && sb2 > 0
	case s12 < 0: // reflex sector: inside unless in the convex complement
		return !(s1b < 0 && sb2 < 0)
	}
	// a1 and a2 are opposite: the sector is the half-plane left of p→a1.
	return s1b > 0
}
