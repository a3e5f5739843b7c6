package gui

import (
	"context"
	"image"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/render"
	"minerehab/models"
	"minerehab/models/store"
	"minerehab/sampledata"
)

// sampleProjectFile creates a project holding the bundled sample, imported
// as `minerehab sample` does, and returns its path.
func sampleProjectFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "样例.gpkg")
	st, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sampledata.Files() {
		req := app.ImportRequest{FS: sampledata.FS(), Files: []string{f.Name}, Layer: f.Layer}
		if _, err := app.Import(context.Background(), st, req, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// renderLog wraps the real renderer, recording each request; with hold
// set, each render waits until the test lets its view go (let).
type renderLog struct {
	mu    sync.Mutex
	views []render.View
	opts  []app.MapOptions
	hold  bool
	// ignoreCancel makes a held render finish even when it was cancelled,
	// as a render that completes just as a newer one is asked for.
	ignoreCancel bool
	release      map[render.View]chan struct{}
}

// gate is the release channel of view v; call with l.mu held.
func (l *renderLog) gate(v render.View) chan struct{} {
	if l.release == nil {
		l.release = map[render.View]chan struct{}{}
	}
	ch, ok := l.release[v]
	if !ok {
		ch = make(chan struct{})
		l.release[v] = ch
	}
	return ch
}

// let releases the renders of view v, now or when they start.
func (l *renderLog) let(v render.View) {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.gate(v))
}

func (l *renderLog) setHold(hold, ignoreCancel bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hold, l.ignoreCancel = hold, ignoreCancel
}

func (l *renderLog) render(ctx context.Context, st models.Store, v render.View, opt app.MapOptions) (*image.RGBA, error) {
	l.mu.Lock()
	l.views = append(l.views, v)
	l.opts = append(l.opts, opt)
	hold, ignore := l.hold, l.ignoreCancel
	var gate chan struct{}
	if hold {
		gate = l.gate(v)
	}
	l.mu.Unlock()
	if hold {
		select {
		case <-gate:
		case <-ctx.Done():
			if !ignore {
				return nil, ctx.Err()
			}
			<-gate
		}
		if ignore {
			ctx = context.Background()
		}
	}
	return app.RenderMap(ctx, st, v, opt)
}

func (l *renderLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.views)
}

func (l *renderLog) last() (render.View, app.MapOptions) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.views[len(l.views)-1], l.opts[len(l.opts)-1]
}

// renderView is the view a map render is asked for: the map's view at the
// screen's pixel density (1 in tests).
func renderView(mv *mapView) render.View { return mv.view }

// turn runs fn as the UI goroutine would: in turn with the functions
// background goroutines hand to it (see onUI).
func turn(fn func()) {
	uiTurn.Lock()
	defer uiTurn.Unlock()
	fn()
}

// act runs fn as the UI goroutine would and waits for the work it started.
func act(m *MainWindow, fn func()) {
	turn(fn)
	settle(m)
}

// openSample opens the sample in a new window whose map renders through
// log, and waits for the first frame.
func openSample(t *testing.T, log *renderLog) *MainWindow {
	t.Helper()
	m := newTestWindow(t, test.NewTempApp(t), realConfig(i18n.ZH))
	m.mapView.render = log.render
	act(m, func() { m.OpenProject(sampleProjectFile(t)) })
	if !m.mapView.hasView || m.mapView.frame == nil {
		t.Fatalf("no frame after opening the sample (view %v)", m.mapView.hasView)
	}
	return m
}

// near reports whether two lon/lat points are within 1e-9 degrees.
func nearPoint(a, b orb.Point) bool {
	return math.Abs(a[0]-b[0]) < 1e-9 && math.Abs(a[1]-b[1]) < 1e-9
}

// redPixels counts the burning fire points' red in img.
func redPixels(img image.Image) int {
	rgba := img.(*image.RGBA)
	n := 0
	for i := 0; i+3 < len(rgba.Pix); i += 4 {
		if rgba.Pix[i] > 0xc8 && rgba.Pix[i+1] < 0x40 && rgba.Pix[i+2] < 0x40 {
			n++
		}
	}
	return n
}

