package geomcheck

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// star returns a valid star-shaped polygon of n vertices around Wuhai
// (lon/lat degrees), radius about 0.05°, with wavy edges.
func star(n int) orb.Polygon {
	r := make(orb.Ring, 0, n+1)
	for k := 0; k < n; k++ {
		a := 2 * math.Pi * float64(k) / float64(n)
		rr := 0.05 * (1 + 0.3*math.Sin(7*a) + 0.1*math.Cos(31*a))
		r = append(r, orb.Point{106.8 + rr*math.Cos(a), 39.6 + rr*math.Sin(a)})
	}
	return orb.Polygon{append(r, r[0])}
}

// zigzag returns a valid comb of n teeth: a base edge and n tall, thin
// teeth of height h, 1 unit apart (projected metres). With swap the comb
// is turned by 90°.
func zigzag(n int, h float64, swap bool) orb.Polygon {
	r := orb.Ring{{0, -1}, {float64(n), -1}}
	for i := n; i >= 0; i-- {
		r = append(r, orb.Point{float64(i), h * float64(i%2)})
	}
	r = append(r, r[0])
	if swap {
		for i := range r {
			r[i][0], r[i][1] = r[i][1], r[i][0]
		}
	}
	return orb.Polygon{r}
}

// sheared is zigzag with each tooth leaning over the next s teeth, so that
// every segment overlaps about 2s others along both axes.
func sheared(n int, s float64) orb.Polygon {
	p := zigzag(n, s, false)
	for i := range p[0] {
		if p[0][i][1] > 0 {
			p[0][i][0] += s
		}
	}
	return p
}

func benchCheck(b *testing.B, g orb.Geometry) {
	if err := Check(g); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if Check(g) != nil {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkCheckStar1k(b *testing.B)   { benchCheck(b, star(1_000)) }
func BenchmarkCheckStar100k(b *testing.B) { benchCheck(b, star(100_000)) }
func BenchmarkCheckStar1M(b *testing.B)   { benchCheck(b, star(1_000_000)) }

// Teeth 1 m wide and 1 km tall, 1M vertices, sweep along x.
func BenchmarkCheckZigzag1M(b *testing.B) { benchCheck(b, zigzag(1_000_000, 1000, false)) }

// The same comb turned by 90°: the sweep axis switches to y.
func BenchmarkCheckZigzag1MTurned(b *testing.B) { benchCheck(b, zigzag(1_000_000, 1000, true)) }

// Teeth leaning over 100 neighbours: each segment overlaps ~200 others in
// both axes, the adversarial case for an axis sweep (100k vertices).
func BenchmarkCheckZigzagSheared100k(b *testing.B) { benchCheck(b, sheared(100_000, 100)) }

func BenchmarkCheckLonLatStar1M(b *testing.B) {
	g := star(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if CheckLonLat(g) != nil {
			b.Fatal("invalid")
		}
	}
}

func BenchmarkNormalizeStar1M(b *testing.B) {
	g := star(1_000_000)
	for b.Loop() {
		Normalize(g)
	}
}
