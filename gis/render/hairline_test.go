package render

import (
	"fmt"
	"image/color"
	"math"
	"testing"
)

// paintedAlpha strokes p on a transparent w×h raster, thin or exact, and
// returns the raster.
func strokeOn(w, h int, p *Path, width float64, thin bool) *Raster {
	r := NewRaster(w, h, color.NRGBA{})
	if thin {
		r.strokeThin(p, width, dark, nil)
	} else {
		r.StrokePath(p, width, dark, nil)
	}
	return r
}

// alphaSum is the total coverage of r, in pixels.
func alphaSum(r *Raster) float64 {
	var s int
	for i := 3; i < len(r.img.Pix); i += 4 {
		s += int(r.img.Pix[i])
	}
	return float64(s) / 255
}

func path(xy ...float64) *Path {
	var p Path
	p.MoveTo(xy[0], xy[1])
	for i := 2; i+1 < len(xy); i += 2 {
		p.LineTo(xy[i], xy[i+1])
	}
	return &p
}

// TestHairlineCoverage: a thin stroke covers the pixels a row or column
// crosses by the exact share of each, whatever the angle; its total
// coverage is its area (the exact stroker's, to within a few percent,
// the difference being the square ends).
func TestHairlineCoverage(t *testing.T) {
	// A horizontal line on pixel centres fills its row and nothing else.
	r := strokeOn(20, 20, path(3, 10.5, 15, 10.5), 1, true)
	for x := range 20 {
		for y := range 20 {
			a := r.img.Pix[r.img.PixOffset(x, y)+3]
			want := uint8(0)
			if y == 10 && x >= 3 && x < 15 {
				want = 255
			}
			if (x == 2 || x == 15) && y == 10 {
				want = 128 // the half-pixel square end
			}
			if a != want {
				t.Errorf("horizontal line: pixel (%d,%d) alpha %d, want %d", x, y, a, want)
			}
		}
	}
	// On a pixel boundary it splits between the two rows.
	r = strokeOn(20, 20, path(3, 10, 15, 10), 1, true)
	for x := 3; x < 15; x++ {
		if a, b := r.img.Pix[r.img.PixOffset(x, 9)+3], r.img.Pix[r.img.PixOffset(x, 10)+3]; a != 128 || b != 128 {
			t.Errorf("boundary line: column %d alphas %d, %d, want 128, 128", x, a, b)
		}
	}
	for _, width := range []float64{0.5, 1, 1.5, 2} {
		for deg := 0; deg < 360; deg += 15 {
			t.Run(fmt.Sprintf("w%g/%d°", width, deg), func(t *testing.T) {
				a := float64(deg) * math.Pi / 180
				l := 30.0
				p := path(40, 40, 40+l*math.Cos(a), 40+l*math.Sin(a))
				thin := alphaSum(strokeOn(80, 80, p, width, true))
				want := width * (l + width) // the square ends add w/2 each
				if math.Abs(thin-want) > 0.02*want+1 {
					t.Errorf("coverage %.2f px², want %.2f", thin, want)
				}
				exact := alphaSum(strokeOn(80, 80, p, width, false))
				if math.Abs(thin-exact) > 0.05*exact+1 {
					t.Errorf("coverage %.2f px², exact stroker %.2f", thin, exact)
				}
			})
		}
	}
}

// TestHairlineJoins: where two pieces along the same axis meet, they abut:
// a line through extra vertices looks like the line without them. Where
// the axis changes the pieces overlap (no gap at the turn), and no pixel
// is painted twice to more than full.
func TestHairlineJoins(t *testing.T) {
	for _, tc := range []struct {
		name        string
		with, plain *Path
	}{
		{"collinear x", path(3, 10.3, 9.75, 11.09, 17, 11.94, 30, 13.46), path(3, 10.3, 30, 13.46)},
		{"collinear y", path(10.2, 3, 12.2, 13, 14.2, 23), path(10.2, 3, 14.2, 23)},
		{"closed ring", path(5, 5, 15, 5.5, 25, 6, 25, 25, 5, 25, 5, 5), path(5, 5, 25, 6, 25, 25, 5, 25, 5, 5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := strokeOn(40, 40, tc.with, 1.5, true)
			b := strokeOn(40, 40, tc.plain, 1.5, true)
			worst := 0
			for i := range a.img.Pix {
				worst = max(worst, int(absDiff(a.img.Pix[i], b.img.Pix[i])))
			}
			if worst > 3 {
				t.Errorf("extra vertices change pixels by up to %d levels", worst)
			}
		})
	}
	// A right-angle turn leaves no notch at its outer corner.
	r := strokeOn(30, 30, path(5, 10.5, 20.5, 10.5, 20.5, 25), 1, true)
	if a := r.img.Pix[r.img.PixOffset(20, 10)+3]; a != 255 {
		t.Errorf("corner pixel alpha %d, want 255", a)
	}
}
