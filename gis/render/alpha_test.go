package render

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// TestStartAlpha: the alpha plane starts as the pixels' alphas, for a
// whole raster and for a strip of a bigger picture (whose rows are the
// picture's stride apart), blank rows and painted ones.
func TestStartAlpha(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pic := image.NewRGBA(image.Rect(0, 0, 53, 21))
	for range 40 {
		x, y := rng.IntN(53), rng.IntN(21)
		pic.SetRGBA(x, y, color.RGBA{1, 2, 3, uint8(1 + rng.IntN(255))})
	}
	for _, tc := range []struct {
		name string
		r    *Raster
	}{
		{"whole", NewRasterOn(pic)},
		{"strip", NewRasterOn(pic.SubImage(image.Rect(17, 2, 40, 19)).(*image.RGBA))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			r.startAlpha()
			defer r.endAlpha()
			for y := range r.img.Rect.Dy() {
				for x := range r.img.Rect.Dx() {
					off := r.img.PixOffset(x, y)
					if got, want := r.alpha[off>>2], r.img.Pix[off+3]; got != want {
						t.Fatalf("(%d, %d): plane %d, pixel %d", x, y, got, want)
					}
				}
			}
		})
	}
}

// TestBlankRow: one non-zero byte anywhere makes a row not blank.
func TestBlankRow(t *testing.T) {
	for n := range 70 {
		row := make([]byte, n)
		if !blankRow(row) {
			t.Fatalf("%d zero bytes: not blank", n)
		}
		for i := range n {
			row[i] = 1 << (i % 8)
			if blankRow(row) {
				t.Fatalf("%d bytes, byte %d set: blank", n, i)
			}
			row[i] = 0
		}
	}
}

// TestNearOpaqueTail: the n < 8 alphas from i on, against a loop over
// them, inside the plane (one load of eight) and at its end (where eight
// would read past it).
func TestNearOpaqueTail(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	plane := make([]uint8, 21)
	for step := range 2000 {
		for k := range plane {
			plane[k] = []uint8{nearOpaque, 255, nearOpaque - 1, 0}[rng.IntN(4)]
			if rng.IntN(4) > 0 {
				plane[k] = 255 // mostly opaque, so that true comes up
			}
		}
		n := 1 + rng.IntN(7)
		i := rng.IntN(len(plane) - n + 1)
		want := true
		for _, a := range plane[i : i+n] {
			want = want && a >= nearOpaque
		}
		if got := nearOpaqueTail(plane, i, n); got != want {
			t.Fatalf("step %d: nearOpaqueTail(%v, %d, %d) = %v, want %v", step, plane, i, n, got, want)
		}
	}
}