// TestMapShowsSample: opening a project fits the map to its extent and
// draws it, at the widget's size, with the layers' colours.
func TestMapShowsSample(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	mv := m.mapView
	if !mv.Visible() || m.summary.Visible() {
		t.Error("the map does not take the centre while a project is open")
	}
	size := mv.Size()
	b := mv.frame.Bounds()
	if b.Dx() != int(math.Round(float64(size.Width))) || b.Dy() != int(math.Round(float64(size.Height))) {
		t.Errorf("frame %v for a %v map", b, size)
	}
	if redPixels(mv.frame) < 20 {
		t.Error("no burning fire points in the frame")
	}
	info := *m.info
	ext, _ := app.ExtentOf(info, nil)
	x0, y0 := mv.view.ToPixel(ext.Min)
	x1, y1 := mv.view.ToPixel(ext.Max)
	if x0 < 0 || y1 < 0 || x1 > float64(mv.view.Width) || y0 > float64(mv.view.Height) {
		t.Errorf("the sample's extent lies at (%.0f,%.0f)-(%.0f,%.0f), outside the %dx%d map", x0, y1, x1, y0, mv.view.Width, mv.view.Height)
	}
	if mv.scaleBar == nil {
		t.Error("no scale bar")
	}
	if got := m.status.scaleBox.Text; got == "" || got != formatScale(mv.scale()) {
		t.Errorf("scale field %q, map at 1:%.0f", got, mv.scale())
	}
	// The layer panel and the summary tab still tell the counts.
	if got := layerRows(m)["火点"]; !slices.Equal(got, []string{"40"}) {
		t.Errorf("fire points row %q", got)
	}
	if s := strings.Join(summaryTexts(m), "|"); !strings.Contains(s, "要素总数|299") {
		t.Errorf("summary tab %q", s)
	}
}

// TestMapDragPans: dragging moves the map with the mouse; the last frame
// is shown moved by the drag until the new one arrives, then replaced.
func TestMapDragPans(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	mv := m.mapView
	before := mv.view
	centre := before.Center

	log.setHold(true, false)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(mv).Add(fyne.NewPos(200, 150))
	turn(func() { test.Drag(m.win.Canvas(), at, 120, -40) }) // its render is held

	x, y := mv.view.ToPixel(centre)
	if math.Abs(x-(float64(before.Width)/2+120)) > 1e-6 || math.Abs(y-(float64(before.Height)/2-40)) > 1e-6 {
		t.Errorf("after a drag by (120,-40) the old centre is at (%.3f,%.3f)", x, y)
	}
	// The old frame moves with the mouse (within the projection's change
	// of scale with latitude: under a point at this size).
	pos, size, ok := mv.framePlace()
	if !ok || math.Abs(float64(pos.X)-120) > 1 || math.Abs(float64(pos.Y)+40) > 1 ||
		math.Abs(float64(size.Width)-float64(before.Width)) > 1 || math.Abs(float64(size.Height)-float64(before.Height)) > 1 {
		t.Errorf("while the new frame renders, the old one is at %v size %v (ok %v), want (120,-40)", pos, size, ok)
	}
	log.let(renderView(mv))
	settle(m)
	if pos, _, _ := mv.framePlace(); math.Abs(float64(pos.X)) > 1e-6 || math.Abs(float64(pos.Y)) > 1e-6 || mv.frameView != mv.view {
		t.Errorf("after the new frame: placed at %v, frame view %v, view %v", pos, mv.frameView, mv.view)
	}
	if v, _ := log.last(); v.Center != mv.view.Center {
		t.Errorf("rendered %v, view %v", v.Center, mv.view.Center)
	}
	if !mv.hist.canBack() {
		t.Error("a drag left no step in the history")
	}
}

