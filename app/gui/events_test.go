package gui

import (
	"context"
	"math"
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"minerehab/models"
)

// The tests here go through Fyne's test package and the window's real
// widgets, as a user would: events land on the window canvas (or on the
// widget the user touches) and find their way to the map, the inspector
// and the shortcut table on their own.

// mapOrigin is where the map widget's top left corner is on the window
// canvas: canvas positions are relative to the window, the map's events
// to the map.
func mapOrigin(m *MainWindow) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(m.mapView)
}

// pressShortcut presses the keys key+mod on the window as Fyne's desktop
// (GLFW) driver delivers them: Ctrl+Z and Ctrl+Y arrive as fyne.ShortcutUndo
// and fyne.ShortcutRedo (Cmd on macOS), any other combination as a
// desktop.CustomShortcut; a main-menu item with that shortcut runs first,
// then a focused widget that handles shortcuts takes it, else the canvas's
// shortcut table (triggersShortcut in internal/driver/glfw/window.go).
// Fyne's test package has no helper for this.
func pressShortcut(m *MainWindow, key fyne.KeyName, mod fyne.KeyModifier) {
	ctrl := fyne.KeyModifierControl
	if runtime.GOOS == "darwin" {
		ctrl = fyne.KeyModifierSuper
	}
	var sc fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	switch {
	case mod == ctrl && key == fyne.KeyZ:
		sc = &fyne.ShortcutUndo{}
	case mod == ctrl && key == fyne.KeyY:
		sc = &fyne.ShortcutRedo{}
	}
	if menu := m.win.MainMenu(); menu != nil {
		for _, top := range menu.Items {
			for _, it := range top.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
					it.Action()
					return
				}
			}
		}
	}
	c := m.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

// mineInside finds a mine of the sample and a point inside it (its box's
// centre, where that lies in it).
func mineInside(t *testing.T, m *MainWindow) (*models.Feature, orb.Point) {
	t.Helper()
	for _, mine := range sampleFeatures(t, m, models.LayerMines) {
		at := mine.Geometry.Bound().Center()
		if mp, ok := mine.Geometry.(orb.MultiPolygon); ok && planar.MultiPolygonContains(mp, at) {
			return mine, at
		}
	}
	t.Fatal("no mine of the sample contains its box's centre")
	return nil, orb.Point{}
}

// tapMine shows the mines alone (roads and the like cross them), taps the
// window canvas at the pixel of one and checks the click selected it.
func tapMine(t *testing.T, m *MainWindow) *models.Feature {
	t.Helper()
	for _, l := range models.Layers {
		if l.Name != models.LayerMines {
			act(m, func() { m.setLayerVisible(l.Name, false) })
		}
	}
	mine, at := mineInside(t, m)
	x, y := m.mapView.view.ToPixel(at)
	pos := mapOrigin(m).Add(fyne.NewPos(float32(x), float32(y)))
	act(m, func() { test.TapCanvas(m.win.Canvas(), pos) })
	if len(m.selected) != 1 || m.selected[0].Layer != models.LayerMines || m.selected[0].ID != mine.ID {
		t.Fatalf("a tap on mine %d at %v (canvas %v) selected %v", mine.ID, at, pos, selectedIDs(m))
	}
	return mine
}

// TestCanvasWheelZooms: the wheel over the map, sent to the window canvas,
// zooms by one step about the point the event names. (Fyne's test.Scroll
// finds the scrollable under the position but leaves the event's own
// position at zero, the map's corner; the GLFW driver gives the cursor.
// TestMapWheelZoomsAboutCursor checks the cursor case.)
func TestCanvasWheelZooms(t *testing.T) {
	m := openSample(t, &renderLog{})
	mv := m.mapView
	c := m.win.Canvas()
	at := mapOrigin(m).Add(fyne.NewPos(300, 200))
	anchor := mv.view.ToLonLat(0, 0) // the event's position, in the map
	mpp := mv.view.MetresPerPixel

	act(m, func() { test.Scroll(c, at, 0, wheelPerStep) })
	if got := mv.view.MetresPerPixel; math.Abs(got-mpp/zoomStep) > 1e-9*mpp {
		t.Fatalf("one wheel step in over the map at %v: %g m/pt, want %g", at, got, mpp/zoomStep)
	}
	if got := mv.view.ToLonLat(0, 0); !nearPoint(got, anchor) {
		t.Errorf("the point under the wheel event moved from %v to %v", anchor, got)
	}
	act(m, func() { test.Scroll(c, at, 0, -wheelPerStep) })
	if got := mv.view.MetresPerPixel; math.Abs(got-mpp) > 1e-9*mpp {
		t.Errorf("one step out again: %g m/pt, want %g", got, mpp)
	}
	if got := mv.view.ToLonLat(0, 0); !nearPoint(got, anchor) {
		t.Errorf("after zooming out the point under the wheel event moved from %v to %v", anchor, got)
	}
}

