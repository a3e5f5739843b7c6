package app

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"sync"
	"testing"

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
func diffPixels(a, b *image.RGBA) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if [4]uint8(a.Pix[i:i+4]) != [4]uint8(b.Pix[i:i+4]) {
			n++
		}
	}
	return n
}

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
func benchGPKG(b *testing.B, size string) models.Store {
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
// MapCache, with labels and a scale bar, as the window redraws.
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
	cpu0 := processCPU()
	for b.Loop() {
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
