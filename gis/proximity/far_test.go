package proximity

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

func TestFarCases(t *testing.T) {
	river := orb.LineString{{106.8, 39.2}, {106.8, 39.9}}
	ix, _, err := NewIndex([]orb.Geometry{river}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 0.01° of longitude at 39.5° N is about 860 m.
	box := func(lon0, lon1 float64) orb.Bound {
		return orb.Bound{Min: orb.Point{lon0, 39.5}, Max: orb.Point{lon1, 39.51}}
	}
	for _, tc := range []struct {
		name string
		b    orb.Bound
		d    float64
		far  bool
	}{
		{"across the river", box(106.79, 106.81), 3000, false},
		{"touching the river", box(106.8, 106.81), 0, false},
		{"about 860 m east, 3 km", box(106.81, 106.82), 3000, false},
		{"about 860 m east, 500 m", box(106.81, 106.82), 500, true},
		{"about 860 m east, 859 m", box(106.81, 106.82), 859, false}, // inside the margin
		{"about 8.6 km west, 3 km", box(106.6, 106.7), 3000, true},
		{"beyond every grown box", box(107.5, 107.6), 3000, true},
		{"north of the river's end", orb.Bound{Min: orb.Point{106.8, 40.2}, Max: orb.Point{106.8, 40.2}}, 3000, true},
		{"a point on the river", orb.Bound{Min: orb.Point{106.8, 39.5}, Max: orb.Point{106.8, 39.5}}, 3000, false},
		{"negative distance", box(106.6, 106.7), -1, false},
		{"nan distance", box(106.6, 106.7), math.NaN(), false},
		{"invalid box", orb.Bound{Min: orb.Point{106.6, 39.5}, Max: orb.Point{200, 39.6}}, 3000, false},
		{"inverted box", orb.Bound{Min: orb.Point{106.7, 39.5}, Max: orb.Point{106.6, 39.6}}, 3000, false},
		{"huge distance", box(106.6, 106.7), 1e9, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ix.Far(tc.b, tc.d); got != tc.far {
				t.Errorf("Far(%v, %g) = %v, want %v", tc.b, tc.d, got, tc.far)
			}
		})
	}
}

// Far never rules out a geometry Within finds: for random geometries near
// the benchmark river (and in zones far from Wuhai), a box that Far calls
// far holds nothing within the distance, and the test does rule out most of
// what is well beyond it.
func TestFarIsConservative(t *testing.T) {
	for _, tc := range testZones {
		t.Run(tc.name, func(t *testing.T) {
			river := synthRiver(300)
			for i := range river {
				river[i] = orb.Point{river[i][0] + tc.shift[0], river[i][1] + tc.shift[1]}
			}
			ix, _, err := NewIndex([]orb.Geometry{river}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(5, 6))
			far, beyond := 0, 0
			for i := range 6000 {
				g := moveGeometry(randomGeometry(rng, i%3), tc.shift)
				b, _ := bounds(g)
				d := rng.Float64() * 6000
				dist, err := ix.Distance(g)
				if err != nil {
					t.Fatal(err)
				}
				f := ix.Far(b, d)
				if f && dist <= d {
					t.Fatalf("%v: Far(%v, %g) but Distance %g", g, b, d, dist)
				}
				if dist > 1.05*d+100 {
					beyond++
					if f {
						far++
					}
				}
			}
			if far < beyond*9/10 {
				t.Errorf("Far ruled out %d of %d geometries well beyond the distance", far, beyond)
			}
		})
	}
}
