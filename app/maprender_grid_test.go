package app

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestLayerGridVisit checks that visiting a layer through its grid gives
// exactly the features a scan of every box gives, in the same order, for
// views of every size, with features of every size and some without a
// finite box.
func TestLayerGridVisit(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	feats := make([]mapFeature, 5000)
	for i := range feats {
		x, y := 106.7+rng.Float64()*0.3, 39.3+rng.Float64()*0.5
		w, h := rng.ExpFloat64()*0.002, rng.ExpFloat64()*0.002
		switch i % 500 {
		case 7: // a river across the map
			w, h = 0.3, 0.01
		case 11:
			x = math.NaN()
		case 13:
			w = math.Inf(1)
		}
		feats[i].bound = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
	}
	ml := &mapLayer{name: "t", feats: feats}
	views := []struct {
		name string
		box  orb.Bound
	}{
		{"whole", orb.Bound{Min: orb.Point{106, 39}, Max: orb.Point{108, 40}}},
		{"quarter", orb.Bound{Min: orb.Point{106.8, 39.5}, Max: orb.Point{106.95, 39.75}}},
		{"small", orb.Bound{Min: orb.Point{106.81, 39.51}, Max: orb.Point{106.82, 39.52}}},
		{"strip", orb.Bound{Min: orb.Point{106.8, 39.2}, Max: orb.Point{106.81, 39.9}}},
		{"edge", orb.Bound{Min: orb.Point{106.99, 39.79}, Max: orb.Point{107.1, 39.9}}},
		{"outside", orb.Bound{Min: orb.Point{110, 41}, Max: orb.Point{111, 42}}},
		{"point", orb.Bound{Min: orb.Point{106.85, 39.6}, Max: orb.Point{106.85, 39.6}}},
	}
	for _, v := range views {
		for _, backward := range []bool{false, true} {
			var want, got []int
			for i := range feats {
				if meets(feats[i].bound, v.box) {
					want = append(want, i)
				}
			}
			if backward {
				slices.Reverse(want)
			}
			ml.visit(v.box, backward, func(i int) bool { got = append(got, i); return true })
			if !slices.Equal(got, want) {
				t.Errorf("%s backward=%v: %d features, want %d", v.name, backward, len(got), len(want))
			}
			// Stopping early stops.
			n := 0
			ml.visit(v.box, backward, func(int) bool { n++; return n < 3 })
			if n != min(3, len(want)) {
				t.Errorf("%s backward=%v: %d calls after stopping at 3", v.name, backward, n)
			}
		}
	}
	if ml.grid == nil {
		t.Fatal("no grid built for 5000 features")
	}
}

// BenchmarkLayerVisit visits the features of a strip of a view zoomed 4×
// into a layer of 200,000 small features, through the grid and by testing
// every box (what each strip of a frame did before the grid).
func BenchmarkLayerVisit(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	feats := make([]mapFeature, 200_000)
	for i := range feats {
		x, y := 106.7+rng.Float64()*0.4, 39.2+rng.Float64()*0.6
		feats[i].bound = orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + 0.001, y + 0.001}}
	}
	strip := orb.Bound{Min: orb.Point{106.8, 39.4}, Max: orb.Point{106.825, 39.55}}
	ml := &mapLayer{feats: feats}
	ml.visit(strip, true, func(int) bool { return true }) // builds the grid
	b.Run("grid", func(b *testing.B) {
		for b.Loop() {
			n := 0
			ml.visit(strip, true, func(int) bool { n++; return true })
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for i := len(feats) - 1; i >= 0; i-- {
				if meets(feats[i].bound, strip) {
					n++
				}
			}
		}
	})
	ext, _ := featureExtent(feats)
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			newLayerGrid(feats, ext)
		}
	})
}
