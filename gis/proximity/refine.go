package proximity

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// Within's fast path. Projecting every vertex of every candidate exactly
// costs more than the rest of a screening together, so distances are first
// found in the affine approximation of the Gauss-Kruger projection at the
// centre of the region concerned (the geometry and the candidate
// segments), then the few pairs (geometry edge or point, line segment) that
// can be the nearest within the approximation's error bound are measured
// again exactly in Gauss-Kruger. The answer is the exact one.

// maxAffineSpan is the largest half-extent, in radians, of a region the
// affine approximation is used for (about 57 km); beyond it measure
// projects everything exactly.
const maxAffineSpan = 0.009

// affine maps lon/lat near a centre to approximate projected metres
// (relative to the centre's image).
type affine struct {
	c                  orb.Point
	a11, a12, a21, a22 float64
}

func (f *affine) at(p orb.Point) xy {
	dx, dy := p[0]-f.c[0], p[1]-f.c[1]
	return xy{f.a11*dx + f.a12*dy, f.a21*dx + f.a22*dy}
}

// newAffine is the Jacobian of z's projection at c by forward
// differences (its relative error, about 1e-6, is far inside the error
// bound withinFast allows); x0 is c's projected easting.
func newAffine(z *zone, c orb.Point) (f *affine, x0 float64, ok bool) {
	const h = 1e-4 // degrees
	x0, y0, err := z.c.FromLonLat(c[0], c[1])
	if err != nil {
		return nil, 0, false
	}
	x1, y1, err := z.c.FromLonLat(c[0]+h, c[1])
	if err != nil {
		return nil, 0, false
	}
	x2, y2, err := z.c.FromLonLat(c[0], c[1]+h)
	if err != nil {
		return nil, 0, false
	}
	return &affine{c: c, a11: (x1 - x0) / h, a21: (y1 - y0) / h, a12: (x2 - x0) / h, a22: (y2 - y0) / h}, x0, true
}

// affineCell is the size, in degrees, of the grid cells whose centres
// the affine approximations are taken at (one per cell, kept per zone).
const affineCell = 0.05

type cellKey struct{ x, y int32 }

type cellAffine struct {
	f  *affine
	x0 float64
	ok bool
}

// affineNear returns the affine approximation at the centre of p's grid
// cell, computing it on first use.
func (z *zone) affineNear(p orb.Point) (*affine, float64, bool) {
	k := cellKey{int32(math.Floor(p[0] / affineCell)), int32(math.Floor(p[1] / affineCell))}
	if v, ok := z.affines.Load(k); ok {
		ca := v.(cellAffine)
		return ca.f, ca.x0, ca.ok
	}
	c := orb.Point{(float64(k.x) + 0.5) * affineCell, (float64(k.y) + 0.5) * affineCell}
	f, x0, ok := newAffine(z, c)
	z.affines.Store(k, cellAffine{f, x0, ok})
	return f, x0, ok
}

// element is one piece of the measured geometry: a point (b == a) or an
// edge, with its approximate image and bounding box.
type element struct {
	p, q   orb.Point // lon/lat
	a, b   xy        // approximate image
	lo, hi xy        // bounding box of a, b
}

// scratch holds the buffers of one withinFast call.
type scratch struct {
	els     []element
	segs    []segImg
	rings   [][]xy // ring images, in polygon order (slices of ringBuf)
	ringBuf []xy
	ringP   []int  // polygon index of each ring image
	memo    []memo // exactly projected vertices of this call
	pairs   []pairDist
}

// pairDist is a (segment, element) pair and its approximate squared distance.
type pairDist struct {
	seg, el int32
	d2      float64
}

