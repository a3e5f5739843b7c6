package topo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// mines returns n mine-sized polygons near Wuhai: star-shaped 48-gons
// roughly 600–900 m across on a 10-column grid about 770 m apart, so
// neighbours overlap. Deterministic.
func mines(n int) []orb.MultiPolygon {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]orb.MultiPolygon, n)
	for i := range out {
		cx := 106.78 + 0.009*float64(i%10)
		cy := 39.55 + 0.007*float64(i/10)
		r := 0.0035 + 0.0015*rng.Float64()
		phase := 2 * math.Pi * rng.Float64()
		ring := make(orb.Ring, 0, 49)
		for k := range 48 {
			th := 2 * math.Pi * float64(k) / 48
			rr := r * (1 + 0.2*math.Sin(3*th+phase) + 0.05*rng.Float64())
			ring = append(ring, orb.Point{cx + rr*math.Cos(th)/math.Cos(cy*math.Pi/180), cy + rr*math.Sin(th)})
		}
		out[i] = orb.MultiPolygon{{append(ring, ring[0])}}
	}
	return out
}

func TestMinesAreValid(t *testing.T) {
	ms := mines(50)
	for i, m := range ms {
		if _, err := MakeValid(m); err != nil || len(Crossings(m)) != 0 {
			t.Fatalf("mine %d: %v, crossings %v", i, err, Crossings(m))
		}
	}
	u, err := Union(ms...)
	if err != nil {
		t.Fatal(err)
	}
	// overlaps make the union smaller than the sum
	sum := 0.0
	for _, m := range ms {
		sum += area(m)
	}
	if a := area(u); a >= sum || a < sum/2 {
		t.Errorf("union area %g, sum of mines %g", a, sum)
	}
}

func BenchmarkUnion50Mines(b *testing.B) {
	ms := mines(50)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Union(ms...); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuffer(b *testing.B) {
	ms := mines(50)
	all := orb.MultiPolygon{}
	for _, m := range ms {
		all = append(all, m...)
	}
	for _, bc := range []struct {
		name   string
		p      orb.MultiPolygon
		metres float64
	}{
		{"one mine 100m", ms[0], 100},
		{"one mine -50m", ms[0], -50},
		{"50 overlapping mines 100m", all, 100},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Buffer(bc.p, bc.metres); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSplit(b *testing.B) {
	m := mines(1)[0][0]
	c := m.Bound().Center()
	l := orb.LineString{{c[0] - 0.01, c[1] - 0.001}, {c[0] + 0.01, c[1] + 0.001}}
	for b.Loop() {
		if _, err := Split(m, l); err != nil {
			b.Fatal(err)
		}
	}
}
