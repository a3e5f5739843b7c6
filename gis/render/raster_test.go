package render

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"testing"
)

func circlePath(p *Path, cx, cy, r float64, n int, clockwise bool) {
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		if !clockwise {
			a = -a
		}
		x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
		if i == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	p.Close()
}

func rectPath(p *Path, x0, y0, x1, y1 float64) {
	p.MoveTo(x0, y0)
	p.LineTo(x1, y0)
	p.LineTo(x1, y1)
	p.LineTo(x0, y1)
	p.Close()
}

func within(t *testing.T, what string, got, want, relTol float64) {
	t.Helper()
	if math.Abs(got-want) > relTol*want {
		t.Errorf("%s = %.2f, want %.2f ± %.1f%%", what, got, want, relTol*100)
	}
}

func TestRasterBoundedMask(t *testing.T) {
	const size = 4000
	r := NewRaster(size, size, white)
	var p Path
	rectPath(&p, 1000.3, 2000.6, 1010.3, 2010.6)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r.FillPath(&p, dark)
	r.StrokePath(&p, 2, red, nil)
	runtime.ReadMemStats(&after)
	if w, h := r.z.w, r.z.h; w > 16 || h > 16 {
		t.Errorf("rasterizer sized %d×%d for a 10×10 polygon (+ 2 px stroke)", w, h)
	}
	// A full-frame mask would be 4 bytes × 16e6 pixels.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<10 {
		t.Errorf("first small fill+stroke allocated %d bytes", alloc)
	}
	if n := testing.AllocsPerRun(20, func() {
		r.FillPath(&p, dark)
		r.StrokePath(&p, 2, red, []float64{3, 2})
	}); n != 0 {
		t.Errorf("steady-state fill+stroke: %g allocations per run", n)
	}
}

func TestFillArea(t *testing.T) {
	tests := []struct {
		name string
		path func(p *Path)
		area float64
	}{
		{"circle", func(p *Path) { circlePath(p, 100, 75, 50, 2000, true) }, math.Pi * 50 * 50},
		{"circle ccw", func(p *Path) { circlePath(p, 100, 75, 50, 2000, false) }, math.Pi * 50 * 50},
		{"donut", func(p *Path) {
			circlePath(p, 100, 75, 60, 2000, true)
			circlePath(p, 100, 75, 30, 2000, false)
		}, math.Pi * (60*60 - 30*30)},
		{"half outside", func(p *Path) { rectPath(p, -100.5, 20, 50.5, 60) }, 50.5 * 40},
		{"far vertices", func(p *Path) { rectPath(p, -1e9, -1e11, 1e10, 1e9) }, 200 * 150},
		{"overlapping parts", func(p *Path) {
			rectPath(p, 10, 10, 60, 60)
			rectPath(p, 40, 40, 90, 90)
		}, 2*50*50 - 20*20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRaster(200, 150, white)
			var p Path
			tc.path(&p)
			r.FillPath(&p, dark)
			within(t, "coverage", coverage(r.Image(), dark), tc.area, 0.003)
		})
	}
}

func TestFillNonFinite(t *testing.T) {
	r := NewRaster(200, 150, white)
	var p Path
	nan, inf := math.NaN(), math.Inf(1)
	p.MoveTo(10, 10)
	p.LineTo(nan, 5)
	p.LineTo(110, 10)
	p.LineTo(110, inf)
	p.LineTo(110, 110)
	p.LineTo(10, 110)
	p.Close()
	p.MoveTo(nan, nan)
	p.LineTo(inf, -inf)
	r.FillPath(&p, dark)
	// The finite points still make the 100×100 square.
	within(t, "coverage", coverage(r.Image(), dark), 100*100, 0.001)
	r.StrokePath(&p, 3, red, []float64{2, nan})
	r.HatchPath(&p, Hatch{Color: blue, Spacing: nan, Width: inf})
	r.DrawText(nan, 3, "x", &LabelStyle{})
}

func TestStrokeArea(t *testing.T) {
	tests := []struct {
		name  string
		path  func(p *Path)
		width float64
		dash  []float64
		area  float64
		tol   float64
	}{
		// Length 100, round caps add a disc.
		{"line", func(p *Path) { p.MoveTo(50, 75); p.LineTo(150, 75) }, 6, nil, 100*6 + math.Pi*9, 0.01},
		{"thin", func(p *Path) { p.MoveTo(20, 20.5); p.LineTo(180, 20.5) }, 1, nil, 160 + math.Pi/4, 0.01},
		// A rectangle outline: the ring from (98×68) to (102×72) with the
		// outer corners rounded (quarter discs of radius 2).
		{"closed", func(p *Path) { rectPath(p, 50, 40, 150, 110) }, 4, nil, 104*74 - 96*66 - 4*(4-math.Pi), 0.003},
		// Half on, butt dash ends; the path starts "on" with a round cap
		// and its end falls in a gap.
		{"dashed", func(p *Path) { p.MoveTo(20, 75); p.LineTo(180, 75) }, 4, []float64{10, 10}, 80*4 + math.Pi*4/2, 0.01},
		// Clipped by the frame: only the visible part counts.
		{"clipped", func(p *Path) { p.MoveTo(-1e7, 75); p.LineTo(1e7, 75) }, 10, nil, 200 * 10, 0.001},
		{"dot", func(p *Path) { p.MoveTo(100, 75) }, 10, nil, math.Pi * 25, 0.005},
		// A U-turn: the second leg lies on the first; non-zero union means
		// no double coverage.
		{"u-turn", func(p *Path) { p.MoveTo(50, 75); p.LineTo(150, 75); p.LineTo(50, 75) }, 6, nil, 100*6 + math.Pi*9, 0.01},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRaster(200, 150, white)
			var p Path
			tc.path(&p)
			r.StrokePath(&p, tc.width, dark, tc.dash)
			within(t, "coverage", coverage(r.Image(), dark), tc.area, tc.tol)
		})
	}
}

