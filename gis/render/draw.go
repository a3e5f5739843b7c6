package render

import (
	"context"
	"image/color"
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// lodTol is the level-of-detail tolerance: a vertex closer than this (in x
// and in y, pixels) to the previous kept vertex is dropped.
const lodTol = 0.5

// collapseRuns enables off-frame run collapsing (tests turn it off to
// check it changes nothing).
var collapseRuns = true

const (
	// maxMarkerObstacles bounds how many point markers labels avoid.
	maxMarkerObstacles = 1 << 17
	// The context is checked every checkEvery features, and at the next
	// feature once checkWork vertices have been read since the last check.
	checkEvery = 32
	checkWork  = 1 << 16
)

// Draw draws layers onto c through view v, bottom layer first and each
// layer's features in order; labels are placed last, above every feature,
// top layer first, skipping any that would overlap one already placed or
// leave the frame. Polygons are filled, hatched, then outlined (holes cut
// whatever the ring orientation in the data); lines are stroked; points get
// markers. Geometry is culled to the view, simplified to half a pixel, and
// handed to c unclipped (canvases clip).
//
// Draw checks ctx before it starts, between features (every 32 features,
// or sooner after 65,536 vertices) and before placing labels, and returns
// an *Error with CodeCanceled wrapping ctx.Err() once it is done; the
// canvas then holds a partial picture. An invalid view returns CodeBadView and
// draws nothing. Draw only reads layers, so concurrent calls on different
// canvases are safe.
func Draw(ctx context.Context, c Canvas, v View, layers []Layer) error {
	_, err := drawLayers(ctx, c, v, layers)
	return err
}

// drawStats reports what draw did, for tests.
type drawStats struct {
	features int // features not culled
	labels   int // labels placed
}

func drawLayers(ctx context.Context, c Canvas, v View, layers []Layer) (drawStats, error) {
	if err := v.Valid(); err != nil {
		return drawStats{}, err
	}
	d := newDrawer(ctx, c, v)
	defer d.release()
	for i := range layers {
		if layers[i].Opacity > 0 && layers[i].LabelStyle.textOK() {
			d.avoidMarkers = true
		}
	}
	if !d.check() {
		return d.stats, d.err
	}
	for li := range layers {
		l := &layers[li]
		if !(l.Opacity > 0) {
			continue
		}
		d.op = min(l.Opacity, 1)
		d.layer = li
		d.labelStyle = l.LabelStyle
		if !d.labelStyle.textOK() {
			d.labelStyle = nil
		}
		if l.Iter != nil {
			for f := range l.Iter {
				if !d.feature(&f) {
					break
				}
			}
		} else {
			for i := range l.Features {
				if !d.feature(&l.Features[i]) {
					break
				}
			}
		}
		if d.err != nil {
			return d.stats, d.err
		}
	}
	if d.check() {
		d.placeLabels()
	}
	return d.stats, d.err
}

type drawer struct {
	ctx context.Context
	c   Canvas
	err error

	// Projection: x = cx + (lon-lon0)*kx, y = cy - (lat-lat0)*ky.
	cx, cy, lon0, lat0, kx, ky float64
	frame                      Rect

	op         float64
	layer      int
	labelStyle *LabelStyle
	count      int // features since the last check
	work       int // vertices since the last check

	path, tmp Path
	xs        []float64
	labels    []labelCand
	// Off-frame run collapsing (see project).
	collapse bool
	outer    Rect
	// Markers are obstacles for labels when any layer has labels.
	avoidMarkers bool
	markers      []Rect
	ts           typesetter
	stats        drawStats
	nmarkers     int // markers drawn: sprites take over after spriteAfter
	// occ, in front-to-back drawing, skips features hidden under paint.
	occ *Raster
	// allIn: the feature's box (Feature.Bound) lies in view.
	allIn bool
	// clip is the label anchors' polygon clipper (its scratch kept).
	clip clipper
	// hatchAt is the lon/lat the hatch of the polygon drawn passes through.
	hatchAt orb.Point
}

// drawers recycles drawers' scratch buffers between Draw calls.
var drawers = sync.Pool{New: func() any { return new(drawer) }}

// maxPooledPoints bounds the path storage a pooled drawer keeps.
const maxPooledPoints = 1 << 21

func newDrawer(ctx context.Context, c Canvas, v View) *drawer {
	px, py := v.pixelsPerDegree()
	d := drawers.Get().(*drawer)
	*d = drawer{
		ctx: ctx, c: c,
		cx: float64(v.Width) / 2, cy: float64(v.Height) / 2,
		lon0: v.Center[0], lat0: v.Center[1], kx: px, ky: py,
		frame: Rect{0, 0, float64(v.Width), float64(v.Height)},
		// Keep the scratch storage.
		path: d.path, tmp: d.tmp, xs: d.xs[:0], labels: d.labels[:0], markers: d.markers[:0], clip: d.clip, ts: d.ts,
	}
	d.path.Reset()
	d.tmp.Reset()
	return d
}

// release returns d to the pool, dropping references to caller data.
func (d *drawer) release() {
	if cap(d.path.pts) > maxPooledPoints || cap(d.tmp.pts) > maxPooledPoints {
		return
	}
	clear(d.labels[:cap(d.labels)])
	ts := d.ts // its caches serve the next Draw (keyed by font: of the caller's data they keep only fonts)
	if ts.size() > maxTypesetterEntries {
		ts = typesetter{}
	}
	*d = drawer{path: d.path, tmp: d.tmp, xs: d.xs, labels: d.labels[:0], markers: d.markers[:0], clip: d.clip, ts: ts}
	drawers.Put(d)
}

// checkpoint records n units of work and reports whether drawing may go on.
func (d *drawer) checkpoint(n int) bool {
	if d.err != nil {
		return false
	}
	d.work += n
	d.count++
	if d.count < checkEvery && d.work < checkWork {
		return true
	}
	return d.check()
}

// check looks at the context now and reports whether drawing may go on.
func (d *drawer) check() bool {
	d.count, d.work = 0, 0
	if d.err == nil {
		if err := d.ctx.Err(); err != nil {
			d.err = &Error{Code: CodeCanceled, Err: err}
		}
	}
	return d.err == nil
}

func (d *drawer) toPixel(p orb.Point) (float64, float64) {
	return d.cx + (p[0]-d.lon0)*d.kx, d.cy - (p[1]-d.lat0)*d.ky
}

// visible reports whether lon/lat box b, grown by margin pixels, meets the
// frame. Non-finite boxes are not visible.
func (d *drawer) visible(b orb.Bound, margin float64) bool {
	x0, y1 := d.toPixel(b.Min)
	x1, y0 := d.toPixel(b.Max)
	return Rect{x0, y0, x1, y1}.Intersects(d.frame.Outset(margin))
}

// spriteMarker draws a marker through sc, with the colours and widths
// point uses.
func (d *drawer) spriteMarker(sc spriteCanvas, st *Style, x, y, size, sw float64) bool {
	if st.PointShape == PointCross {
		c, w := st.Stroke, sw
		if c.A == 0 || w == 0 {
			c, w = st.Fill, max(1, size/5)
		}
		return sc.marker(PointCross, x, y, size, w, true, color.NRGBA{}, fade(c, d.op))
	}
	stroke := fade(st.Stroke, d.op)
	if sw <= 0 {
		stroke = color.NRGBA{}
	}
	return sc.marker(st.PointShape, x, y, size, sw, false, fade(st.Fill, d.op), stroke)
}

// ptsBound is the box of pts (orb's Bound, without its per-point
// emptiness checks); an empty list gives an inverted box that meets
// nothing.
func ptsBound[P ~[]orb.Point](pts P) orb.Bound {
	if len(pts) == 0 {
		return orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	}
	minx, miny := pts[0][0], pts[0][1]
	maxx, maxy := minx, miny
	for _, p := range pts[1:] {
		minx = min(minx, p[0])
		maxx = max(maxx, p[0])
		miny = min(miny, p[1])
		maxy = max(maxy, p[1])
	}
	return orb.Bound{Min: orb.Point{minx, miny}, Max: orb.Point{maxx, maxy}}
}

// occlusionMargin is how far, in pixels, what is drawn of g reaches beyond
// its box, for the test of whether it is hidden: margin (the reach culling
// allows, enough for any geometry) cut to what is drawn: a marker's
// triangle has its corners size/√3 from its centre; a stroke reaches half
// its width across a segment, and the thin strokes' square ends that
// along it too, √2 times as far in x or y; a pixel of antialiasing and
// one to spare (TestOcclusionMargin fails with neither). On a crowded overview the wider box culling allows was
// often not all opaque where the feature was: more than half of the
// features drawn painted nothing.
func occlusionMargin(g orb.Geometry, st *Style, margin float64) float64 {
	reach := st.strokeWidth() / 2 * math.Sqrt2
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		reach = st.pointSize()/math.Sqrt(3) + st.strokeWidth()
	}
	return min(margin, reach+2)
}

