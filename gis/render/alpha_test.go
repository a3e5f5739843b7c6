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
