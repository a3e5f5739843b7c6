package app

import (
	"context"
	"errors"
	"image"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
	"minerehab/models/store"
)

// readCounter is the real store counting the layer reads (its Features;
// RenderRows is hidden, so the cache reads through Features).
type readCounter struct {
	models.Store
	mu    sync.Mutex
	reads map[string]int
}

func (r *readCounter) Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error {
	r.mu.Lock()
	r.reads[layer]++
	r.mu.Unlock()
	return r.Store.Features(ctx, layer, bbox, fn)
}

// TestMapCacheSamePicture: a frame from the cache is the frame RenderMap
// draws, pixel for pixel, with and without labels, and with a layer
// hidden.
func TestMapCacheSamePicture(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 900, 600)
	c := NewMapCache(st)
	opts := []MapOptions{{}, {ScaleBar: true, PixelRatio: 2}, {Hidden: map[string]bool{models.LayerMines: true}}}
	if fnt, err := MapFont(); err == nil {
		opts = append(opts, MapOptions{Font: fnt, ScaleBar: true})
	}
	for i, opt := range opts {
		want, err := RenderMap(context.Background(), st, v, opt)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Render(context.Background(), v, opt)
		if err != nil {
			t.Fatal(err)
		}
		if n := diffPixels(got, want); n > 0 {
			t.Errorf("options %d: %d pixels differ from RenderMap's", i, n)
		}
	}
	if c.Bytes() <= 0 {
		t.Errorf("Bytes = %d after loading", c.Bytes())
	}
}

// diffPixels counts the pixels where a and b differ.
func diffPixels(a, b *image.RGBA) int { return farPixels(a, b, 0) }