// feature draws f and queues its label; it reports whether to go on.
func (d *drawer) feature(f *Feature) bool {
	if !d.checkpoint(1) {
		return false
	}
	if f.Geometry == nil {
		return true
	}
	st := &f.Style
	margin := max(st.strokeWidth(), st.pointSize()) + 2
	if d.occ != nil && d.occluded(f, occlusionMargin(f.Geometry, st, margin)) {
		return true
	}
	d.collapse = collapseRuns && (st.Dash == nil || st.strokeWidth() == 0)
	d.outer = d.frame.Outset(margin)
	want := d.labelStyle != nil && f.Label != ""
	var lc labelCand
	// A box wholly in view makes every part visible: no part's box is
	// needed then.
	d.allIn = false
	if b := f.Bound; b != nil {
		x0, y1 := d.toPixel(b.Min)
		x1, y0 := d.toPixel(b.Max)
		d.allIn = d.frame.Outset(margin).Contains(Rect{x0, y0, x1, y1})
	}
	if want && f.Anchor != nil && d.allIn && st.invisible() {
		// Only the label: at the anchor kept, no geometry projected.
		x, y := d.toPixel(*f.Anchor)
		if d.frame.Contains(Rect{x, y, x, y}) {
			d.stats.features++
			d.labels = append(d.labels, labelCand{x: x, y: y, text: f.Label, style: d.labelStyle, layer: d.layer})
		}
		return d.err == nil
	}
	if d.geometry(f.Geometry, st, margin, want, &lc) && want {
		lc.text, lc.style, lc.layer = f.Label, d.labelStyle, d.layer
		d.labels = append(d.labels, lc)
	}
	return d.err == nil
}

