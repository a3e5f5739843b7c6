package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// synthetic makes n mine polygons of 30 vertices scattered over a w×h
// degree area from (106.5, 39.2), each with a licence, Chinese attributes
// and a properties object, deterministically.
func synthetic(n int, w, h float64) []*models.Feature {
	rng := rand.New(rand.NewPCG(1, 2))
	fs := make([]*models.Feature, n)
	for i := range fs {
		x, y := 106.5+w*rng.Float64(), 39.2+h*rng.Float64()
		rx, ry := 0.001+0.003*rng.Float64(), 0.001+0.002*rng.Float64()
		f := mine(i, 0, 0)
		f.Geometry = orb.MultiPolygon{{ring(x, y, rx, ry, 30)}}
		f.AreaM2 = 3.1e4 * rx * ry * 1e4
		fs[i] = f
	}
	return fs
}

var (
	feats50k     []*models.Feature
	feats50kOnce sync.Once
)

// measure reports features/s (wall) and CPU time per feature.
func measure(b *testing.B, features int, run func()) {
	b.Helper()
	var wall time.Duration
	cpu0 := processCPU()
	for b.Loop() {
		start := time.Now()
		run()
		wall += time.Since(start)
	}
	b.ReportMetric(float64(features*b.N)/wall.Seconds(), "features/s")
	if cpu0 > 0 {
		b.ReportMetric(float64(processCPU()-cpu0)/float64(features*b.N), "cpu-ns/feature")
	}
}

// BenchmarkImport50k imports 50k 30-vertex polygons into a new project
// through BeginImport, Put and Commit: with the spatial index written at
// Commit (the default), or kept by the GeoPackage triggers row by row; and
// with Encode on worker goroutines and PutRow on one, as the importer can.
// Each op includes creating and closing the project file.
func BenchmarkImport50k(b *testing.B) {
	feats50kOnce.Do(func() { feats50k = synthetic(50_000, 0.8, 0.6) })
	fs := feats50k
	for _, tc := range []struct {
		name     string
		deferred bool
		parallel bool
	}{
		{"deferred-index", true, false},
		{"triggers", false, false},
		{"deferred-index-parallel-encode", true, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			deferRTree = tc.deferred
			defer func() { deferRTree = true }()
			dir := b.TempDir()
			i := 0
			measure(b, len(fs), func() {
				i++
				s, err := Create(filepath.Join(dir, fmt.Sprintf("p%d.gpkg", i)))
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				if tc.parallel {
					importParallel(b, s, fs)
				} else {
					importAll(b, s, models.KeySpec{Field: "licence"}, fs...)
				}
			})
		})
	}
}

