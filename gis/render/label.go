package render

import (
	"github.com/paulmach/orb"
	"math"
	"slices"
)

// labelCand is a label waiting to be placed.
type labelCand struct {
	text  string
	style *LabelStyle
	layer int
	x, y  float64 // anchor, pixels
	point bool    // beside a marker of radius r, rather than centred
	r     float64
}

// labelGap is the space between a marker and its label, pixels.
const labelGap = 3

// placeLabels draws the queued labels, top layer first (then in feature
// order), each at the first of its candidate positions that lies inside the
// frame and overlaps no placed label and no point marker.
func (d *drawer) placeLabels() {
	if d.err != nil || len(d.labels) == 0 {
		return
	}
	slices.SortStableFunc(d.labels, func(a, b labelCand) int { return b.layer - a.layer })
	g := newBoxGrid(d.frame, d.markers)
	var cands [4]Pt // baseline origins
	for i := range d.labels {
		if !d.checkpoint(1) {
			return
		}
		l := &d.labels[i]
		w, asc, desc := d.ts.measure(l.style, l.text)
		if !(w > 0) {
			continue
		}
		pad := l.style.haloWidth() + 1
		mid := (asc - desc) / 2 // baseline offset that centres the text on y
		n := 0
		if l.point {
			cands[0] = Pt{l.x + l.r + labelGap, l.y + mid}
			cands[1] = Pt{l.x - l.r - labelGap - w, l.y + mid}
			cands[2] = Pt{l.x - w/2, l.y - l.r - labelGap - desc}
			cands[3] = Pt{l.x - w/2, l.y + l.r + labelGap + asc}
			n = 4
		} else {
			cands[0] = Pt{l.x - w/2, l.y + mid}
			n = 1
		}
		for _, o := range cands[:n] {
			box := Rect{o.X - pad, o.Y - asc - pad, o.X + w + pad, o.Y + desc + pad}
			if !d.frame.Contains(box) || g.collides(box) {
				continue
			}
			g.add(box)
			d.c.DrawText(o.X, o.Y, l.text, l.style)
			d.stats.labels++
			break
		}
	}
}

// boxGrid finds overlaps among placed label boxes through a uniform grid.
// The marker obstacles, known before any label is placed (a crowded
// overview has a hundred thousand), are filed at once into one flat array
// by cell (a counting sort); the labels placed after go into per-cell
// lists.
type boxGrid struct {
	cell  float64
	nx    int
	ny    int
	start []int32   // cell c's obstacles are flat[start[c]:start[c+1]]
	flat  []int32   // indices into boxes
	more  [][]int32 // per cell: boxes added by add
	boxes []Rect
}

// Grid cells, pixels: gridCell, or fineGridCell once there are more than
// fineGridAfter marker obstacles (a coarse cell would hold hundreds of
// boxes to test).
const (
	gridCell      = 64
	fineGridCell  = 16
	fineGridAfter = 4096
)

func newBoxGrid(frame Rect, obstacles []Rect) *boxGrid {
	cell := float64(gridCell)
	if len(obstacles) > fineGridAfter {
		cell = fineGridCell
	}
	nx := int(math.Ceil(frame.MaxX/cell)) + 1
	ny := int(math.Ceil(frame.MaxY/cell)) + 1
	g := &boxGrid{cell: cell, nx: nx, ny: ny, more: make([][]int32, nx*ny),
		start: make([]int32, nx*ny+1), boxes: slices.Clip(obstacles)}
	for _, b := range obstacles {
		x0, y0, x1, y1 := g.span(b)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				g.start[y*nx+x+1]++
			}
		}
	}
	for c := range nx * ny {
		g.start[c+1] += g.start[c]
	}
	g.flat = make([]int32, g.start[nx*ny])
	next := slices.Clone(g.start[:nx*ny])
	for i, b := range obstacles {
		x0, y0, x1, y1 := g.span(b)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*nx + x
				g.flat[next[c]] = int32(i)
				next[c]++
			}
		}
	}
	return g
}

func (g *boxGrid) span(b Rect) (x0, y0, x1, y1 int) {
	clampi := func(v float64, n int) int { return max(0, min(n-1, int(math.Floor(v/g.cell)))) }
	return clampi(b.MinX, g.nx), clampi(b.MinY, g.ny), clampi(b.MaxX, g.nx), clampi(b.MaxY, g.ny)
}