// TestMapDragFromMouseDown: the pan follows the mouse from where the
// button went down, whatever delta the driver reports with the first drag
// event (the GLFW driver's first one measures from the window's corner).
func TestMapDragFromMouseDown(t *testing.T) {
	m := openSample(t, &renderLog{})
	mv := m.mapView
	centre := mv.view.Center
	cx, cy := mv.view.ToPixel(centre)
	turn(func() {
		mv.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(200, 150)}, Button: desktop.MouseButtonPrimary})
		// As the GLFW driver reports it: the delta from (0, 0).
		mv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(210, 150)}, Dragged: fyne.NewDelta(210, 150)})
		mv.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(230, 145)}, Dragged: fyne.NewDelta(20, -5)})
		mv.DragEnd()
		mv.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(230, 145)}, Button: desktop.MouseButtonPrimary})
	})
	if x, y := mv.view.ToPixel(centre); math.Abs(x-(cx+30)) > 1e-6 || math.Abs(y-(cy-5)) > 1e-6 {
		t.Errorf("after a drag by (30, -5) from the button's press the old centre moved by (%.3f, %.3f)", x-cx, y-cy)
	}
}

// heldFrames opens the sample with its renders held (log.setHold(true,
// ignoreCancel)) and returns its window and a channel that receives the
// view of each frame its map shows.
func heldFrames(t *testing.T, log *renderLog, ignoreCancel bool) (*MainWindow, chan render.View) {
	t.Helper()
	m := openSample(t, log)
	mv := m.mapView
	log.setHold(true, ignoreCancel)
	shown := make(chan render.View, 4)
	mv.onFrame = func() { shown <- mv.frameView }
	return m, shown
}

// TestMapPanLetsFrameLand: while the map is dragged, the frame in flight
// is not cancelled for each move (the next frame takes from it): it lands,
// is shown moved by the moves made meanwhile, and one frame is drawn for
// where the drag got to; a zoom still cancels the frame in flight.
func TestMapPanLetsFrameLand(t *testing.T) {
	log := &renderLog{}
	m, shown := heldFrames(t, log, false)
	mv := m.mapView
	n0 := log.count()
	var first render.View
	turn(func() {
		mv.panBy(30, 10, navDrag)
		first = mv.view
		mv.panBy(30, 10, navDrag)
		mv.panBy(-5, 2, navDrag)
	})
	waitFor(t, func() bool { return log.count()-n0 >= 1 })
	time.Sleep(50 * time.Millisecond) // time for a wrongly started second frame to show
	if n := log.count() - n0; n != 1 {
		t.Fatalf("three moves started %d frames, want 1", n)
	}
	log.let(renderView(&mapView{view: first}))
	if got := <-shown; got != first {
		t.Fatalf("shown %v, want the first move's frame %v", got.Center, first.Center)
	}
	waitFor(t, func() bool { return log.count()-n0 >= 2 })
	if pos, _, ok := mv.framePlace(); !ok || math.Abs(float64(pos.X)-25) > 1e-3 || math.Abs(float64(pos.Y)-12) > 1e-3 {
		t.Errorf("the first move's frame is placed at %v, want (25, 12)", pos)
	}
	if n := log.count() - n0; n != 2 {
		t.Fatalf("after it landed %d frames were asked for, want 2", n)
	}
	if v, _ := log.last(); v != renderView(mv) {
		t.Errorf("the second frame is of %v, want the view now %v", v.Center, mv.view.Center)
	}
	// Letting go of the mouse does not wait either: the frame of where
	// the drag ended is started at once.
	turn(func() { mv.panBy(10, 0, navDrag) })
	time.Sleep(20 * time.Millisecond)
	if n := log.count() - n0; n != 2 {
		t.Fatalf("a move while a frame flies: %d frames asked for, want 2", n)
	}
	turn(func() { mv.DragEnd() })
	waitFor(t, func() bool { return log.count()-n0 >= 3 })
	if v, _ := log.last(); v != renderView(mv) {
		t.Errorf("after the drag ended the frame is of %v, want %v", v.Center, mv.view.Center)
	}
	log.let(renderView(mv))
	if got := <-shown; got != mv.view {
		t.Errorf("shown %v after the drag ended, want %v", got.Center, mv.view.Center)
	}
	// A zoom does not wait: the frame in flight (a pan's) is cancelled,
	// never shown, and the zoomed view drawn at once.
	turn(func() { mv.panBy(0, 10, navDrag) })
	waitFor(t, func() bool { return log.count()-n0 >= 4 })
	turn(func() { mv.zoomCentre(zoomStep, navJump) })
	waitFor(t, func() bool { return log.count()-n0 >= 5 })
	log.let(renderView(mv))
	if got := <-shown; got != mv.view {
		t.Errorf("shown %v after the zoom, want %v", got.Center, mv.view.Center)
	}
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("timed out")
		}
	}
}