// TestMapCacheReadsOnce: layers are read once, hidden ones not at all
// until shown, and again after Invalidate.
func TestMapCacheReadsOnce(t *testing.T) {
	rc := &readCounter{Store: sampleProject(t), reads: map[string]int{}}
	v := sampleView(t, rc, 400, 300)
	c := NewMapCache(rc)
	ctx := context.Background()
	hidden := map[string]bool{models.LayerRoads: true}
	for range 3 {
		if _, err := c.Render(ctx, v, MapOptions{Hidden: hidden}); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range models.Layers {
		want := 1
		if d.Name == models.LayerRoads {
			want = 0
		}
		if got := rc.reads[d.Name]; got != want {
			t.Errorf("%s read %d times, want %d", d.Name, got, want)
		}
	}
	c.Invalidate(models.LayerMines)
	if _, err := c.Render(ctx, v, MapOptions{}); err != nil {
		t.Fatal(err)
	}
	if rc.reads[models.LayerMines] != 2 || rc.reads[models.LayerRoads] != 1 || rc.reads[models.LayerSites] != 1 {
		t.Errorf("after Invalidate(mines): reads %v", rc.reads)
	}
	c.Invalidate()
	if _, err := c.Render(ctx, v, MapOptions{}); err != nil {
		t.Fatal(err)
	}
	if rc.reads[models.LayerSites] != 2 {
		t.Errorf("after Invalidate(): reads %v", rc.reads)
	}
}

// TestMapCacheErrors: a cancelled frame returns context.Canceled, a bad
// view CodeBadView, and a store that fails its error (and the next frame
// tries again).
func TestMapCacheErrors(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 300, 200)
	c := NewMapCache(st)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Render(canceled, v, MapOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	bad := v
	bad.MetresPerPixel = 0
	var re *render.Error
	if _, err := c.Render(context.Background(), bad, MapOptions{}); !errors.As(err, &re) || re.Code != render.CodeBadView {
		t.Errorf("bad view: %v", err)
	}
	closed, err := store.Create(filepath.Join(t.TempDir(), "closed.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	cc := NewMapCache(closed)
	for range 2 {
		if img, err := cc.Render(context.Background(), v, MapOptions{}); err == nil || img != nil {
			t.Errorf("closed store: %v, %v", img, err)
		}
	}
}

// benchGPKG opens the benchmark project of the given size made by
// scripts/bench-render.sh (.bench/render-SIZE.gpkg at the module root), or
// skips.
func benchGPKG(b testing.TB, size string) models.Store {
	b.Helper()
	p := filepath.Join("..", ".bench", "render-"+size+".gpkg")
	if _, err := os.Stat(p); err != nil {
		b.Skipf("%s absent: run scripts/bench-render.sh", p)
	}
	st, err := store.Open(p, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// benchWarm draws full-extent 1600×1000 frames of st from a loaded
// MapCache, with labels and a scale bar, as the window redraws: each
// frame whole (not taken from the frame before, as after a pan).
func benchWarm(b *testing.B, st models.Store) {
	ctx := context.Background()
	info, err := st.Info(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ext, ok := ExtentOf(info, nil)
	if !ok {
		b.Fatal("empty project")
	}
	v := render.FitView(ext, 1600, 1000, 24)
	fnt, _ := MapFont()
	opt := MapOptions{Font: fnt, ScaleBar: true}
	c := NewMapCache(st)
	if err := c.Load(ctx, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Render(ctx, v, opt); err != nil { // the levels this view draws
		b.Fatal(err)
	}
	cpu0 := processCPU()
	for b.Loop() {
		c.forgetFrame() // a full redraw (as after a change of style), not the frame before again
		if _, err := c.Render(ctx, v, opt); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := processCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu-ms/op")
	}
	b.ReportMetric(float64(c.Bytes())/(1<<20), "cache-MiB")
}

// BenchmarkWarmRedrawSample redraws the bundled sample from memory.
func BenchmarkWarmRedrawSample(b *testing.B) { benchWarm(b, sampleProject(b)) }

// BenchmarkWarmRedrawMedium redraws the 50,000-feature benchmark project.
func BenchmarkWarmRedrawMedium(b *testing.B) { benchWarm(b, benchGPKG(b, "medium")) }

// BenchmarkWarmRedrawLarge redraws the 500,000-feature benchmark project.
func BenchmarkWarmRedrawLarge(b *testing.B) { benchWarm(b, benchGPKG(b, "large")) }

// panScales are the zooms the pan benchmarks run at: the whole project,
// and zoomed in 4× (a part of the city, as a planner pans it).
var panScales = []struct {
	name string
	zoom float64
}{{"full", 1}, {"zoom4", 4}}

// BenchmarkPanLarge pans the 500,000-feature project as the window does
// while the mouse drags: every 16 ms the view moves by 20 points across
// and 7 down (40 moves on, 40 back) and the frame on screen moves with it (framePlacement,
// the window's per-move work); the frame in flight is let land, and when
// it does the frame of the view the drag has reached is started (the
// window's policy for pans, see mapView.requestRender); the ops are mouse
// moves. Every 40 moves the mouse stops (and the drag goes on the other
// way): every other time it is let go, and the frame in flight is
// cancelled for one of the last view (what it drew of the features is
// kept when it got that far), as the window does on DragEnd; the other
// times the button is held, and the frame in flight lands first.
// It reports the work per move (move-µs); the frame after the mouse is
// let go (refine-ms: from the last move to the frame of its view drawn,
// the median of the stops; refine-cpu-ms, the process's CPU time over
// the same) and after it stops with the button held (hold-ms), frames landed per second while dragging (drag-fps); the frame
// of the last view drawn from scratch, as after a zoom (scratch-ms,
// median of three; scratch-cpu-ms), and how long such a frame takes to
// let go when cancelled 20 ms in (cancel-ms, the worst of three).
func BenchmarkPanLarge(b *testing.B) {
	st := benchGPKG(b, "large")
	for _, sc := range panScales {
		b.Run(sc.name, func(b *testing.B) { benchPan(b, st, sc.zoom) })
	}
}

func benchPan(b *testing.B, st models.Store, zoom float64) {
	ctx := context.Background()
	info, err := st.Info(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ext, _ := ExtentOf(info, nil)
	v := render.FitView(ext, 1600, 1000, 24)
	v.MetresPerPixel /= zoom
	fnt, _ := MapFont()
	opt := MapOptions{Font: fnt, ScaleBar: true}
	c := NewMapCache(st)
	frame, err := c.Render(ctx, v, opt) // the frame on screen when the drag starts
	if err != nil {
		b.Fatal(err)
	}
	frameView := v
	var (
		flying    chan time.Time // the frame in flight lands
		cancel    context.CancelFunc
		pending   bool // the view moved since it started
		moveTime  time.Duration
		refines   []float64
		holds     []float64
		refineCPU int64
		landed    int
		dragTime  time.Duration
	)
	start := func(v render.View) {
		d := make(chan time.Time, 1)
		rctx, cf := context.WithCancel(ctx)
		go func() {
			c.Render(rctx, v, opt)
			d <- time.Now()
		}()
		flying, cancel, pending = d, cf, false
	}
	land := func(at time.Time) { // what the window does when a frame lands
		flying = nil
		if pending {
			start(v)
		}
	}
	b.ResetTimer()
	dragStart := time.Now()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		dx, dy := 20.0, 7.0
		if (i/40)%2 == 1 { // back and forth, staying over the data
			dx, dy = -20, -7
		}
		v = v.Pan(dx, dy)
		_ = framePlacement(v, frameView, frame)
		if flying == nil {
			start(v)
		} else {
			pending = true
		}
		moveTime += time.Since(t0)
		if i%40 == 39 { // the mouse stops: the frame of this view
			dragTime += time.Since(dragStart)
			cpu0 := processCPU()
			release := (i/40)%2 == 0 // else the button is held
			if release && pending {  // at once, not after the frame in flight
				cancel()
				<-flying
				start(v)
			}
			for flying != nil {
				land(<-flying)
			}
			ms := float64(time.Since(t0).Microseconds()) / 1e3
			if release {
				refines = append(refines, ms)
				refineCPU += processCPU() - cpu0
			} else {
				holds = append(holds, ms)
			}
			dragStart = time.Now()
		}
		for next := time.After(16 * time.Millisecond); ; {
			select {
			case at := <-flying:
				land(at)
				landed++
				continue
			case <-next:
			}
			break
		}
	}
	b.StopTimer()
	for flying != nil {
		land(<-flying)
	}
	// From scratch: the last view without a frame before it; and
	// cancelled 20 ms in.
	var walls []float64
	var worstCancel time.Duration
	cpu0 := processCPU()
	for range 3 {
		c.forgetFrame()
		t0 := time.Now()
		if _, err := c.Render(ctx, v, opt); err != nil {
			b.Fatal(err)
		}
		walls = append(walls, float64(time.Since(t0).Microseconds())/1e3)
	}
	scratchCPU := processCPU() - cpu0
	for range 3 {
		c.forgetFrame()
		rctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		c.Render(rctx, v, opt)
		cancel()
		if d, _ := rctx.Deadline(); time.Since(d) > worstCancel {
			worstCancel = time.Since(d)
		}
	}
	slices.Sort(walls)
	b.ReportMetric(float64(moveTime.Microseconds())/float64(b.N), "move-µs")
	if len(refines) > 0 {
		slices.Sort(refines)
		b.ReportMetric(refines[len(refines)/2], "refine-ms")
		b.ReportMetric(float64(refineCPU)/1e6/float64(len(refines)), "refine-cpu-ms")
		b.ReportMetric(float64(landed)/dragTime.Seconds(), "drag-fps")
	}
	if len(holds) > 0 {
		slices.Sort(holds)
		b.ReportMetric(holds[len(holds)/2], "hold-ms")
	}
	b.ReportMetric(walls[1], "scratch-ms")
	b.ReportMetric(float64(scratchCPU)/1e6/3, "scratch-cpu-ms")
	b.ReportMetric(float64(worstCancel.Microseconds())/1e3, "cancel-ms")
	b.ReportMetric(0, "ns/op")
}

// framePlacement is where the frame drawn for view f lies in view v, in
// pixels (what the window computes on every mouse move to move its last
// frame): the corners of f mapped into v.
func framePlacement(v, f render.View, img *image.RGBA) image.Rectangle {
	x0, y0 := v.ToPixel(f.ToLonLat(0, 0))
	x1, y1 := v.ToPixel(f.ToLonLat(float64(img.Bounds().Dx()), float64(img.Bounds().Dy())))
	return image.Rect(int(math.Round(x0)), int(math.Round(y0)), int(math.Round(x1)), int(math.Round(y1)))
}

// BenchmarkOpenLargeRSS opens the 500,000-feature project as the window
// does (for writing), draws its first full-extent frame through a
// MapCache and reports the process's resident memory then (rss-MiB),
// after the Go runtime returns what it freed (rss-idle-MiB), and its
// peak (hwm-MiB): with the render cache cold (the layers read from the
// file and the cache written) and then warm. The peak is the process's:
// for the warm case alone, run it alone with $MINEREHAB_RENDER_CACHE
// naming a directory a cold run filled.
func BenchmarkOpenLargeRSS(b *testing.B) {
	p := filepath.Join("..", ".bench", "render-large.gpkg")
	if _, err := os.Stat(p); err != nil {
		b.Skipf("%s absent: run scripts/bench-render.sh", p)
	}
	dir := os.Getenv(renderCacheEnv)
	if dir == "" {
		dir = b.TempDir()
	}
	for _, name := range []string{"cold", "warm"} {
		b.Run(name, func(b *testing.B) {
			if name == "cold" {
				os.RemoveAll(dir)
			}
			b.Setenv(renderCacheEnv, dir)
			for b.Loop() {
				st, err := store.Open(p, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				info, err := st.Info(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				ext, _ := ExtentOf(info, nil)
				c := NewMapCache(st)
				fnt, _ := MapFont()
				if _, err := c.Render(context.Background(), render.FitView(ext, 1600, 1000, 24), MapOptions{Font: fnt, ScaleBar: true}); err != nil {
					b.Fatal(err)
				}
				rss, hwm := procMemory()
				debug.FreeOSMemory()
				idle, _ := procMemory()
				b.ReportMetric(rss, "rss-MiB")
				b.ReportMetric(idle, "rss-idle-MiB")
				b.ReportMetric(hwm, "hwm-MiB")
				b.ReportMetric(float64(c.Bytes())/(1<<20), "cache-MiB")
				runtime.KeepAlive(c)
				st.Close()
			}
		})
	}
}

// procMemory is the process's resident set and its peak, MiB (0 where
// /proc is absent).
func procMemory() (rss, hwm float64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			rss = kb / 1024
		case "VmHWM:":
			hwm = kb / 1024
		}
	}
	return rss, hwm
}