// geometry draws g; when want is set it fills lc with a label anchor and
// reports whether it found one in view.
func (d *drawer) geometry(g orb.Geometry, st *Style, margin float64, want bool, lc *labelCand) bool {
	switch g := g.(type) {
	case orb.Point:
		return d.point(g, st, want, lc)
	case orb.MultiPoint:
		found := false
		for _, p := range g {
			found = d.point(p, st, want && !found, lc) || found
		}
		return found
	case orb.LineString:
		if len(g) == 0 || !d.allIn && !d.visible(ptsBound(g), margin) {
			return false
		}
		d.stats.features++
		d.path.Reset()
		d.addLine(g)
		return d.lines(st, want, lc)
	case orb.MultiLineString:
		d.path.Reset()
		for _, ls := range g {
			if d.allIn || d.visible(ptsBound(ls), margin) {
				d.addLine(ls)
			}
		}
		if d.path.Len() == 0 {
			return false
		}
		d.stats.features++
		return d.lines(st, want, lc)
	case orb.Ring:
		return d.geometry(orb.Polygon{g}, st, margin, want, lc)
	case orb.Bound:
		return d.geometry(g.ToPolygon(), st, margin, want, lc)
	case orb.Polygon:
		if len(g) == 0 || !d.allIn && !d.visible(ptsBound(g[0]), margin) {
			return false
		}
		d.stats.features++
		d.path.Reset()
		d.hatchAt = hatchAnchor(g)
		d.addPolygon(g)
		return d.polygons(st, want, lc)
	case orb.MultiPolygon:
		d.path.Reset()
		if len(g) > 0 {
			d.hatchAt = hatchAnchor(g[0])
		}
		for _, pg := range g {
			if len(pg) > 0 && (d.allIn || d.visible(ptsBound(pg[0]), margin)) {
				d.addPolygon(pg)
			}
		}
		if d.path.Len() == 0 {
			return false
		}
		d.stats.features++
		return d.polygons(st, want, lc)
	case orb.Collection:
		found := false
		for _, part := range g {
			if d.err != nil {
				break
			}
			found = d.geometry(part, st, margin, want && !found, lc) || found
		}
		return found
	}
	return false
}