// TestMapWheelZoomsAboutCursor: the wheel zooms in and out keeping the
// point under the cursor where it is.
func TestMapWheelZoomsAboutCursor(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	mv := m.mapView
	local := fyne.NewPos(300, 200)
	under := mv.view.ToLonLat(300, 200)
	mpp := mv.view.MetresPerPixel
	wheel := func(dy float32) {
		act(m, func() {
			mv.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: local}, Scrolled: fyne.Delta{DY: dy}})
		})
	}

	wheel(wheelPerStep) // one step in
	if got := mv.view.MetresPerPixel; math.Abs(got-mpp/zoomStep) > 1e-9*mpp {
		t.Errorf("one wheel step in: %g m/pt, want %g", got, mpp/zoomStep)
	}
	if got := mv.view.ToLonLat(300, 200); !nearPoint(got, under) {
		t.Errorf("point under the cursor moved from %v to %v", under, got)
	}
	wheel(-2 * wheelPerStep) // two steps out
	if got := mv.view.MetresPerPixel; math.Abs(got-mpp*zoomStep) > 1e-9*mpp {
		t.Errorf("then two steps out: %g m/pt, want %g", got, mpp*zoomStep)
	}
	if got := mv.view.ToLonLat(300, 200); !nearPoint(got, under) {
		t.Errorf("point under the cursor moved from %v to %v", under, got)
	}
	// A run of wheel steps is one step of the history.
	act(m, mv.back)
	if got := mv.view.MetresPerPixel; math.Abs(got-mpp) > 1e-9*mpp {
		t.Errorf("back after a wheel run: %g m/pt, want the fitted %g", got, mpp)
	}
	if v, _ := log.last(); v.MetresPerPixel != mv.view.MetresPerPixel {
		t.Error("the frame is not redrawn for the view")
	}
}

