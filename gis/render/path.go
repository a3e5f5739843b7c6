package render

import "math"

// Pt is a point in pixel coordinates: x to the right, y downwards.
type Pt struct{ X, Y float64 }

// Rect is an axis-aligned box in pixel coordinates.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

// Outset returns r grown by d on every side.
func (r Rect) Outset(d float64) Rect {
	return Rect{r.MinX - d, r.MinY - d, r.MaxX + d, r.MaxY + d}
}

// Empty reports whether r contains no point.
func (r Rect) Empty() bool { return !(r.MinX <= r.MaxX && r.MinY <= r.MaxY) }

// Intersects reports whether r and s share a point.
func (r Rect) Intersects(s Rect) bool {
	return r.MinX <= s.MaxX && s.MinX <= r.MaxX && r.MinY <= s.MaxY && s.MinY <= r.MaxY
}

// Contains reports whether s lies inside r.
func (r Rect) Contains(s Rect) bool {
	return r.MinX <= s.MinX && s.MaxX <= r.MaxX && r.MinY <= s.MinY && s.MaxY <= r.MaxY
}

// emptyRect is the identity for extend.
var emptyRect = Rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}

func (r *Rect) extend(p Pt) {
	r.MinX = min(r.MinX, p.X)
	r.MinY = min(r.MinY, p.Y)
	r.MaxX = max(r.MaxX, p.X)
	r.MaxY = max(r.MaxY, p.Y)
}

// Path is a list of subpaths of straight segments in pixel coordinates. A
// closed subpath has an implied segment from its last point back to its
// first. Filling treats every subpath as closed and uses the non-zero
// winding rule, so holes must wind against their outer ring (Draw orients
// rings that way). Paths may hold any float64, including NaN, infinities
// and points far outside the canvas: canvases drop non-finite points and
// clip.
//
// The zero Path is empty and ready to use; Reset keeps its storage.
type Path struct {
	pts  []Pt
	subs []subpath
	// bounds is what Bounds returned, while boundsOK; whatever changes
	// pts clears boundsOK (changed). A feature's path is asked for its box
	// by its outline and by its fill, over every point each time.
	bounds       Rect
	boundsFinite bool
	boundsOK     bool
}

type subpath struct {
	start  int
	closed bool
}

// Reset empties p, keeping its storage.
func (p *Path) Reset() {
	p.pts = p.pts[:0]
	p.subs = p.subs[:0]
	p.boundsOK = false
}

// changed forgets the box Bounds found: code of this package that writes
// p.pts itself calls it.
func (p *Path) changed() { p.boundsOK = false }

// MoveTo starts a new subpath at (x, y).
func (p *Path) MoveTo(x, y float64) {
	p.boundsOK = false
	p.subs = append(p.subs, subpath{start: len(p.pts)})
	p.pts = append(p.pts, Pt{x, y})
}

// LineTo adds a segment from the current point to (x, y). With no current
// subpath, or after Close, it starts a new subpath (at (x, y), or at the
// closed subpath's first point).
func (p *Path) LineTo(x, y float64) {
	switch {
	case len(p.subs) == 0:
		p.MoveTo(x, y)
		return
	case p.subs[len(p.subs)-1].closed:
		s := p.pts[p.subs[len(p.subs)-1].start]
		p.MoveTo(s.X, s.Y)
	}
	p.boundsOK = false
	p.pts = append(p.pts, Pt{x, y})
}

// Close closes the current subpath.
func (p *Path) Close() {
	if len(p.subs) > 0 {
		p.subs[len(p.subs)-1].closed = true
	}
}

// Len returns the number of points in p.
func (p *Path) Len() int { return len(p.pts) }

// NumSubpaths returns the number of subpaths in p.
func (p *Path) NumSubpaths() int { return len(p.subs) }

// Subpath returns the points of subpath i and whether it is closed. The
// slice aliases p's storage: do not modify it or keep it past p's next
// change.
func (p *Path) Subpath(i int) (pts []Pt, closed bool) {
	end := len(p.pts)
	if i+1 < len(p.subs) {
		end = p.subs[i+1].start
	}
	return p.pts[p.subs[i].start:end], p.subs[i].closed
}

// Bounds returns the box of p's finite points (an empty Rect if none) and
// whether every point was finite.
func (p *Path) Bounds() (r Rect, allFinite bool) {
	if p.boundsOK {
		return p.bounds, p.boundsFinite
	}
	defer func() { p.bounds, p.boundsFinite, p.boundsOK = r, allFinite, true }()
	r = emptyRect
	allFinite = true
	for _, q := range p.pts {
		if !finite(q.X) || !finite(q.Y) {
			allFinite = false
			continue
		}
		r.extend(q)
	}
	return r, allFinite
}

// appendPts adds pts as a new subpath.
func (p *Path) appendPts(pts []Pt, closed bool) {
	p.boundsOK = false
	p.subs = append(p.subs, subpath{start: len(p.pts), closed: closed})
	p.pts = append(p.pts, pts...)
}

// signedArea returns twice the signed (shoelace) area of the closed ring.
// It is positive for rings that run clockwise on screen (y down).
func signedArea(pts []Pt) float64 {
	if len(pts) < 3 {
		return 0
	}
	var a float64
	x0, y0 := pts[0].X, pts[0].Y
	for i := 1; i+1 < len(pts); i++ {
		a += (pts[i].X-x0)*(pts[i+1].Y-y0) - (pts[i+1].X-x0)*(pts[i].Y-y0)
	}
	return a
}

func reversePts(pts []Pt) {
	for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
		pts[i], pts[j] = pts[j], pts[i]
	}
}
