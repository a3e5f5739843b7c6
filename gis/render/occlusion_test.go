package render

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

// paintAlpha sets the alpha of the pixels of [x0, x1) × [y0, y1) to at
// least a (painting under only ever raises it), as paint would, and marks
// them touched when mark is set.
func paintAlpha(r *Raster, x0, y0, x1, y1 int, a uint8, mark bool) {
	b := r.img.Rect
	for y := max(y0, 0); y < min(y1, b.Dy()); y++ {
		for x := max(x0, 0); x < min(x1, b.Dx()); x++ {
			off := r.img.PixOffset(x, y)
			px := r.img.Pix[off:]
			px[3] = max(px[3], a)
			if r.alpha != nil {
				r.alpha[off>>2] = px[3]
			}
		}
	}
	if mark {
		r.touched(x0, y0, x1, y1)
	}
}

// opaqueWithin is the brute-force answer: every pixel of the raster in
// [x0, x1) × [y0, y1) is nearly opaque (vacuously true).
func opaqueWithin(r *Raster, x0, y0, x1, y1 int) bool {
	b := r.img.Rect
	for y := max(y0, 0); y < min(y1, b.Dy()); y++ {
		for x := max(x0, 0); x < min(x1, b.Dx()); x++ {
			if r.img.Pix[r.img.PixOffset(x, y)+3] < nearOpaque {
				return false
			}
		}
	}
	return true
}

// TestOcclusionAnswers: hidden, blocksOpaque and opaqueBox give the
// brute-force answers while paint comes in and is marked, on rasters whose edge blocks
// are partial; paint not marked only ever makes them answer "not opaque"
// (drawing more, never less).
func TestOcclusionAnswers(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		mark bool
	}{
		{"aligned", 32, 24, true},
		{"partial edge blocks", 37, 29, true},
		{"narrow strip", 5, 40, true},
		{"paint not marked", 37, 29, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tc.w*tc.h)))
			r := NewRaster(tc.w, tc.h, color.NRGBA{})
			r.resetOcclusion()
			for step := range 400 {
				x0, y0 := rng.IntN(tc.w+8)-4, rng.IntN(tc.h+8)-4
				x1, y1 := x0+1+rng.IntN(12), y0+1+rng.IntN(12)
				a := uint8(255)
				if rng.IntN(3) == 0 {
					a = uint8(rng.IntN(nearOpaque)) // translucent paint
				}
				paintAlpha(r, x0, y0, x1, y1, a, tc.mark)

				qx0, qy0 := rng.IntN(tc.w+8)-4, rng.IntN(tc.h+8)-4
				qx1, qy1 := qx0+1+rng.IntN(16), qy0+1+rng.IntN(16)
				onRaster := qx1 > 0 && qy1 > 0 && qx0 < tc.w && qy0 < tc.h
				want := onRaster && opaqueWithin(r, qx0, qy0, qx1, qy1)
				got := r.hidden(Rect{float64(qx0), float64(qy0), float64(qx1), float64(qy1)})
				if got && !want || tc.mark && got != want {
					t.Fatalf("step %d: hidden(%d,%d,%d,%d) = %v, pixels say %v", step, qx0, qy0, qx1, qy1, got, want)
				}
				// opaqueBox reads the plane: exact, marked or not.
				if got, want := r.opaqueBox(qx0, qy0, qx1, qy1), !onRaster || opaqueWithin(r, qx0, qy0, qx1, qy1); got != want {
					t.Fatalf("step %d: opaqueBox(%d,%d,%d,%d) = %v, pixels say %v", step, qx0, qy0, qx1, qy1, got, want)
				}
				// The blocks the query meets, whole.
				bx0, by0 := max(qx0, 0)/opaqueBlock*opaqueBlock, max(qy0, 0)/opaqueBlock*opaqueBlock
				bx1 := (min(qx1, tc.w) + opaqueBlock - 1) / opaqueBlock * opaqueBlock
				by1 := (min(qy1, tc.h) + opaqueBlock - 1) / opaqueBlock * opaqueBlock
				wantB := !onRaster || opaqueWithin(r, bx0, by0, bx1, by1)
				gotB := r.blocksOpaque(qx0, qy0, qx1, qy1)
				if gotB && !wantB || tc.mark && gotB != wantB {
					t.Fatalf("step %d: blocksOpaque(%d,%d,%d,%d) = %v, pixels say %v", step, qx0, qy0, qx1, qy1, gotB, wantB)
				}
				// visibleBox drops only opaque pixels of the box.
				box := image.Rect(qx0, qy0, qx1, qy1).Intersect(r.img.Rect)
				vb := r.visibleBox(box)
				if !vb.Empty() && !vb.In(box) {
					t.Fatalf("step %d: visibleBox(%v) = %v, outside it", step, box, vb)
				}
				for y := box.Min.Y; y < box.Max.Y; y++ {
					for x := box.Min.X; x < box.Max.X; x++ {
						if !(image.Pt(x, y).In(vb)) && !opaqueWithin(r, x, y, x+1, y+1) {
							t.Fatalf("step %d: visibleBox(%v) = %v drops (%d, %d), not opaque", step, box, vb, x, y)
						}
					}
				}
			}
		})
	}
}

