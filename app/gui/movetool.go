package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"minerehab/gis/render"
	"minerehab/models"
)

// moveTool moves the selected features: drag anywhere on the map and the
// outlines follow the mouse; letting go saves the move as one edit. Esc
// or Enter ends moving.
type moveTool struct {
	mv       *mapView
	fs       []*models.Feature
	from, to orb.Point // the drag's start and current point, lon/lat
	dragging bool

	onCommit func(dx, dy float64)
	onExit   func()
}

func (t *moveTool) tap(fyne.Position) bool       { return true }
func (t *moveTool) doubleTap(fyne.Position) bool { return true }
func (t *moveTool) move(fyne.Position)           {}

func (t *moveTool) dragStart(from fyne.Position) bool {
	v := t.mv.view
	t.from = v.ToLonLat(float64(from.X), float64(from.Y))
	t.to, t.dragging = t.from, true
	return true
}

func (t *moveTool) drag(p fyne.Position) {
	t.to = t.mv.view.ToLonLat(float64(p.X), float64(p.Y))
}

func (t *moveTool) dragEnd() {
	if !t.dragging {
		return
	}
	t.dragging = false
	if dx, dy := t.to[0]-t.from[0], t.to[1]-t.from[1]; (dx != 0 || dy != 0) && t.onCommit != nil {
		t.onCommit(dx, dy)
	}
}

func (t *moveTool) key(name fyne.KeyName) bool {
	switch name {
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		if t.onExit != nil {
			t.onExit()
		}
		return true
	}
	return false
}

func (t *moveTool) typedRune(rune) bool { return false }

// moved is g shifted by (dx, dy) degrees.
func moved(g orb.Geometry, dx, dy float64) orb.Geometry {
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point { return orb.Point{p[0] + dx, p[1] + dy} })
}

func (t *moveTool) objects(v render.View) []fyne.CanvasObject {
	if !t.dragging {
		return nil
	}
	dx, dy := t.to[0]-t.from[0], t.to[1]-t.from[1]
	var out []fyne.CanvasObject
	px := func(p orb.Point) fyne.Position {
		x, y := v.ToPixel(orb.Point{p[0] + dx, p[1] + dy})
		return fyne.NewPos(float32(x), float32(y))
	}
	line := func(a, b orb.Point) {
		l := canvas.NewLine(color.NRGBA{0xd0, 0x10, 0x80, 0xff})
		l.StrokeWidth = 2
		l.Position1, l.Position2 = px(a), px(b)
		out = append(out, l)
	}
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			c := canvas.NewCircle(color.NRGBA{0xd0, 0x10, 0x80, 0xff})
			q := px(g)
			c.Move(q.SubtractXY(5, 5))
			c.Resize(fyne.NewSize(10, 10))
			out = append(out, c)
		case orb.LineString:
			for i := 1; i < len(g) && len(out) < 20000; i++ {
				line(g[i-1], g[i])
			}
		case orb.Ring:
			walk(orb.LineString(g))
		case orb.Polygon:
			for _, r := range g {
				walk(r)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				walk(p)
			}
		case orb.MultiLineString:
			for _, l := range g {
				walk(l)
			}
		case orb.Collection:
			for _, c := range g {
				walk(c)
			}
		}
	}
	for _, f := range t.fs {
		walk(f.Geometry)
	}
	return out
}
