package render

import (
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// TestDrawFrontToBack: a crowded scene of translucent polygons with
// outlines, dashed lines, hatching and markers, drawn front to back, looks
// like the same scene drawn by Draw: on average within a level, at worst
// some twenty levels where dozens of translucent layers pile up (8-bit
// rounding goes the other way).
func TestDrawFrontToBack(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 320, Height: 200}
	polys := syntheticPolygons(v, 4000)
	rng := rand.New(rand.NewPCG(5, 6))
	var lines, points []Feature
	for range 300 {
		var ls orb.LineString
		x, y := rng.Float64()*320, rng.Float64()*200
		for range 6 {
			ls = append(ls, v.ToLonLat(x, y))
			x, y = x+rng.Float64()*30-15, y+rng.Float64()*30-15
		}
		lines = append(lines, Feature{Geometry: ls, Style: Style{Stroke: color.NRGBA{90, 60, 30, 255}, StrokeWidth: 1.5, Dash: []float64{4, 2}}})
	}
	for range 1000 {
		points = append(points, Feature{Geometry: v.ToLonLat(rng.Float64()*320, rng.Float64()*200),
			Style: Style{Fill: color.NRGBA{220, 30, 30, 200}, Stroke: color.NRGBA{100, 0, 0, 255}, StrokeWidth: 1, PointShape: PointTriangle, PointSize: 8}})
	}
	reserve := Feature{Geometry: orb.Polygon{circleRing(v, 160, 100, 90, 40, false)},
		Style: Style{Fill: color.NRGBA{40, 140, 60, 40}, Stroke: color.NRGBA{40, 140, 60, 255}, StrokeWidth: 1.5, Hatch: HatchDiagonal}}
	layers := []Layer{
		{Opacity: 1, Features: []Feature{reserve}},
		{Opacity: 0.8, Features: polys},
		{Opacity: 1, Features: lines},
		{Opacity: 1, Iter: func(yield func(Feature) bool) {
			for _, f := range points {
				if !yield(f) {
					return
				}
			}
		}},
	}
	bg := color.NRGBA{0xf4, 0xf1, 0xea, 0xff}
	want := NewRaster(v.Width, v.Height, bg)
	if err := Draw(context.Background(), want, v, layers); err != nil {
		t.Fatal(err)
	}
	got := NewRaster(v.Width, v.Height, color.NRGBA{})
	if err := DrawFrontToBack(context.Background(), got, v, layers, bg); err != nil {
		t.Fatal(err)
	}
	sum, worst := 0, 0
	for i := range got.img.Pix {
		dd := absDiff(got.img.Pix[i], want.img.Pix[i])
		sum += dd
		worst = max(worst, dd)
	}
	mean := float64(sum) / float64(len(got.img.Pix))
	t.Logf("mean %.3f, worst %d levels", mean, worst)
	if mean > 1 || worst > 24 {
		t.Errorf("front to back differs from Draw: mean %.3f, worst %d levels", mean, worst)
	}
	writePNG(t, "frontback", got)
}

// TestDrawFrontToBackSkips: features under opaque paint are not drawn.
func TestDrawFrontToBackSkips(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 100, Height: 100}
	top := Feature{Geometry: orb.Polygon{circleRing(v, 50, 50, 200, 8, false)}, Style: Style{Fill: color.NRGBA{0, 0, 0, 255}}}
	under := syntheticPolygons(v, 500)
	r := NewRaster(v.Width, v.Height, color.NRGBA{})
	stats, err := drawFrontToBack(context.Background(), r, v, []Layer{{Opacity: 1, Features: under}, {Opacity: 1, Features: []Feature{top}}}, white)
	if err != nil {
		t.Fatal(err)
	}
	if stats.features != 1 {
		t.Errorf("%d features drawn, want only the top one", stats.features)
	}
	for i := 0; i < len(r.img.Pix); i += 4 {
		if r.img.Pix[i] != 0 || r.img.Pix[i+3] != 255 {
			t.Fatalf("pixel %d = %v, want opaque black", i/4, r.img.Pix[i:i+4])
		}
	}
}

