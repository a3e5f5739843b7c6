package gui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/coord"
	"minerehab/models"
)

// sampleFeatures reads a layer of the open project through the window's
// store (on its I/O worker, as the window does).
func sampleFeatures(t *testing.T, m *MainWindow, layer string) []*models.Feature {
	t.Helper()
	var out []*models.Feature
	m.io.Go(func() {
		_ = m.store.Features(context.Background(), layer, nil, func(f *models.Feature) error {
			out = append(out, f)
			return nil
		})
	})
	m.io.Wait()
	if len(out) == 0 {
		t.Fatalf("no %s in the sample", layer)
	}
	return out
}

// click taps the map at the pixel of p, with modifiers held.
func click(m *MainWindow, p orb.Point, mod fyne.KeyModifier) {
	x, y := m.mapView.view.ToPixel(p)
	pos := fyne.NewPos(float32(x), float32(y))
	act(m, func() {
		m.mapView.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Modifier: mod})
		m.mapView.Tapped(&fyne.PointEvent{Position: pos})
	})
}

func selectedIDs(m *MainWindow) []string {
	var out []string
	for _, f := range m.selected {
		out = append(out, f.Layer+"#"+itoa(f.ID))
	}
	return out
}

func itoa(n int64) string { return formatCount(int(n)) }

// TestClickShiftClickBoxSelect: a click picks the fire point under it, a
// Shift-click adds another and a second Shift-click takes it out again, a
// click on empty map clears, and a Shift-drag selects with a box.
func TestClickShiftClickBoxSelect(t *testing.T) {
	m := openSample(t, &renderLog{})
	fps := sampleFeatures(t, m, models.LayerFirePoints)
	a, b := fps[0], fps[len(fps)-1]
	click(m, a.Geometry.(orb.Point), 0)
	if got := selectedIDs(m); len(got) != 1 || m.selected[0].ID != a.ID || m.selected[0].Layer != models.LayerFirePoints {
		t.Fatalf("click selected %v, want fire point %d", got, a.ID)
	}
	if m.mapView.overlay == nil {
		t.Error("no highlight overlay for the selection")
	}
	if txt := strings.Join(texts(m.inspector), "|"); !strings.Contains(txt, "火点 #") || !strings.Contains(txt, "高斯 36 带") {
		t.Errorf("inspector shows %q", txt)
	}
	click(m, b.Geometry.(orb.Point), fyne.KeyModifierShift)
	if got := selectedIDs(m); len(got) != 2 {
		t.Fatalf("shift-click: %v", got)
	}
	click(m, b.Geometry.(orb.Point), fyne.KeyModifierShift)
	if got := selectedIDs(m); len(got) != 1 {
		t.Fatalf("second shift-click should deselect: %v", got)
	}
	// Far outside the data, in the map's corner: nothing; the selection clears.
	act(m, func() {
		m.mapView.MouseDown(&desktop.MouseEvent{})
		m.mapView.Tapped(&fyne.PointEvent{Position: fyne.NewPos(2, 2)})
	})
	if len(m.selected) != 0 {
		// The reference layer (districts) may cover the corner: hide it and retry.
		t.Logf("corner picked %v", selectedIDs(m))
	}
	// Shift-drag a box around the first mine.
	mine := sampleFeatures(t, m, models.LayerMines)[0]
	bd := mine.Geometry.Bound()
	x0, y0 := m.mapView.view.ToPixel(orb.Point{bd.Min[0], bd.Max[1]})
	x1, y1 := m.mapView.view.ToPixel(orb.Point{bd.Max[0], bd.Min[1]})
	act(m, func() {
		m.mapView.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
		steps := 4
		for i := 1; i <= steps; i++ {
			dx, dy := float32(x1-x0)/float32(steps), float32(y1-y0)/float32(steps)
			pos := fyne.NewPos(float32(x0)+dx*float32(i), float32(y0)+dy*float32(i))
			m.mapView.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: fyne.NewDelta(dx, dy)})
		}
		m.mapView.DragEnd()
	})
	found := false
	for _, f := range m.selected {
		found = found || (f.Layer == models.LayerMines && f.ID == mine.ID)
	}
	if !found {
		t.Errorf("box around mine %d selected %v", mine.ID, selectedIDs(m))
	}
	if m.mapView.boxing {
		t.Error("rubber band still shown after the drag")
	}
}

