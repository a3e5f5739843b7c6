package gui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// sketchTool draws a new feature: click adds a vertex (snapped to nearby
// vertices and edges, S toggles snapping), Backspace removes the last, H
// starts a hole, Enter or a double click finishes, Esc cancels. Two
// clicks draw a rectangle (corner, corner) or a circle (centre, radius).
// A vertex snapped to a corner of the same ring as the previous one
// brings the ring's corners between them, so a zone drawn along a mine
// boundary follows it vertex for vertex.
type sketchTool struct {
	mv    *mapView
	mode  drawMode
	layer string

	rings  [][]orb.Point // finished rings: the exterior, then holes
	cur    []orb.Point   // the ring or line being drawn
	snaps  []*snapHit    // where each vertex of cur snapped (nil: free)
	cursor orb.Point
	hasCur bool
	hit    *snapHit // the snap under the cursor

	snap   *snapIndex
	snapOn bool
	snapPx float64 // snapping distance, points (0: snapPx)

	onFinish func(g orb.Geometry) // Enter, double click, the last click of point/rectangle/circle
	onCancel func()               // Esc
	onChange func(g orb.Geometry) // the sketch changed (live area and length)
}

// drawMode is what a sketch draws.
type drawMode int

const (
	drawPolygon drawMode = iota
	drawLine
	drawPoint
	drawRect
	drawCircle
)

// circleSegments is how many edges a drawn circle has.
const circleSegments = 72

func newSketch(mv *mapView, layer string, mode drawMode) *sketchTool {
	return &sketchTool{mv: mv, layer: layer, mode: mode, snapOn: true}
}

// at is the lon/lat of a map position, snapped when snapping is on.
func (s *sketchTool) at(p fyne.Position) (orb.Point, *snapHit) {
	v := s.mv.view
	ll := v.ToLonLat(float64(p.X), float64(p.Y))
	if !s.snapOn || s.snap == nil {
		return ll, nil
	}
	tol := s.snapTol()
	tolDeg := tol * v.MetresPerPixel / (111320 * math.Max(0.05, math.Cos(ll[1]*math.Pi/180)))
	dist := func(a, b orb.Point) float64 {
		ax, ay := v.ToPixel(a)
		bx, by := v.ToPixel(b)
		return math.Hypot(ax-bx, ay-by)
	}
	if h, ok := s.snap.nearest(ll, tolDeg, dist, tol); ok {
		return h.p, &h
	}
	return ll, nil
}

func (s *sketchTool) tap(p fyne.Position) bool {
	pt, hit := s.at(p)
	switch s.mode {
	case drawPoint:
		s.finishWith(pt)
		return true
	case drawRect, drawCircle:
		if len(s.cur) == 0 {
			s.cur, s.snaps = []orb.Point{pt}, []*snapHit{hit}
			s.changed()
			return true
		}
		s.cur = append(s.cur, pt)
		s.finish()
		return true
	}
	s.add(pt, hit)
	return true
}

// add appends a vertex, first tracing along a ring when this vertex and
// the previous one snapped to corners of the same ring.
func (s *sketchTool) add(pt orb.Point, hit *snapHit) {
	if n := len(s.snaps); n > 0 && hit != nil && hit.vertex {
		if prev := s.snaps[n-1]; prev != nil && prev.vertex && prev.ref == hit.ref {
			for _, q := range s.snap.trace(hit.ref, prev.idx, hit.idx) {
				s.cur = append(s.cur, q)
				s.snaps = append(s.snaps, nil)
			}
		}
	}
	s.cur = append(s.cur, pt)
	s.snaps = append(s.snaps, hit)
	s.changed()
}

func (s *sketchTool) doubleTap(p fyne.Position) bool {
	if s.mode == drawPolygon || s.mode == drawLine {
		pt, hit := s.at(p)
		if n := len(s.cur); n == 0 || s.cur[n-1] != pt {
			s.add(pt, hit)
		}
		s.finish()
		return true
	}
	return s.tap(p)
}

func (s *sketchTool) move(p fyne.Position) {
	pt, hit := s.at(p)
	s.cursor, s.hasCur, s.hit = pt, true, hit
	if len(s.cur) > 0 {
		s.changed()
	}
}

func (s *sketchTool) dragStart(fyne.Position) bool { return false }
func (s *sketchTool) drag(fyne.Position)           {}
func (s *sketchTool) dragEnd()                     {}

func (s *sketchTool) key(name fyne.KeyName) bool {
	switch name {
	case fyne.KeyBackspace, fyne.KeyDelete:
		if n := len(s.cur); n > 0 {
			s.cur, s.snaps = s.cur[:n-1], s.snaps[:n-1]
		} else if n := len(s.rings); n > 0 {
			// Back into the last finished ring.
			r := s.rings[n-1]
			s.rings = s.rings[:n-1]
			s.cur = append([]orb.Point(nil), r...)
			s.snaps = make([]*snapHit, len(r))
		}
		s.changed()
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		s.finish()
		return true
	case fyne.KeyEscape:
		if s.onCancel != nil {
			s.onCancel()
		}
		return true
	}
	return false
}