// TestMapKeysAndHistory: + - arrows Home from the window (nothing
// focused) and Alt+Left/Right through the shortcut table.
func TestMapKeysAndHistory(t *testing.T) {
	m := openSample(t, &renderLog{})
	mv := m.mapView
	c := m.win.Canvas()
	fit := mv.view
	steps := []struct {
		name string
		do   func()
		mpp  float64 // want, relative to the fitted view
		dx   float64 // where the fitted centre should be now, relative to the middle, in points at the new scale
	}{
		{"+", func() { c.OnTypedRune()('+') }, 0.5, 0},
		{"-", func() { c.OnTypedRune()('-') }, 1, 0},
		{"=", func() { c.OnTypedRune()('=') }, 0.5, 0},
		{"left", func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyLeft}) }, 0.5, math.Round(float64(fit.Width) * panFraction)},
		{"right", func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyRight}) }, 0.5, 0},
		{"home", func() { c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyHome}) }, 1, 0},
	}
	for _, s := range steps {
		act(m, s.do)
		if got := mv.view.MetresPerPixel / fit.MetresPerPixel; math.Abs(got-s.mpp) > 1e-9 {
			t.Errorf("%s: scale %g of the fitted one, want %g", s.name, got, s.mpp)
		}
		if x, _ := mv.view.ToPixel(fit.Center); math.Abs(x-float64(fit.Width)/2-s.dx) > 1e-6 {
			t.Errorf("%s: fitted centre at x=%.3f, want %.3f", s.name, x, float64(fit.Width)/2+s.dx)
		}
	}
	sc := c.(fyne.Shortcutable)
	act(m, func() { sc.TypedShortcut(shortcutBack) }) // before Home: zoomed in, no offset (the left/right key run is one step)
	if got := mv.view.MetresPerPixel / fit.MetresPerPixel; math.Abs(got-0.5) > 1e-9 {
		t.Errorf("Alt+Left: scale %g of the fitted one, want 0.5", got)
	}
	act(m, func() { sc.TypedShortcut(shortcutForward) })
	if mv.view.MetresPerPixel != fit.MetresPerPixel || !nearPoint(mv.view.Center, fit.Center) {
		t.Errorf("Alt+Right: %v, want the fitted %v", mv.view, fit)
	}
	r := test.WidgetRenderer(m.toolbar).(*toolbarRenderer)
	if r.backBtn.Disabled() || !r.fwdBtn.Disabled() {
		t.Errorf("at the end of the history: back disabled %v, forward disabled %v", r.backBtn.Disabled(), r.fwdBtn.Disabled())
	}
	act(m, func() { test.Tap(r.zoomIn) })
	if got := mv.view.MetresPerPixel / fit.MetresPerPixel; math.Abs(got-0.5) > 1e-9 {
		t.Errorf("toolbar zoom in: scale %g of the fitted one", got)
	}
}

// TestMapStaleFrameDropped: a render that finishes after a newer one was
// asked for never replaces the newer frame, whichever finishes first.
func TestMapStaleFrameDropped(t *testing.T) {
	log := &renderLog{}
	m, shown := heldFrames(t, log, true)
	mv := m.mapView

	var viewA, viewB render.View
	turn(func() {
		mv.zoomCentre(zoomStep, navJump) // render A
		viewA = mv.view
		mv.zoomCentre(zoomStep, navJump) // render B; A is cancelled but finishes anyway
		viewB = mv.view
	})
	// B finishes first and is shown …
	log.let(renderView(mv))
	if got := <-shown; got != viewB {
		t.Fatalf("shown %v, want B %v", got.Center, viewB.Center)
	}
	// … then A, too late.
	log.let(viewA)
	settle(m)
	if mv.frameView != viewB || len(shown) != 0 {
		t.Errorf("the stale frame of %v replaced the frame of %v", viewA.Center, viewB.Center)
	}
	// And directly: an old generation is ignored.
	frame := mv.frame
	mv.deliver(mv.gen-1, viewA, image.NewRGBA(image.Rect(0, 0, 1, 1)), nil, nil)
	if mv.frame != frame {
		t.Error("deliver of an old generation replaced the frame")
	}
}

// TestMapLayerVisibility: unticking a layer in the layer panel redraws the
// map without it; ticking it brings it back.
func TestMapLayerVisibility(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	if redPixels(m.mapView.frame) == 0 {
		t.Fatal("no fire points to hide")
	}
	r := test.WidgetRenderer(m.layers).(*layerPanelRenderer)
	var fire *layerRow
	for _, row := range r.rows {
		if row.def.Name == models.LayerFirePoints {
			fire = row
		}
	}
	n := log.count()
	act(m, func() { test.Tap(fire.visible) })
	if log.count() != n+1 {
		t.Fatalf("unticking fire points made %d renders, want 1", log.count()-n)
	}
	if _, opt := log.last(); !opt.Hidden[models.LayerFirePoints] {
		t.Errorf("render asked for with hidden %v", opt.Hidden)
	}
	if got := redPixels(m.mapView.frame); got != 0 {
		t.Errorf("%d red pixels with fire points hidden", got)
	}
	act(m, func() { test.Tap(fire.visible) })
	if _, opt := log.last(); opt.Hidden[models.LayerFirePoints] || redPixels(m.mapView.frame) == 0 {
		t.Error("ticking fire points again did not bring them back")
	}
	// The zoom button of a layer shows that layer whole.
	act(m, func() { test.Tap(fire.zoom) })
	ext, _ := app.LayerExtent(*m.info, models.LayerFirePoints)
	want := render.FitView(ext, m.mapView.view.Width, m.mapView.view.Height, fitMarginPt)
	if math.Abs(m.mapView.view.MetresPerPixel-want.MetresPerPixel) > 1e-9 {
		t.Errorf("zoom to fire points: %g m/pt, want %g", m.mapView.view.MetresPerPixel, want.MetresPerPixel)
	}
}

