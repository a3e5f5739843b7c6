package app

import (
	"context"
	"image"
	"image/color"
	"testing"

	"minerehab/gis/basemap"
	"minerehab/gis/render"
	"minerehab/models"
)

// farPixels counts the pixels where a and b differ by more than tol in
// some channel (all of them when their sizes differ).
func farPixels(a, b *image.RGBA, tol int) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for k := range 4 {
			if d := int(a.Pix[i+k]) - int(b.Pix[i+k]); d > tol || d < -tol {
				n++
				break
			}
		}
	}
	return n
}

// panSteps are drags as the window makes them: small steps every way, a
// long one north (the projection keeps its scale latitude) and one that
// leaves the frame before behind.
var panSteps = [][2]float64{{20, 7}, {-20, 7}, {0, -13}, {57, 0}, {0, 300}, {-410, -220}, {2000, 0}}

// TestMapCachePanSamePicture: frames drawn from the frame before a pan
// are the frames drawn afresh, with labels and with a layer hidden, but
// for a few pixels along the edges of the bands drawn: there, as along
// the edges of the strips of any frame, an outline's course may differ by
// a fraction of a pixel (the vertices within half a pixel of the last
// kept one are dropped counting from where the outline enters the piece
// drawn), and paint under a nearly opaque pixel is skipped in one and not
// the other (see render.DrawFrontToBack).
func TestMapCachePanSamePicture(t *testing.T) {
	st := sampleProject(t)
	v0 := sampleView(t, st, 900, 600)
	v0 = v0.ZoomAt(3, 300, 200)
	fnt, _ := MapFont()
	for _, opt := range []MapOptions{{Font: fnt, ScaleBar: true}, {Hidden: map[string]bool{models.LayerSites: true}}} {
		c := NewMapCache(st)
		ctx := context.Background()
		v := v0
		if _, err := c.Render(ctx, v, opt); err != nil {
			t.Fatal(err)
		}
		for _, d := range panSteps {
			v = v.Pan(d[0], d[1])
			got, err := c.Render(ctx, v, opt)
			if err != nil {
				t.Fatal(err)
			}
			want, err := RenderMap(ctx, st, v, opt)
			if err != nil {
				t.Fatal(err)
			}
			px := len(got.Pix) / 4
			if n := farPixels(got, want, 3); n > px/10000 {
				t.Errorf("pan %v: %d pixels differ by more than 3 levels from a fresh frame", d, n)
			}
			if n := farPixels(got, want, 64); n > 0 {
				t.Errorf("pan %v: %d pixels differ by more than 64 levels from a fresh frame", d, n)
			}
			if n := diffPixels(got, want); n > px/1000 {
				t.Errorf("pan %v: %d pixels differ from a fresh frame", d, n)
			}
		}
	}
}

// TestMapCachePanTakes: after a pan only the uncovered bands are drawn:
// the rest of the frame is the frame before, whatever it holds (here
// painted over to tell).
func TestMapCachePanTakes(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 600, 400)
	c := NewMapCache(st)
	ctx := context.Background()
	if _, err := c.Render(ctx, v, MapOptions{}); err != nil {
		t.Fatal(err)
	}
	mark := color.RGBA{255, 0, 255, 255}
	last := c.last.img
	for i := 0; i < len(last.Pix); i += 4 {
		last.Pix[i], last.Pix[i+1], last.Pix[i+2], last.Pix[i+3] = mark.R, mark.G, mark.B, mark.A
	}
	got, err := c.Render(ctx, v.Pan(30, -20), MapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for y := range 400 {
		for x := range 600 {
			taken := x >= 30 && y < 380
			if is := got.RGBAAt(x, y) == mark; is != taken {
				t.Fatalf("pixel (%d, %d): marked %t, want %t", x, y, is, taken)
			}
		}
	}
}

// TestMapCachePrevFor: the frame before is taken only when it shows the
// same layers the same way at the same scale, shifted by whole pixels.
func TestMapCachePrevFor(t *testing.T) {
	st := sampleProject(t)
	v0 := sampleView(t, st, 600, 400)
	red := color.NRGBA{200, 0, 0, 255}
	tests := []struct {
		name string
		v    func(v render.View) render.View
		opt  MapOptions
		inv  bool // Invalidate between
		take bool
	}{
		{"same view", func(v render.View) render.View { return v }, MapOptions{}, false, true},
		{"pan", func(v render.View) render.View { return v.Pan(-15, 40) }, MapOptions{}, false, true},
		{"pan far north", func(v render.View) render.View { return v.Pan(0, 390) }, MapOptions{}, false, true},
		{"labels and scale bar", func(v render.View) render.View { return v.Pan(1, 1) }, MapOptions{ScaleBar: true, Lang: "en"}, false, true},
		{"larger window", func(v render.View) render.View { v.Width += 100; return v.Pan(0, 0) }, MapOptions{}, false, true},
		{"half pixel", func(v render.View) render.View { return v.Pan(0.5, 0) }, MapOptions{}, false, false},
		{"zoom", func(v render.View) render.View { return v.ZoomAt(2, 10, 10) }, MapOptions{}, false, false},
		{"gone", func(v render.View) render.View { return v.Pan(700, 0) }, MapOptions{}, false, false},
		{"pixel ratio", func(v render.View) render.View { return v }, MapOptions{PixelRatio: 2}, false, false},
		{"layer hidden", func(v render.View) render.View { return v }, MapOptions{Hidden: map[string]bool{models.LayerRoads: true}}, false, false},
		{"style", func(v render.View) render.View { return v }, MapOptions{Styles: []models.LayerStyle{{Layer: models.LayerMines, Visible: true, Opacity: 1, Fill: &red}}}, false, false},
		{"invalidated", func(v render.View) render.View { return v }, MapOptions{}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewMapCache(st)
			ctx := context.Background()
			if _, err := c.Render(ctx, v0, MapOptions{}); err != nil {
				t.Fatal(err)
			}
			if tc.inv {
				c.Invalidate(models.LayerMines)
			}
			v := tc.v(v0)
			layers, err := c.layerSet(ctx, tc.opt.Hidden, tc.opt.Styles, lodLevel(v.MetresPerPixel), v.Bound())
			if err != nil {
				t.Fatal(err)
			}
			if p := c.prevFor(v, layers, tc.opt); (p != nil) != tc.take {
				t.Errorf("taken %t, want %t", p != nil, tc.take)
			}
		})
	}
}

// TestMapCachePanBasemap: with a basemap under the features the frame is
// drawn whole (the basemap is not kept apart from the features), and
// still shows the basemap after a pan.
func TestMapCachePanBasemap(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 400, 300)
	b := v.Bound()
	teal := color.NRGBA{0x20, 0xa0, 0xa0, 0xff}
	src, err := basemap.Open(xyzFolder(t, 9, b.Min[0]-1, b.Min[1]-1, b.Max[0]+1, b.Max[1]+1, teal))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	c := NewMapCache(st)
	opt := MapOptions{Basemap: src}
	if _, err := c.Render(context.Background(), v, opt); err != nil {
		t.Fatal(err)
	}
	v = v.Pan(25, 25)
	if c.last != nil {
		t.Error("a frame over a basemap was kept")
	}
	img, err := c.Render(context.Background(), v, opt)
	if err != nil {
		t.Fatal(err)
	}
	if n := countPixels(img, near(teal, 12)); n < 400*300/4 {
		t.Errorf("%d teal pixels after the pan", n)
	}
}