// TestCanvasTapSelectsMine: a tap on the window canvas over a mine selects
// it and shows it in the inspector; a tap on the map widget itself far from
// any feature clears the selection.
func TestCanvasTapSelectsMine(t *testing.T) {
	m := openSample(t, &renderLog{})
	mine := tapMine(t, m)
	if m.inspector.feature() == nil || m.inspector.feature().ID != mine.ID {
		t.Errorf("the inspector shows %v, want mine %d", m.inspector.feature(), mine.ID)
	}
	if m.mapView.overlay == nil {
		t.Error("no highlight for the tapped mine")
	}
	act(m, func() { test.TapAt(m.mapView, fyne.NewPos(2, 2)) })
	if len(m.selected) != 0 {
		t.Errorf("a tap in the map's empty corner left %v selected", selectedIDs(m))
	}
}

// TestInspectorTypeEnterUndoRedoKeys: a mine tapped on the map, its name
// typed into the inspector's name field and Enter pressed is saved in the
// project; Ctrl+Z pressed on the window brings the old name back, in the
// project and in the inspector, and Ctrl+Y and Ctrl+Shift+Z redo it.
func TestInspectorTypeEnterUndoRedoKeys(t *testing.T) {
	m := openSample(t, &renderLog{})
	c := m.win.Canvas()
	mine := tapMine(t, m)
	old, renamed := mine.Attrs.Name, "键入改名煤矿"
	nameEntry := func() *widget.Entry {
		t.Helper()
		e := test.WidgetRenderer(m.inspector).(*inspectorRenderer).entries[string(models.FieldName)]
		if e == nil {
			t.Fatal("the inspector has no name field")
		}
		return e
	}
	stored := func() string {
		var f *models.Feature
		m.io.Go(func() { f, _ = m.store.(models.EditStore).Feature(context.Background(), mine.Layer, mine.ID) })
		m.io.Wait()
		return f.Attrs.Name
	}
	if got := nameEntry().Text; got != old {
		t.Fatalf("name field shows %q, want %q", got, old)
	}

	e := nameEntry()
	act(m, func() {
		c.Focus(e)
		if c.Focused() != e {
			t.Fatal("the name field cannot be focused on the window")
		}
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
		test.Type(e, renamed) // replaces the selected old name
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	if got := stored(); got != renamed {
		t.Fatalf("after typing %q and Enter the project holds %q", renamed, got)
	}
	if got := nameEntry().Text; got != renamed {
		t.Errorf("after Enter the name field shows %q", got)
	}

	// The user leaves the field (with it focused, Ctrl+Z goes to the
	// field's own text undo, as in any entry).
	act(m, c.Unfocus)
	keys := []struct {
		name string
		key  fyne.KeyName
		mod  fyne.KeyModifier
		want string
	}{
		{"Ctrl+Z", fyne.KeyZ, fyne.KeyModifierShortcutDefault, old},
		{"Ctrl+Y", fyne.KeyY, fyne.KeyModifierShortcutDefault, renamed},
		{"Ctrl+Z again", fyne.KeyZ, fyne.KeyModifierShortcutDefault, old},
		{"Ctrl+Shift+Z", fyne.KeyZ, fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift, renamed},
	}
	for _, k := range keys {
		act(m, func() { pressShortcut(m, k.key, k.mod) })
		if got := stored(); got != k.want {
			t.Errorf("after %s the project holds %q, want %q", k.name, got, k.want)
		}
		if got := nameEntry().Text; got != k.want {
			t.Errorf("after %s the inspector's name field shows %q, want %q", k.name, got, k.want)
		}
	}
}
