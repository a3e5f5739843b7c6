package measure

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestUnits(t *testing.T) {
	tests := []struct {
		m2, ha, mu float64
	}{
		{0, 0, 0},
		{10000, 1, 15},
		{M2PerMu, 1.0 / 15, 1},
		{1e6, 100, 1500},
	}
	for _, tc := range tests {
		if got := Hectares(tc.m2); math.Abs(got-tc.ha) > 1e-12 {
			t.Errorf("Hectares(%v) = %v, want %v", tc.m2, got, tc.ha)
		}
		if got := Mu(tc.m2); math.Abs(got-tc.mu) > 1e-12 {
			t.Errorf("Mu(%v) = %v, want %v", tc.m2, got, tc.mu)
		}
	}
	if math.Abs(M2PerMu-666.6666666666666) > 1e-9 {
		t.Errorf("M2PerMu = %v", M2PerMu)
	}
}

func TestAreaOf(t *testing.T) {
	sq := orb.Polygon{square(106.8, 39.6, 0.01168, 0.009)}
	a := AreaOf(sq)
	if a.M2 != Area(sq) || a.Ha != a.M2/1e4 || math.Abs(a.Mu-a.M2*15/1e4) > 1e-9 {
		t.Errorf("AreaOf = %+v", a)
	}
	if math.Abs(a.Ha-100.237164951) > 1e-8 {
		t.Errorf("1 km square: %v ha", a.Ha)
	}
}
