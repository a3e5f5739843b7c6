package gui

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/models"
	"minerehab/models/store"
)

// ngon is a regular n-gon of radius r degrees around c, vertex 0 at angle 0.
func ngon(c orb.Point, r float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		ring = append(ring, orb.Point{c[0] + r*math.Cos(a)/math.Cos(c[1]*math.Pi/180), c[1] + r*math.Sin(a)})
	}
	return append(ring, ring[0])
}

// twoMinesProject is a project with two 12-gon mines side by side.
func twoMinesProject(t *testing.T) (string, orb.Ring, orb.Ring) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "两矿.gpkg")
	st, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	a := ngon(orb.Point{106.80, 39.60}, 0.005, 12)
	b := ngon(orb.Point{106.815, 39.60}, 0.005, 12)
	tx, err := st.BeginImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range []orb.Ring{a, b} {
		f := &models.Feature{Layer: models.LayerMines, Geometry: orb.MultiPolygon{{r}},
			Attrs: models.Attrs{Name: []string{"甲矿", "乙矿"}[i], Licence: []string{"C1", "C2"}[i]}}
		if _, err := tx.Put(f, models.KeySpec{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return path, a, b
}

// clickAt moves the mouse to p and clicks there, as the driver does.
func clickAt(m *MainWindow, p orb.Point) {
	x, y := m.mapView.view.ToPixel(p)
	pos := fyne.NewPos(float32(x), float32(y))
	act(m, func() {
		m.mapView.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
		m.mapView.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
		m.mapView.Tapped(&fyne.PointEvent{Position: pos})
	})
}

// firstEntry is the first text entry of the topmost dialog.
func firstEntry(m *MainWindow) *widget.Entry {
	var found *widget.Entry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil {
			return
		}
		if e, ok := o.(*widget.Entry); ok {
			found = e
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(m.win.Canvas().Overlays().Top())
	return found
}

// TestDrawZoneSnapsAlongMines draws a zone by clicking four corners of
// two mines; the snapping traces each mine's boundary between the clicked
// corners, so the zone has exactly the mines' vertices. Undo removes it.
func TestDrawZoneSnapsAlongMines(t *testing.T) {
	path, a, b := twoMinesProject(t)
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	act(m, func() { m.win.Resize(fyne.NewSize(1200, 800)) })
	act(m, func() { m.OpenProject(path) })
	act(m, func() { m.startDraw(models.LayerZones, drawPolygon) })
	sk, ok := m.mapView.tool.(*sketchTool)
	if !ok || sk.snap == nil {
		t.Fatalf("no sketch with a snapping index: %T", m.mapView.tool)
	}
	// A9 → A3 traces A's right half (A10 … A2), B3 → B9 B's left half
	// (B4 … B8). The clicks are a pixel off the corners: snapping puts
	// them on.
	for _, p := range []orb.Point{a[9], a[3], b[3], b[9]} {
		clickAt(m, orb.Point{p[0] + 0.5*m.mapView.view.MetresPerPixel/85000, p[1]})
	}
	want := []orb.Point{a[9], a[10], a[11], a[0], a[1], a[2], a[3], b[3], b[4], b[5], b[6], b[7], b[8], b[9]}
	if len(sk.cur) != len(want) {
		t.Fatalf("sketch has %d vertices, want %d: %v", len(sk.cur), len(want), sk.cur)
	}
	for i := range want {
		if sk.cur[i] != want[i] {
			t.Errorf("vertex %d = %v, want the mine corner %v exactly", i, sk.cur[i], want[i])
		}
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	e := firstEntry(m)
	if e == nil {
		t.Fatalf("no attribute form after Enter; status %q, dialog %q", m.status.text(), dialogTexts(m))
	}
	act(m, func() { e.SetText("两矿整合区") })
	var okSubmit bool
	act(m, func() { okSubmit = m.featureFormSubmit() })
	if !okSubmit {
		t.Fatal("form refused")
	}
	settle(m)
	if len(m.selected) != 1 || m.selected[0].Layer != models.LayerZones {
		t.Fatalf("selection after saving: %v", selectedIDs(m))
	}
	zone := m.selected[0]
	ring := zone.Geometry.(orb.MultiPolygon)[0][0]
	got := map[orb.Point]bool{}
	for _, p := range ring {
		got[p] = true
	}
	if len(ring) != len(want)+1 || len(got) != len(want) {
		t.Errorf("zone ring has %d points (%d distinct), want %d+1", len(ring), len(got), len(want))
	}
	for _, p := range want {
		if !got[p] {
			t.Errorf("zone lacks mine corner %v", p)
		}
	}
	if m.mapView.tool != nil {
		t.Error("the drawing tool is still active after saving")
	}
	if layerCount(m, models.LayerZones) != 1 {
		t.Errorf("zones %d", layerCount(m, models.LayerZones))
	}
	act(m, m.undo)
	if layerCount(m, models.LayerZones) != 0 {
		t.Errorf("zones after undo %d", layerCount(m, models.LayerZones))
	}
}

// TestDrawKeys: Backspace removes the last vertex, Esc cancels, S turns
// snapping off, a bow-tie is refused with the crossing marked.
func TestDrawKeys(t *testing.T) {
	path, a, _ := twoMinesProject(t)
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.EN))
	act(m, func() { m.win.Resize(fyne.NewSize(1200, 800)) })
	act(m, func() { m.OpenProject(path) })
	act(m, func() { m.startDraw(models.LayerSites, drawPolygon) })
	sk := m.mapView.tool.(*sketchTool)
	act(m, func() { m.mapView.TypedRune('s') })
	if sk.snapOn {
		t.Fatal("S did not turn snapping off")
	}
	c := orb.Point{106.80, 39.60}
	d := 0.002
	// A bow-tie: the two diagonals cross at c.
	for _, p := range []orb.Point{{c[0] - d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] + d, c[1] - d}, {c[0] - d, c[1] + d}} {
		clickAt(m, p)
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace}) })
	if len(sk.cur) != 3 {
		t.Errorf("after Backspace %d vertices", len(sk.cur))
	}
	clickAt(m, orb.Point{c[0] - d, c[1] + d})
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	if m.mapView.mark == nil || m.mapView.tool != sk {
		t.Fatalf("bow-tie: mark %v, tool %T", m.mapView.mark, m.mapView.tool)
	}
	if mk := *m.mapView.mark; math.Abs(mk[0]-c[0]) > 1e-6 || math.Abs(mk[1]-c[1]) > 1e-6 {
		t.Errorf("crossing marked at %v, want %v", mk, c)
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	if m.mapView.tool != nil {
		t.Error("Esc did not cancel the drawing")
	}
	_ = a
}

