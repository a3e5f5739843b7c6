package proximity

import (
	"math"

	"github.com/paulmach/orb"
)

// Far is the box test a screening runs on a spatial index's boxes before
// reading any geometry: a box the lines pass well clear of holds nothing
// within the distance, whatever its geometry.

// farRel and farAbs widen the distance Far needs to see, on top of the
// affine approximation's error bound: farRel covers the geometry being
// measured in the Gauss-Kruger zone of its own centre rather than the
// box's (zone scales differ by less than 3 parts in 10⁴), farAbs rounding.
const (
	farRel = 1e-3
	farAbs = 1.0 // metres
)

// Far reports whether every geometry whose coordinates lie in b (lon/lat)
// is surely more than d metres from the lines, as Within measures them. It
// is conservative: false means only that b is not far enough to be sure
// (the box is measured in the affine approximation of the projection and
// must clear d by that approximation's error bound plus 0.1 % and a metre).
// It reads no geometry and allocates nothing once the region's zone is
// prepared; an invalid b or d gives false.
func (ix *Index) Far(b orb.Bound, d float64) bool {
	if checkDistance(d) != nil || !validLonLat(b.Min) || !validLonLat(b.Max) || b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] {
		return false
	}
	gb := Grow(b, d)
	// near: a segment box meeting this much smaller growth all but
	// surely holds a point within d, and false is always a safe answer.
	near := Grow(b, d/4)
	var buf [64]int
	cand := buf[:0]
	for _, c := range ix.chunks {
		if !meets(c.box, gb) {
			continue
		}
		for i := c.lo; i < c.hi; i++ {
			if meets(ix.segBox[i], gb) {
				if meets(ix.segBox[i], near) {
					return false
				}
				cand = append(cand, i)
			}
		}
	}
	if len(cand) == 0 {
		return true // Grow: anything within d of b has a box meeting gb
	}
	epsg, err := ix.epsgFor(b)
	if err != nil {
		return false
	}
	z, err := ix.zoneFor(epsg)
	if err != nil {
		return false
	}
	minx, miny, maxx, maxy := ix.regionBound(b, cand)
	f, x0, good := z.affineNear(orb.Point{(minx + maxx) / 2, (miny + maxy) / 2})
	if !good {
		return false
	}
	s := math.Hypot(fmax(maxx-f.c[0], f.c[0]-minx), fmax(maxy-f.c[1], f.c[1]-miny)) * math.Pi / 180
	if s > maxAffineSpan {
		return false
	}
	// The error bound of withinFast for the same region.
	phi := fmax(math.Abs(miny), math.Abs(maxy)) * math.Pi / 180
	xr := math.Abs(x0-z.c.FalseEasting) / grsA
	delta := 4*s*(math.Tan(phi)+math.Sin(phi)+xr+0.01) + 1e-5
	// need: the approximate distance beyond which the true one is > d.
	need := (d*(1+farRel) + farAbs) / (1 - 2*delta)
	if !(need > 0) || 2*delta >= 1 {
		return false
	}
	need2 := need * need
	// The box's image: a parallelogram, ring closed.
	ring := [5]xy{f.at(b.Min), f.at(orb.Point{b.Max[0], b.Min[1]}), f.at(b.Max), f.at(orb.Point{b.Min[0], b.Max[1]})}
	ring[4] = ring[0]
	lo, hi := ring[0], ring[0]
	for _, p := range ring[1:4] {
		lo, hi = xy{fmin(lo.x, p.x), fmin(lo.y, p.y)}, xy{fmax(hi.x, p.x), fmax(hi.y, p.y)}
	}
	for _, i := range cand {
		v := int(ix.segs[i])
		a, c := f.at(ix.verts[v]), f.at(ix.verts[v+1])
		if boxDist2(xy{fmin(a.x, c.x), fmin(a.y, c.y)}, xy{fmax(a.x, c.x), fmax(a.y, c.y)}, lo, hi) > need2 {
			continue
		}
		if inRing(a, ring[:]) {
			return false
		}
		for k := 1; k < len(ring); k++ {
			if segSeg2(ring[k-1], ring[k], a, c) <= need2 {
				return false
			}
		}
	}
	return true
}
