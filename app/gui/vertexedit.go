package gui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
)

// vertexTool edits the vertices of one polygon or line: drag a vertex to
// move it, drag an edge's midpoint handle to insert one, hover a vertex
// and press Delete to remove it. Each finished drag or deletion is one
// edit in the history. Esc or Enter ends editing. Dragging elsewhere pans.
type vertexTool struct {
	mv   *mapView
	f    *models.Feature
	geom [][]orb.Point // every ring or line, in order; closed rings repeat their first point
	kind string        // "polygon" or "line"
	// parts says how geom's rings group into polygons (ring counts).
	parts []int

	hover, held *handle
	snap        *snapIndex
	snapOn      bool
	snapPx      float64 // snapping distance, points (0: snapPx)

	onCommit func(g orb.Geometry)
	onExit   func()
}

// handle is a vertex (mid false) or the midpoint of the edge from vertex
// idx (mid true) of ring r.
type handle struct {
	r, idx int
	mid    bool
}

// handlePx is how close, in points, the cursor must be to grab a handle.
const handlePx = 7

func newVertexTool(mv *mapView, f *models.Feature) *vertexTool {
	t := &vertexTool{mv: mv, f: f, snapOn: true}
	t.load(f.Geometry)
	return t
}

func (t *vertexTool) setSnap(idx *snapIndex) { t.snap = idx }

// load copies a geometry into the editable rings.
func (t *vertexTool) load(g orb.Geometry) {
	t.geom, t.parts = nil, nil
	cp := func(pts []orb.Point) []orb.Point { return append([]orb.Point(nil), pts...) }
	switch g := g.(type) {
	case orb.MultiPolygon:
		t.kind = "polygon"
		for _, p := range g {
			for _, r := range p {
				t.geom = append(t.geom, cp(r))
			}
			t.parts = append(t.parts, len(p))
		}
	case orb.Polygon:
		t.load(orb.MultiPolygon{g})
	case orb.MultiLineString:
		t.kind = "line"
		for _, l := range g {
			t.geom = append(t.geom, cp(l))
		}
	case orb.LineString:
		t.load(orb.MultiLineString{g})
	}
}

// geometry is the edited geometry.
func (t *vertexTool) geometry() orb.Geometry {
	if t.kind == "line" {
		out := orb.MultiLineString{}
		for _, l := range t.geom {
			out = append(out, orb.LineString(l))
		}
		return out
	}
	out := orb.MultiPolygon{}
	k := 0
	for _, n := range t.parts {
		var p orb.Polygon
		for range n {
			p = append(p, orb.Ring(t.geom[k]))
			k++
		}
		out = append(out, p)
	}
	return out
}

// count is the number of distinct vertices of ring r.
func (t *vertexTool) count(r int) int {
	n := len(t.geom[r])
	if t.kind == "polygon" && n > 1 && t.geom[r][0] == t.geom[r][n-1] {
		n--
	}
	return n
}

// handleAt finds the handle under p (vertices before midpoints).
func (t *vertexTool) handleAt(p fyne.Position) *handle {
	v := t.mv.view
	best, bestD := (*handle)(nil), float64(handlePx)
	near := func(q orb.Point, h handle) {
		x, y := v.ToPixel(q)
		if d := math.Hypot(x-float64(p.X), y-float64(p.Y)); d <= bestD {
			best, bestD = &h, d
		}
	}
	for r := range t.geom {
		for i := 0; i < t.count(r); i++ {
			near(t.geom[r][i], handle{r: r, idx: i})
		}
	}
	if best != nil {
		return best
	}
	for r := range t.geom {
		for i := 0; i+1 < len(t.geom[r]); i++ {
			near(mid(t.geom[r][i], t.geom[r][i+1]), handle{r: r, idx: i, mid: true})
		}
	}
	return best
}

func mid(a, b orb.Point) orb.Point { return orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2} }

// setVertex moves vertex i of ring r, keeping a polygon ring closed.
func (t *vertexTool) setVertex(r, i int, p orb.Point) {
	ring := t.geom[r]
	ring[i] = p
	if t.kind == "polygon" && i == 0 && len(ring) > 1 {
		ring[len(ring)-1] = p
	}
}