func (s *sketchTool) typedRune(r rune) bool {
	switch r {
	case 's', 'S':
		s.snapOn = !s.snapOn
		s.hit = nil
		return true
	case 'h', 'H':
		if s.mode == drawPolygon && len(s.cur) >= 3 {
			s.rings = append(s.rings, s.cur)
			s.cur, s.snaps = nil, nil
			s.changed()
		}
		return true
	}
	return false
}

// geometry is the sketch as drawn so far; with cursor, the cursor counts
// as the next vertex (for live measures).
func (s *sketchTool) geometry(withCursor bool) orb.Geometry {
	cur := s.cur
	if withCursor && s.hasCur && s.mode != drawPoint {
		cur = append(append([]orb.Point(nil), cur...), s.cursor)
	}
	switch s.mode {
	case drawLine:
		return orb.LineString(cur)
	case drawPoint:
		if len(cur) > 0 {
			return cur[0]
		}
		return nil
	case drawRect:
		if len(cur) < 2 {
			return nil
		}
		return orb.Polygon{rectRing(cur[0], cur[1])}
	case drawCircle:
		if len(cur) < 2 {
			return nil
		}
		return orb.Polygon{circleRing(cur[0], cur[1])}
	}
	var poly orb.Polygon
	for _, r := range s.rings {
		poly = append(poly, orb.Ring(r))
	}
	if len(cur) > 0 {
		poly = append(poly, orb.Ring(cur))
	}
	return poly
}

func rectRing(a, b orb.Point) orb.Ring {
	return orb.Ring{a, {b[0], a[1]}, b, {a[0], b[1]}, a}
}

// circleRing is a circle around c through p, its radius measured in
// metres on the ground (so it is round on the map, not an ellipse of
// degrees).
func circleRing(c, p orb.Point) orb.Ring {
	kx := 111320 * math.Cos(c[1]*math.Pi/180)
	ky := 110574.0
	r := math.Hypot((p[0]-c[0])*kx, (p[1]-c[1])*ky)
	ring := make(orb.Ring, 0, circleSegments+1)
	for i := range circleSegments {
		a := 2 * math.Pi * float64(i) / circleSegments
		ring = append(ring, orb.Point{c[0] + r*math.Cos(a)/kx, c[1] + r*math.Sin(a)/ky})
	}
	return append(ring, ring[0])
}

func (s *sketchTool) finish() {
	if g := s.geometry(false); g != nil && s.onFinish != nil {
		s.onFinish(g)
	}
}

func (s *sketchTool) finishWith(p orb.Point) {
	if s.onFinish != nil {
		s.onFinish(p)
	}
}

func (s *sketchTool) changed() {
	if s.onChange != nil {
		s.onChange(s.geometry(true))
	}
}

// Sketch colours.
var (
	sketchLine  = color.NRGBA{0xd0, 0x10, 0x80, 0xff}
	sketchFill  = color.NRGBA{0xd0, 0x10, 0x80, 0x30}
	sketchVert  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	snapVertexC = color.NRGBA{0xff, 0x8c, 0x00, 0xff}
	snapEdgeC   = color.NRGBA{0x00, 0xa0, 0xff, 0xff}
)

func (s *sketchTool) objects(v render.View) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	px := func(p orb.Point) fyne.Position {
		x, y := v.ToPixel(p)
		return fyne.NewPos(float32(x), float32(y))
	}
	line := func(a, b orb.Point, c color.NRGBA, w float32) {
		l := canvas.NewLine(c)
		l.StrokeWidth = w
		l.Position1, l.Position2 = px(a), px(b)
		out = append(out, l)
	}
	path := func(pts []orb.Point, closed bool) {
		for i := 1; i < len(pts); i++ {
			line(pts[i-1], pts[i], sketchLine, 2)
		}
		if closed && len(pts) > 2 {
			line(pts[len(pts)-1], pts[0], sketchLine, 2)
		}
	}
	for _, r := range s.rings {
		path(r, true)
	}
	if s.mode == drawRect || s.mode == drawCircle {
		if g := s.geometry(true); g != nil {
			path(g.(orb.Polygon)[0], false)
		}
	} else {
		path(s.cur, false)
		if n := len(s.cur); n > 0 && s.hasCur {
			line(s.cur[n-1], s.cursor, sketchLine, 1)
			if s.mode == drawPolygon && n >= 2 {
				line(s.cursor, s.cur[0], withAlpha(sketchLine, 0x80), 1)
			}
		}
	}
	for _, p := range s.cur {
		c := canvas.NewCircle(sketchVert)
		c.StrokeColor, c.StrokeWidth = sketchLine, 1.5
		q := px(p)
		c.Move(q.SubtractXY(3.5, 3.5))
		c.Resize(fyne.NewSize(7, 7))
		out = append(out, c)
	}
	if s.hit != nil && s.hasCur {
		col := snapEdgeC
		if s.hit.vertex {
			col = snapVertexC
		}
		m := canvas.NewRectangle(color.Transparent)
		m.StrokeColor, m.StrokeWidth = col, 2
		q := px(s.hit.p)
		m.Move(q.SubtractXY(6, 6))
		m.Resize(fyne.NewSize(12, 12))
		out = append(out, m)
	}
	return out
}

// snapTol is the tool's snapping distance in points.
func (s *sketchTool) snapTol() float64 {
	if s.snapPx > 0 {
		return s.snapPx
	}
	return snapPx
}