// TestVisibleBox: the rows and columns of opaque blocks along a box's
// edges are cut off; a block with a gap is kept.
func TestVisibleBox(t *testing.T) {
	for _, tc := range []struct {
		name  string
		paint []image.Rectangle // opaque
		box   image.Rectangle
		want  image.Rectangle
	}{
		{"a gap beyond the box's blocks", []image.Rectangle{image.Rect(0, 0, 39, 16)}, image.Rect(3, 3, 30, 20), image.Rect(3, 16, 30, 20)},
		{"nothing opaque", nil, image.Rect(3, 3, 30, 20), image.Rect(3, 3, 30, 20)},
		{"top rows", []image.Rectangle{image.Rect(0, 0, 40, 16)}, image.Rect(3, 3, 30, 20), image.Rect(3, 16, 30, 20)},
		{"top rows but a pixel", []image.Rectangle{image.Rect(0, 0, 40, 7), image.Rect(0, 7, 20, 16), image.Rect(21, 7, 40, 16)}, image.Rect(3, 3, 30, 20), image.Rect(3, 3, 30, 20)},
		{"left and bottom", []image.Rectangle{image.Rect(0, 0, 16, 32), image.Rect(0, 16, 40, 32)}, image.Rect(3, 3, 30, 20), image.Rect(16, 3, 30, 16)},
		{"all", []image.Rectangle{image.Rect(0, 0, 40, 32)}, image.Rect(3, 3, 30, 20), image.Rectangle{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRaster(40, 32, color.NRGBA{})
			r.resetOcclusion()
			for _, p := range tc.paint {
				paintAlpha(r, p.Min.X, p.Min.Y, p.Max.X, p.Max.Y, 255, true)
			}
			got := r.visibleBox(tc.box)
			if got.Empty() && tc.want.Empty() {
				return
			}
			if got != tc.want {
				t.Errorf("visibleBox(%v) = %v, want %v", tc.box, got, tc.want)
			}
		})
	}
}

// TestOcclusionReset: a raster drawn front to back again starts from
// nothing known opaque.
func TestOcclusionReset(t *testing.T) {
	r := NewRaster(20, 20, color.NRGBA{})
	r.resetOcclusion()
	paintAlpha(r, 0, 0, 20, 20, 255, true)
	if !r.hidden(Rect{0, 0, 20, 20}) {
		t.Fatal("an opaque raster is not hidden")
	}
	r.Clear(color.NRGBA{})
	r.resetOcclusion()
	if r.hidden(Rect{2, 2, 5, 5}) || r.blocksOpaque(0, 0, 8, 8) {
		t.Error("a cleared raster still answers opaque")
	}
}