// TestNewRasterOn: drawing into a strip of a bigger picture gives the
// pixels a raster of the strip's size gives, and leaves the rest alone.
func TestNewRasterOn(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 60, Height: 50}
	layers := []Layer{{Opacity: 1, Features: syntheticPolygons(v, 60)}}
	alone := NewRaster(v.Width, v.Height, color.NRGBA{})
	if err := DrawFrontToBack(context.Background(), alone, v, layers, white); err != nil {
		t.Fatal(err)
	}
	big := NewRaster(100, 50, color.NRGBA{1, 2, 3, 255})
	sub := big.Image().SubImage(image.Rect(30, 0, 90, 50)).(*image.RGBA)
	strip := NewRasterOn(sub)
	strip.Clear(color.NRGBA{})
	if err := DrawFrontToBack(context.Background(), strip, v, layers, white); err != nil {
		t.Fatal(err)
	}
	for y := range 50 {
		for x := range 100 {
			got := big.Image().RGBAAt(x, y)
			want := color.RGBA{1, 2, 3, 255}
			if x >= 30 && x < 90 {
				want = alone.Image().RGBAAt(x-30, y)
			}
			if got != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
}

// TestDrawFrontToBackKeepsFront: what the raster holds before stays in
// front of the features (an opaque patch keeps its colour), and the rest
// is drawn as on a transparent raster.
func TestDrawFrontToBackKeepsFront(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 60, Height: 50}
	layers := []Layer{{Opacity: 1, Features: syntheticPolygons(v, 60)}}
	plain := NewRaster(v.Width, v.Height, color.NRGBA{})
	if err := DrawFrontToBack(context.Background(), plain, v, layers, white); err != nil {
		t.Fatal(err)
	}
	red := color.NRGBA{200, 0, 0, 255}
	r := NewRaster(v.Width, v.Height, color.NRGBA{})
	patch := image.Rect(10, 10, 30, 25)
	draw.Draw(r.Image(), patch, image.NewUniform(red), image.Point{}, draw.Src)
	if err := DrawFrontToBack(context.Background(), r, v, layers, white); err != nil {
		t.Fatal(err)
	}
	for y := range v.Height {
		for x := range v.Width {
			got := r.Image().RGBAAt(x, y)
			want := plain.Image().RGBAAt(x, y)
			if image.Pt(x, y).In(patch) {
				want = color.RGBA{200, 0, 0, 255}
			}
			if got != want {
				t.Fatalf("pixel (%d, %d) = %v, want %v", x, y, got, want)
			}
		}
	}
}

// TestPaintUnder: the background goes under every pixel as under() puts
// it, two at a time or one (odd widths, strips of a bigger picture), and
// with the alpha plane eight opaque ones at a time (the widest case has a
// run of opaque pixels in every row).
func TestPaintUnder(t *testing.T) {
	bg := color.NRGBA{0xf4, 0xf1, 0xea, 0xff}
	for _, tc := range []struct {
		w     int
		plane bool
	}{{1, false}, {2, false}, {7, false}, {64, false}, {7, true}, {64, true}, {101, true}} {
		w := tc.w
		rng := rand.New(rand.NewPCG(uint64(w), 7))
		big := NewRaster(w+3, 5, color.NRGBA{})
		for i := range big.img.Pix {
			big.img.Pix[i] = byte(rng.IntN(256))
		}
		for i := 3; i < len(big.img.Pix); i += 4 { // premultiplied: channels <= alpha
			a := big.img.Pix[i]
			if rng.IntN(3) == 0 {
				a = []byte{0, 255}[rng.IntN(2)]
			}
			big.img.Pix[i] = a
			for c := i - 3; c < i; c++ {
				big.img.Pix[c] = min(big.img.Pix[c], a)
				if a == 0 {
					big.img.Pix[c] = 0
				}
			}
		}
		if w > 40 {
			for y := range 5 {
				for x := 9; x < 41+y; x++ {
					big.img.Pix[big.img.PixOffset(x, y)+3] = 255
				}
				// Bare pixels (nothing painted): runs of eight in the plane.
				for x := 44; x < min(w, 84+y); x++ {
					clear(big.img.Pix[big.img.PixOffset(x, y):][:4])
				}
			}
		}
		before := slices.Clone(big.img.Pix)
		r := NewRasterOn(big.img.SubImage(image.Rect(1, 0, 1+w, 5)).(*image.RGBA))
		if tc.plane {
			r.startAlpha()
		}
		r.paintUnder(bg)
		b := r.newBlender(bg)
		for y := range 5 {
			for x := range w + 3 {
				o := big.img.PixOffset(x, y)
				want := binary.LittleEndian.Uint32(before[o:])
				if x >= 1 && x < 1+w && want>>24 != 255 {
					want = under(want, b.rb, b.ga)
				}
				if got := binary.LittleEndian.Uint32(big.img.Pix[o:]); got != want {
					t.Fatalf("width %d, plane %v: pixel (%d, %d) = %08x, want %08x", w, tc.plane, x, y, got, want)
				}
			}
		}
	}
}

