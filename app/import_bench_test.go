package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"minerehab/models/store"
)

// BenchmarkImportFile imports MINEREHAB_BENCH_GEOJSON (e.g. .bench/medium.geojson
// from gen_bench_geojson.py) into a fresh project per iteration.
func BenchmarkImportFile(b *testing.B) {
	src := os.Getenv("MINEREHAB_BENCH_GEOJSON")
	if src == "" {
		b.Skip("set MINEREHAB_BENCH_GEOJSON to a GeoJSON file")
	}
	fi, err := os.Stat(src)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(fi.Size())
	for i := 0; i < b.N; i++ {
		p := filepath.Join(b.TempDir(), "b.gpkg")
		st, err := store.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		// As the CLI does: `minerehab init`, then `minerehab import` opens it.
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if st, err = store.Open(p, store.Options{}); err != nil {
			b.Fatal(err)
		}
		sum, err := Import(context.Background(), st, ImportRequest{Files: []string{src}, Layer: "auto"}, nil)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		b.ReportMetric(float64(sum.Added)/b.Elapsed().Seconds()*float64(i+1), "features/s")
	}
}