// project appends the pixel positions of pts to d.path as a new subpath,
// dropping non-finite points and points within lodTol of the last kept one.
// With keepLast, a dropped final point is kept after all (lines must reach
// their ends). When d.collapse is set, runs of consecutive points that all
// lie beyond the same side of d.outer are shortened to their ends: the
// shortcut stays in that half-plane, so neither the winding of any point
// in d.outer nor the visible stroke changes (only dash phases would, so
// dashed features are not collapsed). It returns the number of points
// added.
func (d *drawer) project(pts []orb.Point, keepLast bool) int {
	d.work += len(pts)
	start := d.path.Len()
	var lx, ly, dx, dy float64
	dropped := false
	var run uint8 // sides shared by the last kept point and the run before it
	for _, p := range pts {
		x, y := d.toPixel(p)
		if !finite(x) || !finite(y) {
			continue
		}
		n := d.path.Len() - start
		if n == 0 {
			d.path.MoveTo(x, y)
			lx, ly = x, y
			continue
		}
		if math.Abs(x-lx) < lodTol && math.Abs(y-ly) < lodTol {
			dropped, dx, dy = true, x, y
			continue
		}
		dropped = false
		if d.collapse {
			c := d.outcode(x, y)
			if n >= 2 && run&c != 0 {
				// Replace the last point: the run through it stays on one side.
				d.path.pts[len(d.path.pts)-1] = Pt{x, y}
				d.path.changed()
				run &= c
				lx, ly = x, y
				continue
			}
			run = d.outcode(lx, ly) & c
		}
		d.path.LineTo(x, y)
		lx, ly = x, y
	}
	if dropped && keepLast {
		d.path.LineTo(dx, dy)
	}
	if n := d.path.Len() - start; n > 2 && simplifyTol > 0 {
		kept := simplify(d.path.pts[start:], simplifyTol)
		d.path.pts = d.path.pts[:start+len(kept)]
		d.path.changed()
	}
	return d.path.Len() - start
}

// simplifyTol is how far, in pixels, simplify may move an outline.
const simplifyTol = 0.4

// maxSimplifyRun bounds how many points simplify drops in a row (the test
// of a run costs its length).
const maxSimplifyRun = 32

// simplify drops, in place, the points of pts that lie within tol of the
// segment joining the kept points around them, keeping the first and the
// last, and returns the kept points: a streaming chord test (as
// Reumann–Witkam, but measured to the segment, so spikes and U-turns
// stay).
func simplify(pts []Pt, tol float64) []Pt {
	n := len(pts)
	if n < 3 {
		return pts
	}
	tol2 := tol * tol
	out, a := 1, 0
	for j := 2; j < n; j++ {
		if j-a <= maxSimplifyRun && chordHolds(pts[a], pts[j], pts[a+1:j], tol2) {
			continue
		}
		pts[out] = pts[j-1]
		out++
		a = j - 1
	}
	pts[out] = pts[n-1]
	return pts[:out+1]
}

// chordHolds reports whether every point of mid lies within √tol2 of the
// segment p→q.
func chordHolds(p, q Pt, mid []Pt, tol2 float64) bool {
	dx, dy := q.X-p.X, q.Y-p.Y
	l2 := dx*dx + dy*dy
	for _, m := range mid {
		mx, my := m.X-p.X, m.Y-p.Y
		t := 0.0
		if l2 > 0 {
			t = max(0, min(1, (mx*dx+my*dy)/l2))
		}
		ex, ey := mx-t*dx, my-t*dy
		if ex*ex+ey*ey > tol2 {
			return false
		}
	}
	return true
}

// outcode returns which sides of d.outer (x below, x above, y below, y
// above) the point lies beyond.
func (d *drawer) outcode(x, y float64) uint8 {
	var c uint8
	if x < d.outer.MinX {
		c |= 1
	} else if x > d.outer.MaxX {
		c |= 2
	}
	if y < d.outer.MinY {
		c |= 4
	} else if y > d.outer.MaxY {
		c |= 8
	}
	return c
}

func (d *drawer) addLine(ls orb.LineString) {
	d.project(ls, true)
}

// addPolygon appends the rings of pg as closed subpaths, the outer ring
// wound clockwise on screen and the holes counter-clockwise, so the non-zero
// rule cuts the holes.
func (d *drawer) addPolygon(pg orb.Polygon) {
	for i, ring := range pg {
		start := d.path.Len()
		if d.project(ring, false) == 0 {
			continue
		}
		pts := d.path.pts[start:]
		// Drop a last point that closes onto the first.
		if n := len(pts); n > 1 && math.Abs(pts[n-1].X-pts[0].X) < lodTol && math.Abs(pts[n-1].Y-pts[0].Y) < lodTol {
			d.path.pts = d.path.pts[:start+n-1]
			d.path.changed()
			pts = pts[:n-1]
		}
		if a := signedArea(pts); (a < 0 && i == 0) || (a > 0 && i > 0) {
			reversePts(pts)
		}
		d.path.Close()
	}
}