// TestOcclusionMargin: nothing a feature paints lies beyond its box grown
// by occlusionMargin (a feature skipped as hidden would otherwise lose
// pixels). Markers of every shape (drawn as paths, then, past
// spriteAfter, as sprites), lines and outlined polygons of thin and thick
// widths, dashed or not, at random sub-pixel places, each alone in a cell
// of the raster.
func TestOcclusionMargin(t *testing.T) {
	const cell, cols = 48, 24
	v := View{Center: wuhai, MetresPerPixel: 3, Width: cell * cols, Height: cell * cols}
	rng := rand.New(rand.NewPCG(9, 10))
	widths := []float64{0, 0.5, 1, 1.5, 2, 2.5, 4, 6}
	ink := color.NRGBA{20, 20, 20, 255}
	style := func() Style {
		st := Style{Stroke: ink, StrokeWidth: widths[rng.IntN(len(widths))], Fill: color.NRGBA{200, 60, 60, 160}}
		if rng.IntN(4) == 0 {
			st.Dash = []float64{3, 2}
		}
		if rng.IntN(5) == 0 {
			st.Stroke.A = 120 // translucent: not the hairliner
		}
		return st
	}
	for _, kind := range []string{"points", "lines", "polygons"} {
		t.Run(kind, func(t *testing.T) {
			var fs []Feature
			for c := range cols * cols {
				cx := float64(c%cols*cell+cell/2) + rng.Float64()
				cy := float64(c/cols*cell+cell/2) + rng.Float64()
				st := style()
				var g orb.Geometry
				switch kind {
				case "points":
					st.PointShape = PointShape(rng.IntN(4))
					st.PointSize = 2 + rng.Float64()*14
					st.Dash = nil
					g = v.ToLonLat(cx, cy)
				case "lines":
					g = orb.LineString(px(v, randomPath(rng, cx, cy, 2+rng.IntN(4))...))
				default:
					g = orb.Polygon{ring(v, randomPath(rng, cx, cy, 3+rng.IntN(4))...)}
				}
				fs = append(fs, Feature{Geometry: g, Style: st})
			}
			r := NewRaster(v.Width, v.Height, color.NRGBA{})
			if err := DrawFrontToBack(context.Background(), r, v, []Layer{{Opacity: 1, Features: fs}}, color.NRGBA{}); err != nil {
				t.Fatal(err)
			}
			d := newDrawer(context.Background(), r, v)
			defer d.release()
			painted := 0
			for c, f := range fs {
				b, _ := geomBox(f.Geometry)
				x0, y1 := d.toPixel(b.Min)
				x1, y0 := d.toPixel(b.Max)
				m := occlusionMargin(f.Geometry, &f.Style, max(f.Style.strokeWidth(), f.Style.pointSize())+2)
				box := Rect{x0, y0, x1, y1}.Outset(m)
				allowed := image.Rect(int(math.Floor(box.MinX)), int(math.Floor(box.MinY)), int(math.Ceil(box.MaxX)), int(math.Ceil(box.MaxY)))
				cellBox := image.Rect(c%cols*cell, c/cols*cell, c%cols*cell+cell, c/cols*cell+cell)
				for y := cellBox.Min.Y; y < cellBox.Max.Y; y++ {
					for x := cellBox.Min.X; x < cellBox.Max.X; x++ {
						if r.img.Pix[r.img.PixOffset(x, y)+3] == 0 {
							continue
						}
						painted++
						if !image.Pt(x, y).In(allowed) {
							t.Fatalf("feature %d (%+v): pixel (%d, %d) painted, outside %v (margin %.2f)", c, f.Style, x, y, allowed, m)
						}
					}
				}
			}
			if painted == 0 {
				t.Fatal("nothing painted")
			}
		})
	}
}

// randomPath is n pixel positions within 12 pixels of (cx, cy), as x, y
// pairs.
func randomPath(rng *rand.Rand, cx, cy float64, n int) []float64 {
	xy := make([]float64, 0, 2*n)
	for range n {
		xy = append(xy, cx+rng.Float64()*24-12, cy+rng.Float64()*24-12)
	}
	return xy
}
