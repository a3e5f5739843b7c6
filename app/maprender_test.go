package app

import (
	"context"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/opentype"

	"minerehab/app/i18n"
	"minerehab/gis/render"
	"minerehab/models"
	"minerehab/models/store"
	"minerehab/sampledata"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sampleProject creates a project in a temp dir holding the bundled
// synthetic sample, imported as `minerehab sample` does.
func sampleProject(tb testing.TB) models.Store {
	tb.Helper()
	st, err := store.Create(filepath.Join(tb.TempDir(), "sample.gpkg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	for _, f := range sampledata.Files() {
		req := ImportRequest{FS: sampledata.FS(), Files: []string{f.Name}, Layer: f.Layer}
		if _, err := Import(context.Background(), st, req, nil); err != nil {
			tb.Fatal(err)
		}
	}
	return st
}

// sampleView is the whole sample at w×h.
func sampleView(tb testing.TB, st models.Store, w, h int) render.View {
	tb.Helper()
	info, err := st.Info(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	ext, ok := ExtentOf(info, nil)
	if !ok {
		tb.Fatal("sample project is empty")
	}
	return render.FitView(ext, w, h, 10)
}

// mapFontOrSkip is the system's Chinese font; tests of labels skip without one.
func mapFontOrSkip(tb testing.TB) *opentype.Font {
	tb.Helper()
	f, err := MapFont()
	if err != nil {
		tb.Skipf("no Chinese font: %v", err)
	}
	return f
}

// countPixels counts the pixels of img for which match is true.
func countPixels(img *image.RGBA, match func(r, g, b, a uint8) bool) int {
	n := 0
	for i := 0; i+3 < len(img.Pix); i += 4 {
		if match(img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]) {
			n++
		}
	}
	return n
}

func near(c color.NRGBA, tol int) func(r, g, b, a uint8) bool {
	return func(r, g, b, a uint8) bool {
		d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
		return a == 0xff && d(r, c.R) <= tol && d(g, c.G) <= tol && d(b, c.B) <= tol
	}
}

// TestRenderMapSample draws the sample and looks for each layer's colours;
// hiding a layer removes them.
func TestRenderMapSample(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 800, 500)
	ctx := context.Background()
	tests := []struct {
		name   string
		colour color.NRGBA // a colour drawn solid by this layer only
		layer  string
	}{
		{"burning fire points", colFire, models.LayerFirePoints},
		{"rivers", colRiver, models.LayerReference},
		{"mine outlines", colMine, models.LayerMines},
		{"roads", colRoad, models.LayerRoads},
	}
	all, err := RenderMap(ctx, st, v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Bounds() != image.Rect(0, 0, 800, 500) {
		t.Fatalf("picture %v, want 800×500", all.Bounds())
	}
	bg := countPixels(all, near(MapBackground, 0))
	if bg == 800*500 || bg < 800*500/2 {
		t.Errorf("%d of %d pixels are background", bg, 800*500)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shown := countPixels(all, near(tc.colour, 8))
			if shown < 20 {
				t.Errorf("%d pixels of %v with every layer shown", shown, tc.colour)
			}
			hidden, err := RenderMap(ctx, st, v, MapOptions{Hidden: map[string]bool{tc.layer: true}})
			if err != nil {
				t.Fatal(err)
			}
			// A blend of other colours may hit the colour by chance, rarely.
			if n := countPixels(hidden, near(tc.colour, 8)); n*20 > shown {
				t.Errorf("%d pixels of %v with %s hidden, %d shown", n, tc.colour, tc.layer, shown)
			}
		})
	}
	none := map[string]bool{}
	for _, d := range models.Layers {
		none[d.Name] = true
	}
	empty, err := RenderMap(ctx, st, v, MapOptions{Hidden: none})
	if err != nil {
		t.Fatal(err)
	}
	if n := countPixels(empty, near(MapBackground, 0)); n != 800*500 {
		t.Errorf("every layer hidden: %d non-background pixels", 800*500-n)
	}
}