type segImg struct {
	i      int
	a, b   xy
	lo, hi xy
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// regionBound is the box around b and the candidate segments' boxes: the
// region an affine approximation must hold.
func (ix *Index) regionBound(b orb.Bound, cand []int) (minx, miny, maxx, maxy float64) {
	minx, miny, maxx, maxy = b.Min[0], b.Min[1], b.Max[0], b.Max[1]
	for _, i := range cand {
		sb := &ix.segBox[i]
		minx, miny = fmin(minx, sb.Min[0]), fmin(miny, sb.Min[1])
		maxx, maxy = fmax(maxx, sb.Max[0]), fmax(maxy, sb.Max[1])
	}
	return minx, miny, maxx, maxy
}

// withinFast measures g against the candidate segments through the affine
// approximation; ok is false when the region is too large for it (the
// caller then measures exactly).
func (ix *Index) withinFast(g orb.Geometry, b orb.Bound, cand []int, z *zone) (dist float64, ok bool, err error) {
	minx, miny, maxx, maxy := ix.regionBound(b, cand)
	f, x0, good := z.affineNear(orb.Point{(minx + maxx) / 2, (miny + maxy) / 2})
	if !good {
		return 0, false, nil
	}
	// s: how far (radians) the region reaches from the affine centre.
	s := math.Hypot(fmax(maxx-f.c[0], f.c[0]-minx), fmax(maxy-f.c[1], f.c[1]-miny)) * math.Pi / 180
	if s > maxAffineSpan {
		return 0, false, nil
	}
	// Relative error bound of approximate distances: the affine map's
	// error grows with the distance from the centre at a rate bounded by
	// the change of scale and orientation of the projection per radian
	// (tan φ from the parallels, sin φ from the meridian convergence,
	// x/R from the Gauss-Kruger scale), doubled for safety.
	phi := fmax(math.Abs(miny), math.Abs(maxy)) * math.Pi / 180
	xr := math.Abs(x0-z.c.FalseEasting) / grsA
	delta := 4*s*(math.Tan(phi)+math.Sin(phi)+xr+0.01) + 1e-5

	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.memo = sc.memo[:0]
	if err := sc.elements(g, f); err != nil {
		return 0, false, err
	}
	els := sc.els
	gl, gh := xy{math.Inf(1), math.Inf(1)}, xy{math.Inf(-1), math.Inf(-1)}
	for k := range els {
		e := &els[k]
		gl, gh = xy{fmin(gl.x, e.lo.x), fmin(gl.y, e.lo.y)}, xy{fmax(gh.x, e.hi.x), fmax(gh.y, e.hi.y)}
	}
	// Pass 1: the smallest approximate distance, pruning by boxes, nearest
	// segment box first so that the bound tightens at once.
	sc.segs = sc.segs[:0]
	first, firstD := -1, math.Inf(1)
	for _, i := range cand {
		v := int(ix.segs[i])
		a, bb := f.at(ix.verts[v]), f.at(ix.verts[v+1])
		si := segImg{i: i, a: a, b: bb, lo: xy{fmin(a.x, bb.x), fmin(a.y, bb.y)}, hi: xy{fmax(a.x, bb.x), fmax(a.y, bb.y)}}
		if d := boxDist2(si.lo, si.hi, gl, gh); d < firstD {
			first, firstD = len(sc.segs), d
		}
		sc.segs = append(sc.segs, si)
	}
	segs := sc.segs
	// Pairs are pruned against the refinement limit of the best distance
	// so far, which only shrinks: a pair pruned then is beyond the final
	// limit too, and every pair within it is in sc.pairs.
	grow := (1 + delta) / (1 - delta)
	best, lim2 := math.Inf(1), math.Inf(1)
	sc.pairs = sc.pairs[:0]
	pair := func(k int) {
		sg := &segs[k]
		if boxDist2(sg.lo, sg.hi, gl, gh) > lim2 {
			return
		}
		for m := range els {
			e := &els[m]
			if boxDist2(sg.lo, sg.hi, e.lo, e.hi) > lim2 {
				continue
			}
			d2 := segSeg2(e.a, e.b, sg.a, sg.b)
			if d2 > lim2 {
				continue
			}
			sc.pairs = append(sc.pairs, pairDist{int32(k), int32(m), d2})
			if d2 < best {
				best = d2
				l := math.Sqrt(best)*grow + 1e-6
				lim2 = l * l
			}
		}
	}
	pair(first)
	for k := range segs {
		if k != first {
			pair(k)
		}
	}
	// Pass 2: every pair that may be the nearest, exactly.
	exact := math.Inf(1)
	for _, pd := range sc.pairs {
		if pd.d2 > lim2 {
			continue
		}
		sg, e := &segs[pd.seg], &els[pd.el]
		v := int(ix.segs[sg.i])
		if z.bad[v] || z.bad[v+1] {
			return 0, false, newError(CodeProjection, z.err[v], "line vertex into %s", z.c)
		}
		pa, err := sc.project(z, e.p)
		if err != nil {
			return 0, false, err
		}
		pb := pa
		if e.q != e.p {
			if pb, err = sc.project(z, e.q); err != nil {
				return 0, false, err
			}
		}
		exact = fmin(exact, segSeg2(pa, pb, z.xy[v], z.xy[v+1]))
	}
	if math.IsInf(exact, 1) {
		return 0, false, nil
	}
	if exact > 0 && len(sc.rings) > 0 {
		// A line running inside a polygon: a segment vertex inside in the
		// approximation is checked exactly.
		for k := range segs {
			sg := &segs[k]
			if sg.a.x >= gl.x && sg.a.x <= gh.x && sg.a.y >= gl.y && sg.a.y <= gh.y && sc.insideApprox(sg.a) {
				in, err := ix.insideExact(g, ix.segs[sg.i], z)
				if err != nil {
					return 0, false, err
				}
				if in {
					return 0, true, nil
				}
			}
		}
	}
	return math.Sqrt(exact), true, nil
}

// project projects p exactly, remembering the last few points (adjacent
// edges share vertices).
func (sc *scratch) project(z *zone, p orb.Point) (xy, error) {
	for _, m := range sc.memo {
		if m.p == p {
			return m.q, nil
		}
	}
	x, y, err := z.c.FromLonLat(p[0], p[1])
	if err != nil {
		return xy{}, newError(CodeProjection, err, "vertex %v into %s", p, z.c)
	}
	if len(sc.memo) < 16 {
		sc.memo = append(sc.memo, memo{p, xy{x, y}})
	}
	return xy{x, y}, nil
}

type memo struct {
	p orb.Point
	q xy
}

// insideApprox reports whether p is inside one of the polygons, in the
// affine image.
func (sc *scratch) insideApprox(p xy) bool {
	for k := 0; k < len(sc.rings); {
		poly := sc.ringP[k]
		in := inRing(p, sc.rings[k])
		k++
		for ; k < len(sc.rings) && sc.ringP[k] == poly; k++ {
			if in && inRing(p, sc.rings[k]) {
				in = false
			}
		}
		if in {
			return true
		}
	}
	return false
}

// insideExact reports whether line vertex v lies inside a polygon of g,
// in exact projected coordinates.
func (ix *Index) insideExact(g orb.Geometry, v int32, z *zone) (bool, error) {
	var s shape
	if err := project(g, z, &s); err != nil {
		return false, err
	}
	if z.bad[v] {
		return false, newError(CodeProjection, z.err[v], "line vertex into %s", z.c)
	}
	for _, rings := range s.polys {
		if inPolygon(z.xy[v], rings) {
			return true, nil
		}
	}
	return false, nil
}

// boxDist2 is the squared distance between two boxes (0 when they meet).
func boxDist2(alo, ahi, blo, bhi xy) float64 {
	dx := fmax(0, fmax(alo.x-bhi.x, blo.x-ahi.x))
	dy := fmax(0, fmax(alo.y-bhi.y, blo.y-ahi.y))
	return dx*dx + dy*dy
}

// elements breaks g into points and edges in the affine image (sc.els)
// and keeps the image of each polygon's rings (sc.rings) for containment
// tests.
func (sc *scratch) elements(g orb.Geometry, f *affine) error {
	sc.els = sc.els[:0]
	sc.rings = sc.rings[:0]
	sc.ringP = sc.ringP[:0]
	sc.ringBuf = sc.ringBuf[:0]
	npoly := 0
	addPt := func(p orb.Point) error {
		if !validLonLat(p) {
			return newError(CodeBadCoordinate, nil, "vertex %v", p)
		}
		a := f.at(p)
		sc.els = append(sc.els, element{p: p, q: p, a: a, b: a, lo: a, hi: a})
		return nil
	}
	addPath := func(ps []orb.Point, closed bool) ([]xy, error) {
		start := len(sc.ringBuf)
		var prev xy
		for k, p := range ps {
			if !validLonLat(p) {
				return nil, newError(CodeBadCoordinate, nil, "vertex %v", p)
			}
			a := f.at(p)
			if closed {
				sc.ringBuf = append(sc.ringBuf, a)
			}
			if k > 0 {
				sc.els = append(sc.els, edge(ps[k-1], p, prev, a))
			}
			prev = a
		}
		n := len(ps)
		if n == 1 {
			a := f.at(ps[0])
			sc.els = append(sc.els, element{p: ps[0], q: ps[0], a: a, b: a, lo: a, hi: a})
		}
		if !closed {
			return nil, nil
		}
		if n > 1 && ps[0] != ps[n-1] {
			img := sc.ringBuf[start:]
			sc.els = append(sc.els, edge(ps[n-1], ps[0], img[n-1], img[0]))
			sc.ringBuf = append(sc.ringBuf, img[0])
		}
		return sc.ringBuf[start:len(sc.ringBuf):len(sc.ringBuf)], nil
	}
	addPoly := func(p orb.Polygon) error {
		added := false
		for _, r := range p {
			if len(r) == 0 {
				continue
			}
			img, err := addPath(r, true)
			if err != nil {
				return err
			}
			sc.rings = append(sc.rings, img)
			sc.ringP = append(sc.ringP, npoly)
			added = true
		}
		if added {
			npoly++
		}
		return nil
	}
	var walk func(g orb.Geometry) error
	walk = func(g orb.Geometry) error {
		switch g := g.(type) {
		case orb.Point:
			return addPt(g)
		case orb.MultiPoint:
			for _, p := range g {
				if err := addPt(p); err != nil {
					return err
				}
			}
		case orb.LineString:
			if len(g) > 0 {
				_, err := addPath(g, false)
				return err
			}
		case orb.MultiLineString:
			for _, l := range g {
				if err := walk(l); err != nil {
					return err
				}
			}
		case orb.Ring:
			return addPoly(orb.Polygon{g})
		case orb.Polygon:
			return addPoly(g)
		case orb.MultiPolygon:
			for _, p := range g {
				if err := addPoly(p); err != nil {
					return err
				}
			}
		case orb.Bound:
			return addPoly(g.ToPolygon())
		case orb.Collection:
			for _, m := range g {
				if err := walk(m); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(g)
}

func edge(p, q orb.Point, a, b xy) element {
	return element{p: p, q: q, a: a, b: b,
		lo: xy{fmin(a.x, b.x), fmin(a.y, b.y)}, hi: xy{fmax(a.x, b.x), fmax(a.y, b.y)}}
}