func (d *drawer) polygons(st *Style, want bool, lc *labelCand) bool {
	if d.path.Len() == 0 {
		return false
	}
	// Fill, hatch, outline; the other way round when painting under
	// (front to back).
	for i := range 3 {
		step := i
		if d.occ != nil {
			step = 2 - i
		}
		switch step {
		case 0:
			if fill := fade(st.Fill, d.op); fill.A > 0 {
				d.c.FillPath(&d.path, fill)
			}
		case 1:
			if st.Hatch != HatchDiagonal {
				continue
			}
			hc := st.HatchColor
			if hc.A == 0 {
				hc = st.Stroke
			}
			if hc = fade(hc, d.op); hc.A > 0 {
				x, y := d.toPixel(d.hatchAt)
				d.c.HatchPath(&d.path, Hatch{Color: hc, Spacing: st.HatchSpacing, Width: st.HatchWidth, Phase: x + y})
			}
		case 2:
			if w := st.strokeWidth(); w > 0 {
				if sc := fade(st.Stroke, d.op); sc.A > 0 {
					d.stroke(w, sc, st.Dash)
				}
			}
		}
	}
	if !want {
		return false
	}
	d.tmp.Reset()
	d.clip.clipFill(&d.tmp, &d.path, d.frame)
	p, ok := d.interiorPoint(&d.tmp)
	if ok {
		*lc = labelCand{x: p.X, y: p.Y}
	}
	return ok
}

// hatchAnchor is the point a polygon's hatch passes through: its first
// vertex as stored, not as projected (clipping, collapsing and rewinding
// change that), so a polygon drawn in parts (the strips of a frame, the
// bands a pan uncovers) is hatched as when drawn whole.
func hatchAnchor(pg orb.Polygon) orb.Point {
	if len(pg) == 0 || len(pg[0]) == 0 {
		return orb.Point{}
	}
	return pg[0][0]
}

func (d *drawer) lines(st *Style, want bool, lc *labelCand) bool {
	if d.path.Len() == 0 {
		return false
	}
	if w := st.strokeWidth(); w > 0 {
		if sc := fade(st.Stroke, d.op); sc.A > 0 {
			d.stroke(w, sc, st.Dash)
		}
	}
	if !want {
		return false
	}
	d.tmp.Reset()
	ClipLines(&d.tmp, &d.path, d.frame)
	p, ok := longestMidpoint(&d.tmp)
	if ok {
		*lc = labelCand{x: p.X, y: p.Y}
	}
	return ok
}

func (d *drawer) point(p orb.Point, st *Style, want bool, lc *labelCand) bool {
	x, y := d.toPixel(p)
	size := st.pointSize()
	sw := st.strokeWidth()
	if !(Rect{x, y, x, y}).Intersects(d.frame.Outset(size/2 + sw + 2)) {
		return false
	}
	d.stats.features++
	if d.avoidMarkers && len(d.markers) < maxMarkerObstacles {
		h := size/2 + sw/2
		d.markers = append(d.markers, Rect{x - h, y - h, x + h, y + h})
	}
	d.nmarkers++
	if st.Fill.A == 0 && sw == 0 {
		goto drawn // an invisible marker: an obstacle for labels only
	}
	if sc, ok := d.c.(spriteCanvas); ok && d.nmarkers > spriteAfter && st.Dash == nil && d.spriteMarker(sc, st, x, y, size, sw) {
		goto drawn
	}
	markerPath(&d.path, st.PointShape, x, y, size)
	if st.PointShape == PointCross {
		c, w := st.Stroke, sw
		if c.A == 0 || w == 0 {
			c, w = st.Fill, max(1, size/5)
		}
		if c = fade(c, d.op); c.A > 0 {
			d.c.StrokePath(&d.path, w, c, nil)
		}
	} else {
		fill, sc := fade(st.Fill, d.op), fade(st.Stroke, d.op)
		if d.occ != nil && sc.A > 0 && sw > 0 { // under: outline first
			d.c.StrokePath(&d.path, sw, sc, st.Dash)
		}
		if fill.A > 0 {
			d.c.FillPath(&d.path, fill)
		}
		if d.occ == nil && sc.A > 0 && sw > 0 {
			d.c.StrokePath(&d.path, sw, sc, st.Dash)
		}
	}
drawn:
	if !want || !d.frame.Intersects(Rect{x, y, x, y}) {
		return false
	}
	*lc = labelCand{x: x, y: y, point: true, r: size/2 + sw/2}
	return true
}