// BenchmarkReimport50k imports the same 50k polygons again into a project
// that holds them, keyed on the licence: the key map is built, every row
// is fetched and compared, and all come back Unchanged; then again with
// every tenth feature moved, so those are Updated (index and extent too).
func BenchmarkReimport50k(b *testing.B) {
	feats50kOnce.Do(func() { feats50k = synthetic(50_000, 0.8, 0.6) })
	fs := feats50k
	s, err := Create(filepath.Join(b.TempDir(), "p.gpkg"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	importAll(b, s, models.KeySpec{Field: "licence"}, fs...)
	b.Run("unchanged", func(b *testing.B) {
		measure(b, len(fs), func() {
			if c := importAll(b, s, models.KeySpec{Field: "licence"}, fs...); c[models.Unchanged] != len(fs) {
				b.Fatalf("%v", c)
			}
		})
	})
	moved := make([]*models.Feature, len(fs))
	for i, f := range fs {
		g := *f
		if i%10 == 0 {
			mp := f.Geometry.(orb.MultiPolygon)
			r := slices.Clone(mp[0][0])
			for k := range r {
				r[k][0] += 0.0001
			}
			g.Geometry = orb.MultiPolygon{{r}}
		}
		moved[i] = &g
	}
	n := 0 // the store holds fs when n is even, moved when odd
	b.Run("tenth-moved", func(b *testing.B) {
		measure(b, len(fs), func() {
			set := moved
			if n%2 == 1 {
				set = fs
			}
			n++
			if c := importAll(b, s, models.KeySpec{Field: "licence"}, set...); c[models.Updated] != len(fs)/10 {
				b.Fatalf("%v", c)
			}
		})
	})
}

// importParallel encodes on GOMAXPROCS goroutines and puts on this one,
// keeping the input order.
func importParallel(b *testing.B, s *Store, fs []*models.Feature) {
	im, err := s.Begin(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	const batch = 256
	type job struct {
		fs   []*models.Feature
		rows chan []*Row
	}
	jobs := make(chan job, 64)
	order := make(chan chan []*Row, 64)
	go func() {
		for i := 0; i < len(fs); i += batch {
			j := job{fs: fs[i:min(i+batch, len(fs))], rows: make(chan []*Row, 1)}
			order <- j.rows
			jobs <- j
		}
		close(jobs)
		close(order)
	}()
	workers := max(1, runtimeProcs()-1)
	for range workers {
		go func() {
			for j := range jobs {
				rows := make([]*Row, len(j.fs))
				for k, f := range j.fs {
					r, err := Encode(f)
					if err != nil {
						panic(err)
					}
					rows[k] = r
				}
				j.rows <- rows
			}
		}()
	}
	for ch := range order {
		for _, r := range <-ch {
			if _, err := im.PutRow(r, models.KeySpec{Field: "licence"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := im.Commit(); err != nil {
		b.Fatal(err)
	}
}

// bigProject is a project of 500k mine polygons over 0.8° × 0.6° around
// Wuhai, built once per test binary run (slow: it is only made when a
// benchmark that needs it runs) and removed by TestMain.
var (
	bigOnce sync.Once
	bigPath string
	bigDir  string
	bigErr  error
)

func bigProject(b *testing.B) string {
	b.Helper()
	// scripts/bench-import.sh points this at the project it imported from
	// the shared large benchmark file, so the query runs on that data.
	if p := os.Getenv("MINEREHAB_BENCH_GPKG"); p != "" {
		return p
	}
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "minerehab-bench-")
		if bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, "500k.gpkg")
		s, err := Create(bigPath)
		if err != nil {
			bigErr = err
			return
		}
		defer s.Close()
		start := time.Now()
		importParallel(b, s, synthetic(500_000, 0.8, 0.6))
		b.Logf("built the 500k-feature project in %v", time.Since(start))
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// BenchmarkBBoxQuery reads every feature meeting a 2 km × 2 km box (0.0233°
// × 0.018° at 39.6°N, about 440 features) from the 500k-feature project,
// decoded (Features) and counted (Count), at box positions from a fixed
// sequence.
func BenchmarkBBoxQuery(b *testing.B) {
	s, err := Open(bigProject(b), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	boxes := make([]orb.Bound, 64)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range boxes {
		x, y := 106.5+0.75*rng.Float64(), 39.2+0.55*rng.Float64()
		boxes[i] = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 0.0233, y + 0.018}}
	}
	b.Run("features", func(b *testing.B) {
		i, total := 0, 0
		cpu0 := processCPU()
		for b.Loop() {
			box := boxes[i%len(boxes)]
			i++
			if err := s.Features(ctx, models.LayerMines, &box, func(*models.Feature) error { total++; return nil }); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(total)/float64(b.N), "features/op")
		if cpu0 > 0 {
			b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		}
	})
	b.Run("count", func(b *testing.B) {
		i := 0
		for b.Loop() {
			box := boxes[i%len(boxes)]
			i++
			if _, err := s.Count(ctx, models.LayerMines, &box); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkInfo summarises the 500k-feature project.
func BenchmarkInfo(b *testing.B) {
	s, err := Open(bigProject(b), Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Info(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
