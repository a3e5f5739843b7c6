package app

import (
	"context"
	"io"
	"os"
	"testing"

	"minerehab/models/store"
)

// BenchmarkPlateBench draws the A3 status plate of the project named by
// MINEREHAB_BENCH_GPKG (the medium benchmark, see scripts/bench-plate.sh)
// at full extent.
func BenchmarkPlateBench(b *testing.B) {
	path := os.Getenv("MINEREHAB_BENCH_GPKG")
	if path == "" {
		b.Skip("MINEREHAB_BENCH_GPKG not set")
	}
	plateFontOrSkip(b)
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	ext, err := ResolvePlateExtent(ctx, st, "all", nil)
	if err != nil {
		b.Fatal(err)
	}
	opt := plateOptions(b, "status", ext)
	for b.Loop() {
		if err := WritePlate(ctx, st, opt, PlatePDF, 0, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlateAtlasSample is the atlas of every mine of the sample.
func BenchmarkPlateAtlasSample(b *testing.B) {
	plateFontOrSkip(b)
	st := sampleProject(b)
	ctx := context.Background()
	exts, err := AtlasExtents(ctx, st, "mines")
	if err != nil {
		b.Fatal(err)
	}
	opt := plateOptions(b, "plan", PlateExtent{})
	for b.Loop() {
		if err := WritePlateAtlas(ctx, st, opt, exts, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}