func TestStrokeNoDoubleBlend(t *testing.T) {
	// A translucent thick zig-zag: where pieces overlap (joins) the colour
	// must not get darker than one layer of paint.
	r := NewRaster(200, 150, white)
	var p Path
	p.MoveTo(10, 140)
	p.LineTo(50, 10)
	p.LineTo(90, 140)
	p.LineTo(130, 10)
	p.LineTo(135, 140)
	p.LineTo(190, 100)
	p.LineTo(150, 100.5) // near U-turn
	p.MoveTo(160, 20)    // a closed triangle with sharp corners
	p.LineTo(195, 30)
	p.LineTo(160, 40)
	p.Close()
	c := color.NRGBA{0, 0, 0, 100}
	r.StrokePath(&p, 12, c, nil)
	writePNG(t, "thick_joins", r)
	// One layer of alpha 100 over white: 255 - 100 = 155.
	for i := 0; i < len(r.img.Pix); i += 4 {
		if v := r.img.Pix[i]; v < 154 {
			t.Fatalf("pixel %d has value %d: doubled paint", i/4, v)
		}
	}
}

func TestHatchArea(t *testing.T) {
	r := NewRaster(200, 150, white)
	var p Path
	rectPath(&p, 20, 20, 180, 130)
	r.HatchPath(&p, Hatch{Color: dark, Spacing: 8, Width: 2})
	within(t, "hatch coverage", coverage(r.Image(), dark), 160*110*2.0/8, 0.03)
	// Nothing outside the polygon.
	for _, pt := range []image.Point{{10, 10}, {190, 140}, {19, 75}, {181, 75}} {
		if c := r.img.RGBAAt(pt.X, pt.Y); c != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("pixel %v painted %v outside the polygon", pt, c)
		}
	}
	// Phase moves the lines: shifting by one full period changes nothing,
	// by half a period changes a lot.
	img := func(phase float64) []byte {
		r := NewRaster(60, 60, white)
		var p Path
		rectPath(&p, 0, 0, 60, 60)
		r.HatchPath(&p, Hatch{Color: dark, Spacing: 6, Width: 1, Phase: phase})
		return r.img.Pix
	}
	a, b, c := img(3), img(3+6*math.Sqrt2), img(3+3*math.Sqrt2)
	diff := func(x, y []byte) (n int) {
		for i := range x {
			if absDiff(x[i], y[i]) > 2 {
				n++
			}
		}
		return n
	}
	if n := diff(a, b); n > 0 {
		t.Errorf("phase shift by a period changed %d bytes", n)
	}
	if n := diff(a, c); n < 1000 {
		t.Errorf("phase shift by half a period changed only %d bytes", n)
	}
}

func TestNewRasterDegenerate(t *testing.T) {
	for _, sz := range [][2]int{{0, 0}, {-5, 10}, {1, 1}} {
		r := NewRaster(sz[0], sz[1], white)
		var p Path
		rectPath(&p, -10, -10, 10, 10)
		r.FillPath(&p, dark)
		r.StrokePath(&p, 3, dark, nil)
		r.HatchPath(&p, Hatch{Color: dark})
	}
}

// TestClear fills a raster drawing into part of a bigger picture with
// opaque, translucent and transparent colours: every pixel of the part
// takes the colour (alpha-premultiplied), none outside it changes.
func TestClear(t *testing.T) {
	for _, c := range []color.NRGBA{{10, 20, 30, 255}, {200, 100, 50, 128}, {}} {
		img := image.NewRGBA(image.Rect(0, 0, 7, 5))
		for i := range img.Pix {
			img.Pix[i] = 0x5a
		}
		part := image.Rect(2, 1, 6, 4)
		NewRasterOn(img.SubImage(part).(*image.RGBA)).Clear(c)
		want := color.RGBAModel.Convert(c).(color.RGBA)
		for y := range 5 {
			for x := range 7 {
				got := img.RGBAAt(x, y)
				if image.Pt(x, y).In(part) {
					if got != want {
						t.Errorf("%v: (%d, %d) is %v, want %v", c, x, y, got, want)
					}
				} else if got != (color.RGBA{0x5a, 0x5a, 0x5a, 0x5a}) {
					t.Errorf("%v: (%d, %d) outside the part changed to %v", c, x, y, got)
				}
			}
		}
	}
}
