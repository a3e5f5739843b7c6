package measure

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzDistance feeds arbitrary coordinates to the inverse solver: it must
// terminate, and for valid coordinates return a symmetric distance between
// 0 and half the meridian ellipse (20003.93 km).
func FuzzDistance(f *testing.F) {
	for _, r := range [][4]float64{
		{39.6, 106.8, 39.7, 106.9},
		{0, 0, 0.5, 179.7},
		{-30, 0, 29.9, 179.8},
		{90, 0, -90, 0},
		{0, 0, 0, 180},
		{89.9, 0, -89.9, 180},
		{1e-300, 0, -1e-300, 179.99999999},
	} {
		f.Add(r[0], r[1], r[2], r[3])
	}
	f.Fuzz(func(t *testing.T, lat1, lon1, lat2, lon2 float64) {
		a, b := orb.Point{lon1, lat1}, orb.Point{lon2, lat2}
		d := Distance(a, b)
		valid := func(lat, lon float64) bool {
			return math.Abs(lat) <= 90 && math.Abs(lon) <= 1e6
		}
		if !valid(lat1, lon1) || !valid(lat2, lon2) {
			return
		}
		if !(d >= 0 && d <= 20003931.5) {
			t.Fatalf("Distance(%v, %v) = %v", a, b, d)
		}
		if back := Distance(b, a); math.Abs(back-d) > 1e-8 {
			t.Fatalf("asymmetric: %v vs %v", d, back)
		}
		if r := (orb.Ring{a, b, {lon2, lat1}, a}); !(Area(r) >= 0) {
			t.Fatalf("Area(%v) = %v", r, Area(r))
		}
	})
}
