package app

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/app/fonts"
	"minerehab/app/hugeheap"
	"minerehab/models"
)

// TestMain points the render cache at a directory of its own, removed at
// the end, so tests neither read nor litter the user's cache; the heap
// asks for huge pages as the program's does (main.go), so benchmarks
// measure what the window does.
func TestMain(m *testing.M) {
	hugeheap.Advise(hugeheap.Program)
	dir, err := os.MkdirTemp("", "minerehab-render-cache-")
	if err == nil {
		renderCacheDirDefault = dir
		if os.Getenv(fonts.CacheEnv) == "" { // the faces too
			os.Setenv(fonts.CacheEnv, filepath.Join(dir, "fonts"))
		}
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// cacheFiles lists the render cache files of st's project.
func cacheFiles(t *testing.T, st models.Store) []string {
	t.Helper()
	p, ok := st.(interface{ ProjectID() string })
	if !ok {
		t.Fatal("store without a project id")
	}
	files, _ := filepath.Glob(filepath.Join(renderCacheDir(), safeName(p.ProjectID()), "*.mrc"))
	return files
}

// TestRenderCacheEdit: a render writes the cache, the next one draws the
// same picture from it, and after an edit (and an undo) the map shows the
// edit, as a render without the cache does; the window's MapCache too.
func TestRenderCacheEdit(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	v := sampleView(t, st, 640, 420)
	if lodLevel(v.MetresPerPixel) < 0 {
		t.Fatalf("the sample view (%g m/px) draws no level of detail", v.MetresPerPixel)
	}
	render := func() *image.RGBA {
		t.Helper()
		img, err := RenderMap(ctx, st, v, MapOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	uncached := func() *image.RGBA {
		t.Helper()
		t.Setenv(renderCacheEnv, "off")
		defer os.Unsetenv(renderCacheEnv)
		return render()
	}
	first := render()
	if len(cacheFiles(t, st)) == 0 {
		t.Fatal("no render cache written")
	}
	if n := diffPixels(render(), first); n > 0 {
		t.Errorf("from the cache: %d pixels differ", n)
	}
	if n := diffPixels(uncached(), first); n > 0 {
		t.Errorf("without the cache: %d pixels differ", n)
	}
	mc := NewMapCache(st)
	if img, err := mc.Render(ctx, v, MapOptions{}); err != nil || diffPixels(img, first) > 0 {
		t.Fatalf("MapCache: %v", err)
	}

	// Delete the mines: they must go from the map.
	var mines []*models.Feature
	if err := st.Features(ctx, models.LayerMines, nil, func(f *models.Feature) error {
		c := *f
		mines = append(mines, &c)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := DeleteFeatures(ctx, st, mines); err != nil {
		t.Fatal(err)
	}
	edited := render()
	if n := diffPixels(edited, first); n == 0 {
		t.Fatal("the map did not change after deleting the mines")
	}
	if n := diffPixels(uncached(), edited); n > 0 {
		t.Errorf("after the edit: %d pixels differ from a render without the cache", n)
	}
	mc.Invalidate(models.LayerMines)
	if img, err := mc.Render(ctx, v, MapOptions{}); err != nil || diffPixels(img, edited) > 0 {
		t.Errorf("MapCache after the edit: %v", err)
	}
	if _, err := Undo(ctx, st); err != nil {
		t.Fatal(err)
	}
	if n := diffPixels(render(), first); n > 0 {
		t.Errorf("after undo: %d pixels differ from the first map", n)
	}
}

// TestRenderCacheDamaged: a damaged or foreign cache file is ignored.
func TestRenderCacheDamaged(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	v := sampleView(t, st, 500, 300)
	want, err := RenderMap(ctx, st, v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	files := cacheFiles(t, st)
	if len(files) == 0 {
		t.Fatal("no render cache written")
	}
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		switch i % 3 {
		case 0:
			b[len(b)/2] ^= 0x40
		case 1:
			b = b[:len(b)/2]
		default:
			b = []byte("not a cache")
		}
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := RenderMap(ctx, st, v, MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := diffPixels(got, want); n > 0 {
		t.Errorf("with damaged cache files: %d pixels differ", n)
	}
}

// TestRenderCacheCodec: levels go through the file format unchanged, for
// every geometry type, and every truncation of a file is refused.
func TestRenderCacheCodec(t *testing.T) {
	p := orb.Point{106.81, 39.62}
	sq := orb.Ring{{106.8, 39.6}, {106.9, 39.6}, {106.9, 39.7}, {106.8, 39.7}, {106.8, 39.6}}
	recs := []lodRecord{
		{geom: p, attrs: [numLodAttrs]string{"名称", "海勃湾区", "burning", "", ""}},
		{geom: orb.MultiPoint{p, {106.82, 39.63}}},
		{geom: orb.LineString{{106.8, 39.6}, {106.85, 39.61}, {106.9, 39.65}}},
		{geom: orb.MultiLineString{{}, {{106.8, 39.6}, {106.9, 39.7}}}},
		{geom: orb.Polygon{sq}},
		{geom: orb.MultiPolygon{{}, {sq, sq}}, attrs: [numLodAttrs]string{lodKind: "spoil_heap"}},
		{geom: orb.Collection{p, orb.LineString{{106.8, 39.6}, {106.9, 39.7}}}},
		{geom: orb.LineString{}},
	}
	tok := []byte("0123456789abcdef")
	for k := range lodLevels {
		lv := make([]lodRecord, len(recs))
		for i, r := range recs {
			lv[i] = r
			lv[i].geom = lodGeometry(r.geom, k)
		}
		b, ok := encodeLevel(lv, k, tok)
		if !ok {
			t.Fatalf("level %d does not encode", k)
		}
		again, err := decodeLevel(b, k, tok)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(lv) {
			t.Fatalf("level %d: %d records, want %d", k, len(again), len(lv))
		}
		for i := range lv {
			if lv[i].attrs != again[i].attrs || !orb.Equal(orbOrEmpty(lv[i].geom), orbOrEmpty(again[i].geom)) {
				t.Errorf("level %d record %d: %v, want %v", k, i, again[i], lv[i])
			}
		}
		for n := range len(b) {
			if _, err := decodeLevel(b[:n], k, tok); err == nil {
				t.Fatalf("level %d: %d of %d bytes decoded", k, n, len(b))
			}
		}
		if _, err := decodeLevel(b, k+1, tok); err == nil {
			t.Errorf("level %d decoded as %d", k, k+1)
		}
		if _, err := decodeLevel(b, k, []byte("other")); err == nil {
			t.Errorf("level %d decoded for another token", k)
		}
	}
}

// orbOrEmpty stands an empty collection for nil, so orb.Equal can compare.
func orbOrEmpty(g orb.Geometry) orb.Geometry {
	if g == nil {
		return orb.Collection{}
	}
	return g
}

// FuzzDecodeLevel: no file makes decodeLevel panic, and what it accepts
// goes through the format again unchanged.
func FuzzDecodeLevel(f *testing.F) {
	st := sampleProject(f)
	for _, layer := range []string{models.LayerMines, models.LayerRoads, models.LayerFirePoints} {
		lvs, _, err := readRecords(context.Background(), st, layer, nil, 2)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := encodeLevel(lvs[0][:min(len(lvs[0]), 20)], 2, []byte("token"))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, err := decodeLevel(b, 2, []byte("token"))
		if err != nil {
			return
		}
		b2, _ := encodeLevel(recs, 2, []byte("token"))
		again, err := decodeLevel(b2, 2, []byte("token"))
		if err != nil || len(again) != len(recs) {
			t.Fatalf("re-encoded: %d records of %d, %v", len(again), len(recs), err)
		}
		for i := range recs {
			if again[i].attrs != recs[i].attrs || !orb.Equal(orbOrEmpty(again[i].geom), orbOrEmpty(recs[i].geom)) {
				t.Fatalf("record %d changed", i)
			}
		}
	})
}

// TestPruneProjects: the cache keeps the 32 projects written last, and
// the one being written whatever its age.
func TestPruneProjects(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	var keep string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("p%02d", i))
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		at := now.Add(time.Duration(i) * time.Minute) // p39 newest
		if i == 0 {
			keep = p
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	pruneProjects(dir, keep)
	ents, _ := os.ReadDir(dir)
	names := map[string]bool{}
	for _, e := range ents {
		names[e.Name()] = true
	}
	if len(ents) != maxCachedProjects+1 || !names["p00"] || !names["p39"] || !names["p08"] || names["p07"] {
		t.Errorf("kept %d: %v", len(ents), names)
	}
}