// TestRenderMapLabels: with a font, mine names appear (dark label ink) and
// the scale bar is drawn in the lower left.
func TestRenderMapLabels(t *testing.T) {
	fnt := mapFontOrSkip(t)
	st := sampleProject(t)
	v := sampleView(t, st, 1200, 900)
	ctx := context.Background()
	plain, err := RenderMap(ctx, st, v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	labelled, err := RenderMap(ctx, st, v, MapOptions{Font: fnt, ScaleBar: true, Lang: i18n.ZH})
	if err != nil {
		t.Fatal(err)
	}
	ink := near(colLabel, 24)
	if a, b := countPixels(plain, ink), countPixels(labelled, ink); b < a+200 {
		t.Errorf("label ink: %d pixels without labels, %d with", a, b)
	}
	// Labels keep out of the boxes they are told to: here, everywhere.
	clear, err := RenderMap(ctx, st, v, MapOptions{Font: fnt, KeepClear: []image.Rectangle{image.Rect(0, 0, 1200, 900)}})
	if err != nil {
		t.Fatal(err)
	}
	if a, c := countPixels(plain, ink), countPixels(clear, ink); c != a {
		t.Errorf("label ink: %d pixels without labels, %d with labels kept clear of the whole frame", a, c)
	}
	corner := labelled.SubImage(image.Rect(0, 900-60, 200, 900)).(*image.RGBA)
	if n := countPixels(corner, near(color.NRGBA{0x20, 0x20, 0x20, 0xff}, 10)); n < 40 {
		t.Errorf("scale bar: %d dark pixels in the lower left corner", n)
	}
}

// countingStore is the real store, recording the boxes RenderMap asks for.
type countingStore struct {
	models.Store
	mu    sync.Mutex
	boxes map[string]*orb.Bound
	rows  map[string]int
}

func (c *countingStore) Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error {
	c.mu.Lock()
	c.boxes[layer] = bbox
	c.mu.Unlock()
	return c.Store.Features(ctx, layer, bbox, func(f *models.Feature) error {
		c.mu.Lock()
		c.rows[layer]++
		c.mu.Unlock()
		return fn(f)
	})
}

// TestRenderMapCulls: every visible layer is read through the spatial index
// with the view's box, hidden layers are not read, and a small view reads
// only the features near it.
func TestRenderMapCulls(t *testing.T) {
	st := sampleProject(t)
	full := sampleView(t, st, 400, 300)
	small := render.View{Center: orb.Point{106.85, 39.75}, MetresPerPixel: 5, Width: 400, Height: 300}
	var fullRows int
	for _, v := range []render.View{full, small} {
		cs := &countingStore{Store: st, boxes: map[string]*orb.Bound{}, rows: map[string]int{}}
		if _, err := RenderMap(context.Background(), cs, v, MapOptions{Hidden: map[string]bool{models.LayerRoads: true}}); err != nil {
			t.Fatal(err)
		}
		want := v.Bound()
		for _, d := range models.Layers {
			b, asked := cs.boxes[d.Name]
			switch {
			case d.Name == models.LayerRoads && asked:
				t.Errorf("hidden layer %s was read", d.Name)
			case d.Name != models.LayerRoads && (!asked || b == nil || *b != want):
				t.Errorf("layer %s read with box %v, want %v", d.Name, b, want)
			}
		}
		rows := 0
		for _, n := range cs.rows {
			rows += n
		}
		if v == full {
			fullRows = rows
		} else if rows*4 > fullRows {
			t.Errorf("a 2 km × 1.5 km view read %d features of %d", rows, fullRows)
		}
	}
}

func TestRenderMapErrors(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 300, 200)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RenderMap(canceled, st, v, MapOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	var re *render.Error
	bad := v
	bad.Width = 0
	if _, err := RenderMap(context.Background(), st, bad, MapOptions{}); !errors.As(err, &re) || re.Code != render.CodeBadView {
		t.Errorf("bad view: err = %v", err)
	}
	// A store that fails: its error comes back, not a picture.
	closed, err := store.Create(filepath.Join(t.TempDir(), "closed.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	if img, err := RenderMap(context.Background(), closed, v, MapOptions{}); err == nil || img != nil {
		t.Errorf("closed store: %v, %v", img, err)
	}
}

// TestRenderMapCancelMidway cancels while the layers are being read and
// drawn: RenderMap returns promptly with context.Canceled and leaves no
// reader running (the store closes cleanly right after).
func TestRenderMapCancelMidway(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 1600, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	cs := &cancellingStore{Store: st, after: 50, cancel: cancel}
	_, err := RenderMap(ctx, cs, v, MapOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if err := st.Close(); err != nil {
		t.Errorf("close after a cancelled render: %v", err)
	}
}

// cancellingStore is the real store that cancels the render after a
// number of features have been read.
type cancellingStore struct {
	models.Store
	mu     sync.Mutex
	n      int
	after  int
	cancel context.CancelFunc
}

func (c *cancellingStore) Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error {
	return c.Store.Features(ctx, layer, bbox, func(f *models.Feature) error {
		c.mu.Lock()
		c.n++
		if c.n == c.after {
			c.cancel()
		}
		c.mu.Unlock()
		return fn(f)
	})
}

// TestFrameLayerFails: when one layer's read fails while the others are
// read and drawn, the frame fails with that read's error (not with the
// cancellation it causes), both headless and through a MapCache.
func TestFrameLayerFails(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 800, 500)
	fs := &failingStore{Store: st, layer: models.LayerSites}
	if img, err := RenderMap(context.Background(), fs, v, MapOptions{}); !errors.Is(err, errLayerRead) || img != nil {
		t.Errorf("RenderMap: picture %t, err %v; want errLayerRead and no picture", img != nil, err)
	}
	c := NewMapCache(fs)
	for range 2 { // a failed read is not kept: the next frame reads again
		if img, err := c.Render(context.Background(), v, MapOptions{}); !errors.Is(err, errLayerRead) || img != nil {
			t.Errorf("MapCache.Render: picture %t, err %v; want errLayerRead and no picture", img != nil, err)
		}
	}
}

var errLayerRead = errors.New("layer read failed")

// failingStore is the real store whose reads of one layer fail after its
// first feature.
type failingStore struct {
	models.Store
	layer string
}

func (f *failingStore) Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error {
	return f.Store.Features(ctx, layer, bbox, func(ft *models.Feature) error {
		if layer == f.layer {
			return errLayerRead
		}
		return fn(ft)
	})
}

// TestProjectExtent: the extent read without summarising the layers is
// ExtentOf the project's Info, with layers hidden or not, from a store
// that reads extents alone or from one that only summarises; an empty
// project has none.
func TestProjectExtent(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(models.ExtentReader); !ok {
		t.Fatal("the project store reads no extents: the test would not test them")
	}
	only := struct{ models.Store }{st} // Info alone
	for _, hidden := range []map[string]bool{nil, {models.LayerMines: true}, {models.LayerMines: true, models.LayerSites: true, models.LayerReference: true}} {
		want, wantOK := ExtentOf(info, hidden)
		for name, s := range map[string]models.Store{"extents": st, "info": only} {
			got, ok, err := ProjectExtent(ctx, s, hidden)
			if err != nil || ok != wantOK || got != want {
				t.Errorf("%s, hidden %v: %v %t %v, want %v %t", name, hidden, got, ok, err, want, wantOK)
			}
		}
	}
	empty, err := store.Create(filepath.Join(t.TempDir(), "empty.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, ok, err := ProjectExtent(ctx, empty, nil); ok || err != nil {
		t.Errorf("empty project: ok %t, err %v", ok, err)
	}
}

func TestExtentOf(t *testing.T) {
	b := func(w, s, e, n float64) *orb.Bound { return &orb.Bound{Min: orb.Point{w, s}, Max: orb.Point{e, n}} }
	info := models.Info{Layers: []models.LayerInfo{
		{Name: models.LayerMines, Count: 2, Extent: b(106.7, 39.3, 106.9, 39.6)},
		{Name: models.LayerSites, Count: 1, Extent: b(106.8, 39.2, 107.0, 39.5)},
		{Name: models.LayerZones},
	}}
	if got, ok := ExtentOf(info, nil); !ok || got != *b(106.7, 39.2, 107.0, 39.6) {
		t.Errorf("ExtentOf = %v, %v", got, ok)
	}
	if got, ok := ExtentOf(info, map[string]bool{models.LayerSites: true}); !ok || got != *b(106.7, 39.3, 106.9, 39.6) {
		t.Errorf("ExtentOf without sites = %v, %v", got, ok)
	}
	if _, ok := ExtentOf(models.Info{}, nil); ok {
		t.Error("ExtentOf of an empty project is ok")
	}
	if got, ok := LayerExtent(info, models.LayerSites); !ok || got != *b(106.8, 39.2, 107.0, 39.5) {
		t.Errorf("LayerExtent = %v, %v", got, ok)
	}
	if _, ok := LayerExtent(info, models.LayerZones); ok {
		t.Error("LayerExtent of an empty layer is ok")
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		mpp  float64
		want float64
	}{
		{0.2645833333, 1000}, // 1 px = 1/96 in
		{26.45833333, 100000},
	}
	for _, tc := range tests {
		v := render.View{Center: orb.Point{106.8, 39.6}, MetresPerPixel: tc.mpp, Width: 10, Height: 10}
		if got := ScaleDenominator(v); got < tc.want*0.999999 || got > tc.want*1.000001 {
			t.Errorf("ScaleDenominator(%g m/px) = %g, want %g", tc.mpp, got, tc.want)
		}
		if got := MetresPerPixelForScale(tc.want); got < tc.mpp*0.999999 || got > tc.mpp*1.000001 {
			t.Errorf("MetresPerPixelForScale(%g) = %g, want %g", tc.want, got, tc.mpp)
		}
	}
}

func TestScaleBarText(t *testing.T) {
	tests := []struct {
		l      i18n.Lang
		metres float64
		want   string
	}{
		{i18n.ZH, 500, "500 米"},
		{i18n.ZH, 2000, "2 千米"},
		{i18n.EN, 1, "1 m"},
		{i18n.EN, 0.5, "0.5 m"},
		{i18n.EN, 10000, "10 km"},
	}
	for _, tc := range tests {
		if got := ScaleBarText(tc.l, tc.metres); got != tc.want {
			t.Errorf("ScaleBarText(%s, %g) = %q, want %q", tc.l, tc.metres, got, tc.want)
		}
	}
}

func TestScaleBarImage(t *testing.T) {
	fnt := mapFontOrSkip(t)
	v := render.View{Center: orb.Point{106.8, 39.6}, MetresPerPixel: 25, Width: 800, Height: 600}
	img := ScaleBarImage(v, fnt, 2, i18n.ZH)
	if img == nil {
		t.Fatal("no scale bar")
	}
	// 25 m/px, at most 120 px: a 2 km bar, 80 points = 160 pixels at ratio 2.
	if w := img.Bounds().Dx(); w < 160 || w > 200 {
		t.Errorf("scale bar %d pixels wide, want the 160 of a 2 km bar plus padding", w)
	}
	if n := countPixels(img, near(color.NRGBA{0x20, 0x20, 0x20, 0xff}, 10)); n < 300 {
		t.Errorf("%d ink pixels", n)
	}
	if ScaleBarImage(render.View{}, fnt, 1, i18n.ZH) != nil {
		t.Error("a scale bar for a view without a scale")
	}
}

// TestRenderMapGolden compares a small unlabelled render of the sample with
// testdata/sample_map.png (refresh with -update, then look at it). A few
// pixels may differ after changes to anti-aliasing in gis/render; a changed
// symbology or a missing layer shows up as many.
func TestRenderMapGolden(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 480, 320)
	img, err := RenderMap(context.Background(), st, v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "sample_map.png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	diff := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) >> 8
			if d > 24 {
				diff++
			}
		}
	}
	if n := img.Bounds().Dx() * img.Bounds().Dy(); diff > n/200 {
		out := filepath.Join(t.TempDir(), "sample_map.png")
		if f, err := os.Create(out); err == nil {
			png.Encode(f, img)
			f.Close()
		}
		t.Errorf("%d of %d pixels differ from %s; got written to %s", diff, n, path, out)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// benchProject opens MINEREHAB_BENCH_GPKG, or imports
// MINEREHAB_BENCH_GEOJSON (e.g. the medium file of gen_bench_geojson.py)
// into a fresh project; it skips when neither is set.
func benchProject(b *testing.B) models.Store {
	b.Helper()
	if p := os.Getenv("MINEREHAB_BENCH_GPKG"); p != "" {
		st, err := store.Open(p, store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	src := os.Getenv("MINEREHAB_BENCH_GEOJSON")
	if src == "" {
		b.Skip("set MINEREHAB_BENCH_GPKG to a project or MINEREHAB_BENCH_GEOJSON to a GeoJSON file")
	}
	st, err := store.Create(filepath.Join(b.TempDir(), "bench.gpkg"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := Import(context.Background(), st, ImportRequest{Files: []string{src}, Layer: "auto"}, nil); err != nil {
		b.Fatal(err)
	}
	return st
}

// benchRender renders the full extent of st at 1600×1000 with labels (when
// a Chinese font is installed) and a scale bar, as `minerehab render` does.
func benchRender(b *testing.B, st models.Store) {
	ctx := context.Background()
	info, err := st.Info(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ext, ok := ExtentOf(info, nil)
	if !ok {
		b.Fatal("empty project")
	}
	n := 0
	for _, li := range info.Layers {
		n += li.Count
	}
	v := render.FitView(ext, 1600, 1000, 24)
	fnt, _ := MapFont()
	opt := MapOptions{Font: fnt, ScaleBar: true}
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		if _, err := RenderMap(ctx, st, v, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "features")
	if cpu := processCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkRenderMapSample renders the bundled sample (299 features) at
// full extent, 1600×1000.
func BenchmarkRenderMapSample(b *testing.B) { benchRender(b, sampleProject(b)) }

// BenchmarkRenderMapBench renders the benchmark project (50k features for
// gen_bench_geojson.py --size medium) at full extent, 1600×1000.
func BenchmarkRenderMapBench(b *testing.B) { benchRender(b, benchProject(b)) }