// drag presses at from, drags to to in steps, and lets go.
func drag(m *MainWindow, from, to fyne.Position) {
	act(m, func() {
		m.mapView.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}})
		steps := 3
		d := to.Subtract(from)
		prev := from
		for i := 1; i <= steps; i++ {
			p := from.Add(fyne.NewDelta(d.X*float32(i)/float32(steps), d.Y*float32(i)/float32(steps)))
			m.mapView.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
			prev = p
		}
		m.mapView.DragEnd()
	})
}

// TestVertexEditing drags a vertex, inserts one at an edge's midpoint,
// deletes one, each an edit in the history; undoing all three gives back
// the mine exactly.
func TestVertexEditing(t *testing.T) {
	path, a, _ := twoMinesProject(t)
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	act(m, func() { m.win.Resize(fyne.NewSize(1200, 800)) })
	act(m, func() { m.OpenProject(path) })
	clickAt(m, orb.Point{106.80, 39.60}) // inside 甲矿
	if len(m.selected) != 1 || m.selected[0].Attrs.Name != "甲矿" {
		t.Fatalf("selected %v", selectedIDs(m))
	}
	orig := m.selected[0].Geometry
	act(m, m.startVertexEdit)
	vt, ok := m.mapView.tool.(*vertexTool)
	if !ok {
		t.Fatalf("tool %T", m.mapView.tool)
	}
	px := func(p orb.Point) fyne.Position {
		x, y := m.mapView.view.ToPixel(p)
		return fyne.NewPos(float32(x), float32(y))
	}
	ring := func() orb.Ring { return m.selected[0].Geometry.(orb.MultiPolygon)[0][0] }
	// 1. Drag vertex 2 outwards by 30 points.
	drag(m, px(a[2]), px(a[2]).AddXY(30, -30))
	if got := ring(); len(got) != 13 || got.Bound() == a.Bound() {
		t.Fatalf("after the vertex drag: %d points, bound %v", len(got), got.Bound())
	}
	// 2. Drag the midpoint of edge 5–6: a 13th vertex.
	drag(m, px(mid(a[5], a[6])), px(mid(a[5], a[6])).AddXY(-20, 0))
	if got := ring(); len(got) != 14 {
		t.Fatalf("after the midpoint drag: %d points", len(got))
	}
	// 3. Point at vertex 8 and press Delete.
	act(m, func() {
		m.mapView.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: px(ring()[9])}})
		m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	})
	if got := ring(); len(got) != 13 {
		t.Fatalf("after Delete: %d points", len(got))
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	if m.mapView.tool != nil {
		t.Error("Esc did not end vertex editing")
	}
	for range 3 {
		act(m, m.undo)
	}
	var back *models.Feature
	m.io.Go(func() {
		back, _ = m.store.(models.EditStore).Feature(context.Background(), models.LayerMines, m.selected[0].ID)
	})
	m.io.Wait()
	if !orb.Equal(back.Geometry, orig) {
		t.Errorf("after undoing the three edits the mine differs:\n got %v\nwant %v", back.Geometry, orig)
	}
	_ = vt
}