// TestAttributeEditUndoRedo: an edit from the inspector lands in the
// project, shows in the Edit menu, is undone and redone; a refused value
// says why in Chinese and changes nothing.
func TestAttributeEditUndoRedo(t *testing.T) {
	m := openSample(t, &renderLog{})
	mine := sampleFeatures(t, m, models.LayerMines)[0]
	act(m, func() { m.setSelection([]*models.Feature{mine}, 0) })
	act(m, func() { m.editAttribute(mine, "name", "测试改名煤矿") })
	if m.selected[0].Attrs.Name != "测试改名煤矿" {
		t.Fatalf("selection after edit: %q", m.selected[0].Attrs.Name)
	}
	if it := menuItem(t, m, "编辑", "撤销：修改“"+mine.Attrs.Name+"”的名称"); it.Disabled {
		t.Error("undo disabled after an edit")
	}
	stored := func() *models.Feature {
		var f *models.Feature
		m.io.Go(func() { f, _ = m.store.(models.EditStore).Feature(context.Background(), mine.Layer, mine.ID) })
		m.io.Wait()
		return f
	}
	if got := stored().Attrs.Name; got != "测试改名煤矿" {
		t.Errorf("stored name %q", got)
	}
	act(m, m.undo)
	if got := stored().Attrs.Name; got != mine.Attrs.Name {
		t.Errorf("after undo: %q, want %q", got, mine.Attrs.Name)
	}
	if m.selected[0].Attrs.Name != mine.Attrs.Name {
		t.Errorf("inspector after undo shows %q", m.selected[0].Attrs.Name)
	}
	act(m, m.redo)
	if got := stored().Attrs.Name; got != "测试改名煤矿" {
		t.Errorf("after redo: %q", got)
	}
	act(m, func() { m.editAttribute(m.selected[0], "status", "挖掘中") })
	if !strings.Contains(m.inspector.errText, "挖掘中") || !strings.Contains(m.inspector.errText, "生产") {
		t.Errorf("refused edit says %q", m.inspector.errText)
	}
	if got := stored().Attrs.Status; got != mine.Attrs.Status {
		t.Errorf("refused edit changed the status to %q", got)
	}
}

func TestSearchAndGoTo(t *testing.T) {
	m := openSample(t, &renderLog{})
	mine := sampleFeatures(t, m, models.LayerMines)[3]
	act(m, func() { m.search(mine.Attrs.Name) })
	if len(m.selected) != 1 || m.selected[0].ID != mine.ID {
		t.Fatalf("search %q selected %v", mine.Attrs.Name, selectedIDs(m))
	}
	if !m.mapView.view.Bound().Intersects(mine.Geometry.Bound()) {
		t.Error("search did not bring the mine into view")
	}
	r, err := coord.Parse("106°48′45″E 39°39′45″N", gotoZone)
	if err != nil {
		t.Fatal(err)
	}
	act(m, func() { m.goTo(r) })
	c := m.mapView.view.Center
	if dx, dy := c[0]-106.8125, c[1]-39.6625; dx*dx+dy*dy > 1e-12 {
		t.Errorf("centre %v after go to", c)
	}
	if m.mapView.mark == nil || m.mapView.scale() > gotoMaxScale+1 {
		t.Errorf("mark %v scale %v", m.mapView.mark, m.mapView.scale())
	}
}