// snapped is p snapped to other features' vertices and edges.
func (t *vertexTool) snapped(p fyne.Position) orb.Point {
	v := t.mv.view
	ll := v.ToLonLat(float64(p.X), float64(p.Y))
	if !t.snapOn || t.snap == nil {
		return ll
	}
	tol := t.snapTol()
	tolDeg := tol * v.MetresPerPixel / (111320 * math.Max(0.05, math.Cos(ll[1]*math.Pi/180)))
	dist := func(a, b orb.Point) float64 {
		ax, ay := v.ToPixel(a)
		bx, by := v.ToPixel(b)
		return math.Hypot(ax-bx, ay-by)
	}
	if h, ok := t.snap.nearest(ll, tolDeg, dist, tol); ok && !(h.ref.layer == t.f.Layer && h.ref.id == t.f.ID) {
		return h.p
	}
	return ll
}

func (t *vertexTool) tap(fyne.Position) bool       { return true } // clicks do not change the selection while editing
func (t *vertexTool) doubleTap(fyne.Position) bool { return true }

func (t *vertexTool) move(p fyne.Position) { t.hover = t.handleAt(p) }

func (t *vertexTool) dragStart(from fyne.Position) bool {
	h := t.handleAt(from)
	if h == nil {
		return false
	}
	if h.mid {
		ring := t.geom[h.r]
		q := mid(ring[h.idx], ring[h.idx+1])
		ring = append(ring[:h.idx+1], append([]orb.Point{q}, ring[h.idx+1:]...)...)
		t.geom[h.r] = ring
		h = &handle{r: h.r, idx: h.idx + 1}
	}
	t.held = h
	return true
}

func (t *vertexTool) drag(p fyne.Position) {
	if t.held != nil {
		t.setVertex(t.held.r, t.held.idx, t.snapped(p))
	}
}

func (t *vertexTool) dragEnd() {
	if t.held != nil {
		t.held = nil
		t.commit()
	}
}

func (t *vertexTool) commit() {
	if t.onCommit != nil {
		t.onCommit(t.geometry())
	}
}

func (t *vertexTool) key(name fyne.KeyName) bool {
	switch name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		h := t.hover
		if h == nil || h.mid {
			return true
		}
		minN := 2
		if t.kind == "polygon" {
			minN = 3
		}
		if t.count(h.r) <= minN {
			return true // the ring or line would collapse: refuse quietly
		}
		ring := t.geom[h.r]
		ring = append(ring[:h.idx], ring[h.idx+1:]...)
		if t.kind == "polygon" && h.idx == 0 {
			ring[len(ring)-1] = ring[0]
		}
		t.geom[h.r], t.hover = ring, nil
		t.commit()
		return true
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		if t.onExit != nil {
			t.onExit()
		}
		return true
	}
	return false
}

func (t *vertexTool) typedRune(r rune) bool {
	if r == 's' || r == 'S' {
		t.snapOn = !t.snapOn
		return true
	}
	return false
}

var (
	vertexHandle = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	vertexEdge   = color.NRGBA{0xd0, 0x10, 0x80, 0xff}
	vertexHover  = color.NRGBA{0xff, 0x8c, 0x00, 0xff}
)

func (t *vertexTool) objects(v render.View) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	px := func(p orb.Point) fyne.Position {
		x, y := v.ToPixel(p)
		return fyne.NewPos(float32(x), float32(y))
	}
	for r, ring := range t.geom {
		for i := 0; i+1 < len(ring); i++ {
			l := canvas.NewLine(vertexEdge)
			l.StrokeWidth = 2
			l.Position1, l.Position2 = px(ring[i]), px(ring[i+1])
			out = append(out, l)
			m := canvas.NewCircle(withAlpha(vertexHandle, 0xb0))
			m.StrokeColor, m.StrokeWidth = vertexEdge, 1
			q := px(mid(ring[i], ring[i+1]))
			m.Move(q.SubtractXY(3, 3))
			m.Resize(fyne.NewSize(6, 6))
			out = append(out, m)
		}
		for i := 0; i < t.count(r); i++ {
			c := vertexHandle
			if h := t.hover; h != nil && !h.mid && h.r == r && h.idx == i {
				c = vertexHover
			}
			s := canvas.NewRectangle(c)
			s.StrokeColor, s.StrokeWidth = vertexEdge, 1.5
			q := px(ring[i])
			s.Move(q.SubtractXY(4, 4))
			s.Resize(fyne.NewSize(8, 8))
			out = append(out, s)
		}
	}
	return out
}

// snapTol is the tool's snapping distance in points.
func (t *vertexTool) snapTol() float64 {
	if t.snapPx > 0 {
		return t.snapPx
	}
	return snapPx
}