// TestMapScaleField: typing a scale into the status bar sets it; nonsense
// is refused and the field shows the map's scale again.
func TestMapScaleField(t *testing.T) {
	m := openSample(t, &renderLog{})
	e := m.status.scaleBox
	act(m, func() {
		e.SetText("1:50,000")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	if got := m.mapView.scale(); math.Abs(got-50000) > 1e-6 {
		t.Errorf("scale 1:%g after typing 1:50,000", got)
	}
	if e.Text != "50,000" {
		t.Errorf("field shows %q", e.Text)
	}
	act(m, func() {
		e.SetText("abc")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	if got := m.mapView.scale(); math.Abs(got-50000) > 1e-6 || e.Text != "50,000" {
		t.Errorf("after nonsense: scale 1:%g, field %q", got, e.Text)
	}
	if !strings.Contains(m.status.text(), "abc") {
		t.Errorf("status %q does not say what was refused", m.status.text())
	}
}

// TestMapCursorInStatusBar: the status bar shows the point under the mouse
// in lon/lat and in Gauss–Krüger zone 36 metres.
func TestMapCursorInStatusBar(t *testing.T) {
	m := openSample(t, &renderLog{})
	mv := m.mapView
	// Put 108°E (zone 36's central meridian) under the mouse: its easting
	// is exactly 36 500 000 m.
	v := mv.view.PlaceAt(orb.Point{108, 39.5}, 100, 100)
	mv.view = v
	mv.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 100)}})
	if got, want := m.status.lonLatText(), "东经 108.00000° 北纬 39.50000°"; got != want {
		t.Errorf("lon/lat %q, want %q", got, want)
	}
	if got := m.status.gkText(); !strings.HasPrefix(got, "3°带第36带 东 36500000.0 北 437") {
		t.Errorf("GK %q", got)
	}
	mv.MouseOut()
	if got := m.status.lonLatText(); got != i18n.T(i18n.ZH, "gui.status.crs", nil) || m.status.gkText() != "" {
		t.Errorf("after the mouse left: %q %q", got, m.status.gkText())
	}
}

// TestMapCloseDuringRender: closing the project while a frame is being
// drawn cancels it and closes the store; nothing is delivered afterwards.
func TestMapCloseDuringRender(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	log.setHold(true, false) // never let go: only cancellation ends the render
	act(m, func() {
		m.mapView.zoomCentre(zoomStep, navJump)
		m.CloseProject()
	})
	if m.ProjectPath() != "" || m.mapView.store != nil || m.mapView.frame != nil {
		t.Errorf("after close: path %q, store %v, frame %v", m.ProjectPath(), m.mapView.store, m.mapView.frame != nil)
	}
	if m.mapView.Visible() || !m.summary.Visible() {
		t.Error("the welcome page does not come back after closing")
	}
}

func TestParseAndFormatScale(t *testing.T) {
	for in, want := range map[string]float64{
		"50000": 50000, "50,000": 50000, "1:50000": 50000, "1：5万": 50000, "1/25000": 25000, " 1: 2,500 ": 2500, "2.5万": 25000,
		"": -1, "abc": -1, "0": -1, "-5": -1, "1:": -1, "inf": -1,
	} {
		got, ok := parseScale(in)
		if ok != (want > 0) || (ok && got != want) {
			t.Errorf("parseScale(%q) = %g, %v; want %g", in, got, ok, want)
		}
	}
	for n, want := range map[float64]string{123456: "123,000", 999.4: "999", 50000: "50,000", 1234567: "1,230,000", 12.3: "12", 0: ""} {
		if got := formatScale(n); got != want {
			t.Errorf("formatScale(%g) = %q, want %q", n, got, want)
		}
	}
}

