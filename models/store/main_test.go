package store

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// TestMain lets the test binary double as a helper process (see helper_test.go).
func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		os.Exit(runHelper(mode))
	}
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

// newStore creates a project in a fresh temp dir.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Create(filepath.Join(t.TempDir(), "project.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ring is a closed ring of n vertices around (x, y), radii rx, ry degrees.
func ring(x, y, rx, ry float64, n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		r = append(r, orb.Point{x + rx*math.Cos(a), y + ry*math.Sin(a)})
	}
	return append(r, r[0])
}

// mine is a mine feature near Wuhai with a licence and Chinese properties.
func mine(i int, x, y float64) *models.Feature {
	lic := fmt.Sprintf("C1503002010%07d", i)
	return &models.Feature{
		Layer:    models.LayerMines,
		Geometry: orb.MultiPolygon{{ring(x, y, 0.004, 0.003, 30)}},
		Attrs: models.Attrs{
			Name: fmt.Sprintf("乌海市第%d煤矿", i), Licence: lic, District: "海勃湾区", Mineral: "煤",
			Method: "露天开采", Status: models.StatusProducing,
		},
		Props:  []byte(fmt.Sprintf(`{"矿山名称":"乌海市第%d煤矿","采矿许可证号":"%s","行政区":"海勃湾区","id":%d}`, i, lic, i)),
		AreaM2: 123456.5 + float64(i),
	}
}

// importAll puts features in one import and returns the outcome counts.
func importAll(t testing.TB, s *Store, key models.KeySpec, fs ...*models.Feature) map[models.Outcome]int {
	t.Helper()
	im, err := s.BeginImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	counts := map[models.Outcome]int{}
	for _, f := range fs {
		o, err := im.Put(f, key)
		if err != nil {
			im.Rollback()
			t.Fatal(err)
		}
		counts[o]++
	}
	if err := im.Commit(); err != nil {
		t.Fatal(err)
	}
	return counts
}

func nan() float64 { return math.NaN() }