// TestMoveAndFix: dragging the selected mine with the move tool moves it
// by the drag (one undoable edit); a bow-tie drawn as a zone is fixed
// into two triangles when the planner presses Fix.
func TestMoveAndFix(t *testing.T) {
	path, a, _ := twoMinesProject(t)
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	act(m, func() { m.win.Resize(fyne.NewSize(1200, 800)) })
	act(m, func() { m.OpenProject(path) })
	clickAt(m, orb.Point{106.80, 39.60})
	before := m.selected[0].Geometry.Bound()
	act(m, m.startMove)
	x, y := m.mapView.view.ToPixel(a[0])
	from := fyne.NewPos(float32(x), float32(y))
	drag(m, from, from.AddXY(40, 0))
	after := m.selected[0].Geometry.Bound()
	if !(after.Min[0] > before.Min[0]) || after.Min[1] != before.Min[1] {
		t.Errorf("moved bound %v, before %v", after, before)
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	act(m, m.undo)
	if got := m.selected[0].Geometry.Bound(); got != before {
		t.Errorf("after undo %v, want %v", got, before)
	}

	act(m, func() { m.startDraw(models.LayerZones, drawPolygon) })
	act(m, func() { m.mapView.TypedRune('s') }) // no snapping: free corners
	c, d := orb.Point{106.83, 39.62}, 0.003
	for _, p := range []orb.Point{{c[0] - d, c[1] - d}, {c[0] + d, c[1] + d}, {c[0] + d, c[1] - d}, {c[0] - d, c[1] + d}} {
		clickAt(m, p)
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	if m.crossingFix == nil {
		t.Fatal("no crossing dialog")
	}
	act(m, m.crossingFix)
	e := firstEntry(m)
	if e == nil {
		t.Fatal("no attribute form after Fix")
	}
	act(m, func() { e.SetText("修正的区") })
	act(m, func() { m.featureFormSubmit() })
	if len(m.selected) != 1 || m.selected[0].Layer != models.LayerZones {
		t.Fatalf("selected %v", selectedIDs(m))
	}
	if mp, ok := m.selected[0].Geometry.(orb.MultiPolygon); !ok || len(mp) != 2 {
		t.Errorf("fixed bow-tie: %v", m.selected[0].Geometry)
	}
}

// TestSnapDistanceSetting: the snapping distance chosen in the Tools menu
// is remembered and reaches the drawing tool: a corner 12 points away
// snaps at 15, not at the default 10.
func TestSnapDistanceSetting(t *testing.T) {
	path, a, _ := twoMinesProject(t)
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	act(m, func() { m.win.Resize(fyne.NewSize(1200, 800)) })
	act(m, func() { m.OpenProject(path) })
	for _, tc := range []struct {
		px   float64
		snap bool
	}{{10, false}, {15, true}} {
		act(m, func() { m.setSnapDistance(tc.px) })
		act(m, func() { m.startDraw(models.LayerZones, drawPolygon) })
		sk := m.mapView.tool.(*sketchTool)
		x, y := m.mapView.view.ToPixel(a[0])
		act(m, func() {
			m.mapView.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(float32(x)+12, float32(y))}})
		})
		if got := sk.hit != nil && sk.hit.vertex; got != tc.snap {
			t.Errorf("distance %v: snapped %v, want %v", tc.px, got, tc.snap)
		}
		act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	}
	if m.snapDistance() != 15 {
		t.Errorf("remembered %v", m.snapDistance())
	}
}
