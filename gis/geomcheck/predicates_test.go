package geomcheck

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// orientRat is the reference: the determinant in exact rationals.
func orientRat(a, b, c orb.Point) int {
	r := func(x float64) *big.Rat { return new(big.Rat).SetFloat64(x) }
	bx := new(big.Rat).Sub(r(b[0]), r(a[0]))
	by := new(big.Rat).Sub(r(b[1]), r(a[1]))
	cx := new(big.Rat).Sub(r(c[0]), r(a[0]))
	cy := new(big.Rat).Sub(r(c[1]), r(a[1]))
	return new(big.Rat).Mul(bx, cy).Cmp(new(big.Rat).Mul(by, cx))
}

func TestOrient(t *testing.T) {
	tests := []struct {
		a, b, c orb.Point
		want    int
	}{
		{orb.Point{0, 0}, orb.Point{1, 0}, orb.Point{0, 1}, 1},
		{orb.Point{0, 0}, orb.Point{0, 1}, orb.Point{1, 0}, -1},
		{orb.Point{0, 0}, orb.Point{1, 1}, orb.Point{2, 2}, 0},
		// Collinear in exact arithmetic, not in naive floating point.
		{orb.Point{0.1, 0.1}, orb.Point{0.2, 0.2}, orb.Point{0.3, 0.3}, orientRat(orb.Point{0.1, 0.1}, orb.Point{0.2, 0.2}, orb.Point{0.3, 0.3})},
		{orb.Point{106.8, 39.6}, orb.Point{106.85, 39.65}, orb.Point{106.9, 39.7}, orientRat(orb.Point{106.8, 39.6}, orb.Point{106.85, 39.65}, orb.Point{106.9, 39.7})},
		// Extreme magnitudes.
		{orb.Point{1e300, -1e300}, orb.Point{-1e300, 1e300}, orb.Point{0, 0}, 0},
		{orb.Point{5e-324, 0}, orb.Point{0, 5e-324}, orb.Point{0, 0}, 1},
		{orb.Point{1e-300, 1e-300}, orb.Point{1e300, 1e300}, orb.Point{-1e-300, -1e-300}, 0},
		{orb.Point{math.MaxFloat64, 0}, orb.Point{-math.MaxFloat64, 0}, orb.Point{0, 1}, -1},
	}
	for _, tc := range tests {
		if got := orient(tc.a, tc.b, tc.c); got != tc.want {
			t.Errorf("orient(%v, %v, %v) = %d, want %d", tc.a, tc.b, tc.c, got, tc.want)
		}
	}
	// Random near-collinear triples and extreme values against rationals.
	rnd := rand.New(rand.NewPCG(9, 10))
	pick := func() float64 {
		switch rnd.IntN(4) {
		case 0:
			return float64(rnd.IntN(9) - 4)
		case 1:
			return 106 + rnd.Float64()
		case 2:
			return math.Ldexp(rnd.Float64()-0.5, rnd.IntN(2000)-1000)
		}
		return math.Float64frombits(rnd.Uint64()&^(0x7ff<<52) | uint64(rnd.IntN(2046)+1)<<52)
	}
	for i := 0; i < 20000; i++ {
		a := orb.Point{pick(), pick()}
		b := orb.Point{pick(), pick()}
		var c orb.Point
		if i%2 == 0 { // on the line through a and b, rounded
			s := rnd.Float64() * 3
			c = orb.Point{a[0] + s*(b[0]-a[0]), a[1] + s*(b[1]-a[1])}
			if math.IsInf(c[0], 0) || math.IsInf(c[1], 0) || math.IsNaN(c[0]) || math.IsNaN(c[1]) {
				continue
			}
		} else {
			c = orb.Point{pick(), pick()}
		}
		if got, want := orient(a, b, c), orientRat(a, b, c); got != want {
			t.Fatalf("orient(%v, %v, %v) = %d, want %d", a, b, c, got, want)
		}
	}
}