func (g *boxGrid) collides(b Rect) bool {
	x0, y0, x1, y1 := g.span(b)
	hit := func(ids []int32) bool {
		for _, i := range ids {
			o := &g.boxes[i]
			if b.MinX < o.MaxX && o.MinX < b.MaxX && b.MinY < o.MaxY && o.MinY < b.MaxY {
				return true
			}
		}
		return false
	}
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*g.nx + x
			if hit(g.flat[g.start[c]:g.start[c+1]]) || hit(g.more[c]) {
				return true
			}
		}
	}
	return false
}

// add files b (a placed label) for the boxes tested after it.
func (g *boxGrid) add(b Rect) {
	i := int32(len(g.boxes))
	g.boxes = append(g.boxes, b)
	x0, y0, x1, y1 := g.span(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			g.more[y*g.nx+x] = append(g.more[y*g.nx+x], i)
		}
	}
}

// interiorPoint returns a point well inside the area of p (closed rings):
// the middle of the widest interior span on one of a few horizontal lines
// across its box.
func (d *drawer) interiorPoint(p *Path) (Pt, bool) {
	return interiorPoint(p, &d.xs)
}

// interiorPoint is drawer.interiorPoint with xs for scratch.
func interiorPoint(p *Path, xs *[]float64) (Pt, bool) {
	bb, _ := p.Bounds()
	if bb.Empty() {
		return Pt{}, false
	}
	best, bestW := Pt{}, 0.0
	h := bb.MaxY - bb.MinY
	for _, f := range [...]float64{0.5, 0.38, 0.62, 0.25, 0.75} {
		y := bb.MinY + f*h + 1e-7*h
		*xs = (*xs)[:0]
		for i := range p.subs {
			pts, _ := p.Subpath(i)
			for j := range pts {
				a, b := pts[j], pts[(j+1)%len(pts)]
				if (a.Y > y) != (b.Y > y) {
					*xs = append(*xs, a.X+(y-a.Y)*(b.X-a.X)/(b.Y-a.Y))
				}
			}
		}
		slices.Sort(*xs)
		for k := 0; k+1 < len(*xs); k += 2 {
			if w := (*xs)[k+1] - (*xs)[k]; w > bestW*1.25 {
				best, bestW = Pt{((*xs)[k] + (*xs)[k+1]) / 2, y}, w
			}
		}
	}
	return best, bestW > 0
}

// LabelAnchor is where a polygon's label goes when the whole polygon is in
// view, in lon/lat: the point drawing finds on screen (the middle of the
// widest span on a few lines across it; see interiorPoint), found in
// lon/lat once. The view's projection only scales and flips, so the point
// is the same at every view up to the few vertices a view drops. A caller
// that draws a polygon again and again keeps it and hands it over as
// Feature.Anchor. ok is false for other geometries and for polygons with
// no area.
func LabelAnchor(g orb.Geometry) (p orb.Point, ok bool) {
	var path Path
	ring := func(r orb.Ring) {
		for i, q := range r {
			// y down, as on screen, so that the lines across are tried
			// in the same order.
			if i == 0 {
				path.MoveTo(q[0], -q[1])
			} else {
				path.LineTo(q[0], -q[1])
			}
		}
		path.Close()
	}
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			ring(r)
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			for _, r := range pg {
				ring(r)
			}
		}
	default:
		return orb.Point{}, false
	}
	var xs []float64
	q, ok := interiorPoint(&path, &xs)
	if !ok || !finite(q.X) || !finite(q.Y) {
		return orb.Point{}, false
	}
	return orb.Point{q.X, -q.Y}, true
}

// longestMidpoint returns the point halfway along the longest subpath of p
// (open lines).
func longestMidpoint(p *Path) (Pt, bool) {
	bestLen, bestI := 0.0, -1
	for i := range p.subs {
		pts, _ := p.Subpath(i)
		var l float64
		for j := 1; j < len(pts); j++ {
			l += math.Hypot(pts[j].X-pts[j-1].X, pts[j].Y-pts[j-1].Y)
		}
		if l > bestLen {
			bestLen, bestI = l, i
		}
	}
	if bestI < 0 {
		return Pt{}, false
	}
	pts, _ := p.Subpath(bestI)
	half := bestLen / 2
	for j := 1; j < len(pts); j++ {
		a, b := pts[j-1], pts[j]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if half <= l && l > 0 {
			t := half / l
			return Pt{a.X + t*(b.X-a.X), a.Y + t*(b.Y-a.Y)}, true
		}
		half -= l
	}
	return pts[len(pts)-1], true
}
