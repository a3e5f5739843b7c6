package render

import (
	"math"
	"math/rand/v2"
	"testing"
)

// exactCoverage is the area of the simple polygon p inside the unit pixel
// at (x, y), by clipping.
func exactCoverage(p *Path, x, y int) float64 {
	var cl Path
	ClipFill(&cl, p, Rect{float64(x), float64(y), float64(x + 1), float64(y + 1)})
	a := 0.0
	for s := range cl.NumSubpaths() {
		q, _ := cl.Subpath(s)
		a += math.Abs(signedArea(q)) / 2
	}
	return a
}

// TestAccumulatorExact checks every pixel's coverage of random star-shaped
// polygons, some reaching out of the box on every side, against the exact
// area: within one level of 255.
func TestAccumulatorExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var z accumulator
	const w, h = 40, 30
	pix := make([]uint8, w*h)
	for it := range 300 {
		var p Path
		k := 3 + rng.IntN(30)
		cx, cy := 5+rng.Float64()*30, 5+rng.Float64()*20
		rmax := 3 + rng.Float64()*25
		for j := range k {
			a := 2 * math.Pi * float64(j) / float64(k)
			r := rmax * (0.3 + 0.7*rng.Float64())
			x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
			if j == 0 {
				p.MoveTo(x, y)
			} else {
				p.LineTo(x, y)
			}
		}
		p.Close()
		if it%2 == 1 { // the other winding
			reversePts(p.pts)
		}
		z.reset(w, h)
		z.path(&p, 0, 0)
		z.mask(pix)
		for i, got := range pix {
			want := exactCoverage(&p, i%w, i/w) * 255
			if math.Abs(float64(got)-want) > 1 {
				t.Fatalf("polygon %d, pixel (%d,%d): coverage %d, exact %.2f", it, i%w, i/w, got, want)
			}
		}
		for i, c := range z.a {
			if c != 0 {
				t.Fatalf("polygon %d: cell %d left at %g", it, i, c)
			}
		}
	}
}

// TestAccumulatorOverlap: two overlapping squares of the same winding
// cover their union once (non-zero rule), opposite windings cut a hole.
func TestAccumulatorOverlap(t *testing.T) {
	var z accumulator
	pix := make([]uint8, 20*20)
	var p Path
	rectPath(&p, 2, 2, 12, 12)
	rectPath(&p, 6, 6, 16, 16)
	z.reset(20, 20)
	z.path(&p, 0, 0)
	z.mask(pix)
	n := 0
	for _, v := range pix {
		if v != 0 && v != 255 {
			t.Fatalf("partial coverage %d on a pixel-aligned shape", v)
		}
		if v == 255 {
			n++
		}
	}
	if want := 2*100 - 36; n != want {
		t.Errorf("union covers %d pixels, want %d", n, want)
	}
}