// TestMapResize: until the user moves the map, a resize fits the project
// to the new size; afterwards the map keeps its centre and scale.
func TestMapResize(t *testing.T) {
	m := openSample(t, &renderLog{})
	mv := m.mapView
	ext, _ := app.ExtentOf(*m.info, nil)
	act(m, func() { m.win.Resize(fyne.NewSize(1400, 900)) })
	want := render.FitView(ext, mv.view.Width, mv.view.Height, fitMarginPt)
	if math.Abs(mv.view.MetresPerPixel-want.MetresPerPixel) > 1e-9 || mv.hist.canBack() {
		t.Errorf("after a resize: %g m/pt, want the new fit %g; back %v", mv.view.MetresPerPixel, want.MetresPerPixel, mv.hist.canBack())
	}
	if b := mv.frame.Bounds(); b.Dx() != mv.view.Width || b.Dy() != mv.view.Height {
		t.Errorf("frame %v for a %dx%d view", b, mv.view.Width, mv.view.Height)
	}
	act(m, func() { mv.zoomCentre(zoomStep, navJump) })
	moved := mv.view
	act(m, func() { m.win.Resize(fyne.NewSize(1000, 700)) })
	if mv.view.MetresPerPixel != moved.MetresPerPixel || mv.view.Center != moved.Center || mv.view.Width == moved.Width {
		t.Errorf("after moving and resizing: %v, want %v at the new size", mv.view, moved)
	}
}

// TestMapNoWastedFrames: setting the basemap the map already has (none,
// as every project opens) draws nothing; a frame asked for while the map
// is hidden (behind the loading page) is drawn when it shows, once.
func TestMapNoWastedFrames(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	mv := m.mapView
	n := log.count()
	act(m, func() { mv.setBasemap(nil, 1) })
	if got := log.count(); got != n {
		t.Errorf("setting no basemap again drew %d frames", got-n)
	}
	act(m, func() {
		mv.Hide()
		mv.setHidden(models.LayerRoads, true)
		mv.setHidden(models.LayerRoads, false)
	})
	if got := log.count(); got != n {
		t.Errorf("the hidden map drew %d frames", got-n)
	}
	act(m, func() { mv.Show() })
	if got := log.count(); got != n+1 {
		t.Errorf("showing the map drew %d frames, want 1", got-n)
	}
	if mv.frame == nil || mv.frameView != mv.view {
		t.Error("the frame shown is not the current view's")
	}
}

// TestOpenDrawsOneFrame: opening a project draws one frame, at the size
// the map keeps once the layer panel shows the project's counts and
// areas (it widens), not one at the size before and another after.
func TestOpenDrawsOneFrame(t *testing.T) {
	log := &renderLog{}
	m := openSample(t, log)
	if n := log.count(); n != 1 {
		t.Errorf("opening the sample drew %d frames, want 1", n)
	}
	want := m.mapView.view
	log.mu.Lock()
	got := log.views[len(log.views)-1]
	log.mu.Unlock()
	if got.Width != want.Width || got.Height != want.Height {
		t.Errorf("frame drawn at %d×%d, the map is %d×%d", got.Width, got.Height, want.Width, want.Height)
	}
	// The layout the canvas makes before it paints keeps the map's size.
	size := m.mapView.Size()
	act(m, func() {
		c := m.win.Content().(*fyne.Container)
		c.Layout.Layout(c.Objects, c.Size())
	})
	if after := m.mapView.Size(); after != size {
		t.Errorf("the window laid out again moved the map from %v to %v", size, after)
	}
}