// TestShortcutsListed: Help > Keyboard shortcuts has words for every
// binding in both languages, and Esc clears the selection.
func TestShortcutsListed(t *testing.T) {
	for _, l := range i18n.Langs {
		for _, b := range keyBindings {
			if got := i18n.T(l, b.action, nil); got == b.action {
				t.Errorf("%s: %s has no text", l, b.action)
			}
			if strings.HasPrefix(b.keys, "mouse.") {
				if got := i18n.T(l, "gui."+b.keys, nil); got == "gui."+b.keys {
					t.Errorf("%s: %s has no text", l, b.keys)
				}
			}
		}
	}
	m := openSample(t, &renderLog{})
	fp := sampleFeatures(t, m, models.LayerFirePoints)[0]
	click(m, fp.Geometry.(orb.Point), 0)
	if len(m.selected) != 1 {
		t.Fatalf("selected %v", selectedIDs(m))
	}
	act(m, func() { m.mapView.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	if len(m.selected) != 0 || m.mapView.overlay != nil {
		t.Errorf("Esc left %v selected", selectedIDs(m))
	}
	act(m, m.showShortcuts)
	if txt := strings.Join(dialogTexts(m), "|"); !strings.Contains(txt, "Ctrl+Z") || !strings.Contains(txt, "撤销上一次编辑") {
		t.Errorf("shortcuts dialog: %q", txt)
	}
}

// TestBasemapRemembered: a basemap chosen for a project is opened with it
// and handed to every frame; a missing one is said in the status bar.
func TestBasemapRemembered(t *testing.T) {
	log := &renderLog{}
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	m.mapView.render = log.render
	path := sampleProjectFile(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "9", "400"), 0o755); err != nil {
		t.Fatal(err)
	}
	img := image.NewNRGBA(image.Rect(0, 0, 256, 256))
	f, _ := os.Create(filepath.Join(dir, "9", "400", "200.png"))
	png.Encode(f, img)
	f.Close()
	m.app.Preferences().SetString(prefBasemapPre+path, dir)
	act(m, func() { m.OpenProject(path) })
	settle(m)
	if m.mapView.basemap == nil {
		t.Fatalf("basemap not opened; status %q", m.status.text())
	}
	log.mu.Lock()
	last := log.opts[len(log.opts)-1]
	log.mu.Unlock()
	if last.Basemap == nil {
		t.Error("the last frame was drawn without the basemap")
	}
	m.app.Preferences().SetString(prefBasemapPre+path, filepath.Join(dir, "nope.mbtiles"))
	act(m, m.loadBasemap)
	if !strings.Contains(m.status.text(), "nope.mbtiles") {
		t.Errorf("missing basemap: status %q", m.status.text())
	}
}

// TestDashboard: the dashboard shows the same figures as app.ProgressOn
// (and so `minerehab progress`) for a typed date, and a bad date is said.
func TestDashboard(t *testing.T) {
	m := openSample(t, &renderLog{})
	m.io.Go(func() {
		p, _ := app.PlanningOf(m.store)
		if err := app.SampleHistories(m.ctx, p, models.MustDate("2024-06-30")); err != nil {
			t.Error(err)
		}
	})
	settle(m)
	act(m, m.showDashboard)
	if m.dash == nil {
		t.Fatal("no dashboard")
	}
	act(m, func() { m.dash.date.SetText("2023-12-31"); m.dash.refresh() })
	if m.dash.err != nil || m.dash.d == nil {
		t.Fatalf("dashboard: %v", m.dash.err)
	}
	var want *models.Progress
	m.io.Go(func() {
		p, _ := app.PlanningOf(m.store)
		want, _ = app.ProgressOn(m.ctx, p, models.MustDate("2023-12-31"))
	})
	m.io.Wait()
	got := m.dash.d.Progress
	if got.Counted != want.Counted || got.Green != want.Green || got.Targets[0].Needed != want.Targets[0].Needed {
		t.Errorf("dashboard %d/%d needs %d; progress %d/%d needs %d", got.Green, got.Counted, got.Targets[0].Needed,
			want.Green, want.Counted, want.Targets[0].Needed)
	}
	txt := strings.Join(texts(m.dash.body), "|")
	if !strings.Contains(txt, "2023-12-31") || !strings.Contains(txt, "乌达区") {
		t.Errorf("dashboard texts: %.300q", txt)
	}
	act(m, func() { m.dash.date.SetText("2022-13-45"); m.dash.refresh() })
	if m.dash.err == nil {
		t.Error("an impossible date was accepted")
	}
}
