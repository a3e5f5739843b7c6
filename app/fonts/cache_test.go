package fonts

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestFaceCache: a face is cut once and then read from the cache, equal to
// a fresh cut; a changed source file, a damaged cache file and a cache
// turned off all give the fresh cut.
func TestFaceCache(t *testing.T) {
	src := readOrSkip(t, wqyPath)
	font := filepath.Join(t.TempDir(), "wqy.ttc")
	if err := os.WriteFile(font, src, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantFam, err := pickFace(src, -1, "")
	if err != nil {
		t.Fatal(err)
	}
	cacheFiles := func(dir string) []string {
		m, _ := filepath.Glob(filepath.Join(dir, "*.otf"))
		return m
	}
	check := func(t *testing.T, what string) {
		t.Helper()
		got, fam, err := cachedPick(font, -1, "")
		if err != nil || fam != wantFam || !bytes.Equal(got, want) {
			t.Fatalf("%s: family %q (want %q), %d bytes equal %v, %v", what, fam, wantFam, len(got), bytes.Equal(got, want), err)
		}
	}
	dir := t.TempDir()
	t.Setenv(CacheEnv, dir)
	check(t, "first (cuts)")
	files := cacheFiles(dir)
	if len(files) != 1 {
		t.Fatalf("cache holds %v, want one face", files)
	}
	// A second pick reads the cached file: make it recognisably different
	// (another valid face, the Mono one) to see that it is the one read.
	mono, monoFam, err := pickFace(src, 1, "")
	if err != nil || monoFam == wantFam {
		t.Fatalf("face 1: %q, %v", monoFam, err)
	}
	if err := os.WriteFile(files[0], mono, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, fam, _ := cachedPick(font, -1, ""); fam != monoFam {
		t.Fatalf("second pick gave %q, want the cached file's %q", fam, monoFam)
	}
	// A changed source (new modification time) is cut again.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(font, later, later); err != nil {
		t.Fatal(err)
	}
	check(t, "after the source changed")
	if n := len(cacheFiles(dir)); n != 2 {
		t.Errorf("%d cache files after the source changed, want 2", n)
	}
	// Damaged cache files are cut again.
	for _, f := range cacheFiles(dir) {
		if err := os.WriteFile(f, []byte("ttcf not a font at all"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check(t, "damaged cache")
	// Off: nothing written.
	off := t.TempDir()
	t.Setenv(CacheEnv, "off")
	check(t, "cache off")
	if n := len(cacheFiles(off)); n != 0 {
		t.Errorf("cache off wrote %d files", n)
	}
}
