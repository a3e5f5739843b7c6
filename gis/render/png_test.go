package render

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodePNG: the fast path (opaque RGBA, parallel bands) and the
// fallback both decode back to the same pixels, for sizes from one pixel
// to several bands, and for a sub-image.
func TestEncodePNG(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, tc := range []struct {
		w, h   int
		opaque bool
	}{{1, 1, true}, {7, 3, true}, {300, 200, true}, {1600, 1000, true}, {50, 40, false}} {
		img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
		for i := range img.Pix {
			img.Pix[i] = uint8(rng.IntN(256))
			if i%4 == 3 && tc.opaque {
				img.Pix[i] = 255
			}
		}
		// Flat areas too, as maps have.
		for i := 0; i < len(img.Pix)/3; i++ {
			img.Pix[i] = 200 | uint8(i%4/3)*55
		}
		if !tc.opaque {
			for i := range img.Pix {
				img.Pix[i] = min(img.Pix[i], img.Pix[i|3]) // premultiplied
			}
		}
		check := func(src *image.RGBA) {
			var buf bytes.Buffer
			if err := EncodePNG(&buf, src); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("%dx%d: decode: %v", tc.w, tc.h, err)
			}
			b := src.Bounds()
			if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
				t.Fatalf("size %v, want %v", got.Bounds(), b)
			}
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					want := src.RGBAAt(b.Min.X+x, b.Min.Y+y)
					c := color.RGBAModel.Convert(got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y)).(color.RGBA)
					// Translucent pixels go through non-premultiplied
					// colour and back: a level of rounding.
					tol := 0
					if !tc.opaque {
						tol = 1
					}
					if absDiff(c.R, want.R) > tol || absDiff(c.G, want.G) > tol || absDiff(c.B, want.B) > tol || c.A != want.A {
						t.Fatalf("%dx%d pixel (%d,%d) = %v, want %v", tc.w, tc.h, x, y, c, want)
					}
				}
			}
		}
		check(img)
		if tc.opaque && tc.h >= 200 {
			// One translucent pixel, in the last band: not written as RGB.
			img.Pix[len(img.Pix)-1] = 0
			img.Pix[len(img.Pix)-2], img.Pix[len(img.Pix)-3], img.Pix[len(img.Pix)-4] = 0, 0, 0
			check(img)
			img.Pix[len(img.Pix)-1] = 255
		}
		if tc.w > 4 && tc.h > 2 {
			check(img.SubImage(image.Rect(2, 1, tc.w-1, tc.h)).(*image.RGBA))
		}
	}
}

func BenchmarkEncodePNG(b *testing.B) {
	r := NewRaster(1600, 1000, color.NRGBA{0xf4, 0xf1, 0xea, 0xff})
	layers := []Layer{{Opacity: 1, Features: syntheticPolygons(View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}, 20000)}}
	Draw(b.Context(), r, View{Center: wuhai, MetresPerPixel: 10, Width: 1600, Height: 1000}, layers)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := EncodePNG(&buf, r.Image()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB")
}

// TestAdler32Combine: the sum of two parts combined is the sum of the
// whole, for parts of any length.
func TestAdler32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 300_000)
	for i := range data {
		data[i] = byte(rng.IntN(256))
	}
	for _, cut := range []int{0, 1, 5552, 65521, 65522, 100_000, len(data) - 1, len(data)} {
		a, b := data[:cut], data[cut:]
		got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), int64(len(b)))
		if want := adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}
