package render

import (
	"image"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// TestPanMovesWhole checks that a run of pans, north and south included,
// moves every point of the map by the sum of the pans, to a thousandth
// of a pixel: a frame drawn before is the frame after, shifted.
func TestPanMovesWhole(t *testing.T) {
	tests := []struct {
		name string
		v    View
		pans [][2]float64
	}{
		{"zoomed in", View{Center: wuhai, MetresPerPixel: 9, Width: 1600, Height: 1000}, [][2]float64{{20, 7}, {-20, 7}, {0, 300}, {513, -2}}},
		{"overview", View{Center: wuhai, MetresPerPixel: 37, Width: 1600, Height: 1000}, [][2]float64{{0, 500}, {0, 500}, {0, 500}, {-700, 1}}},
		{"far north", View{Center: orb.Point{20, 70}, MetresPerPixel: 500, Width: 800, Height: 600}, [][2]float64{{0, 900}, {3, -4000}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.v
			corners := [][2]float64{{0, 0}, {float64(v.Width), 0}, {0, float64(v.Height)}, {float64(v.Width), float64(v.Height)}}
			pts := make([]orb.Point, len(corners))
			for i, c := range corners {
				pts[i] = v.ToLonLat(c[0], c[1])
			}
			var sx, sy float64
			for _, d := range tc.pans {
				v = v.Pan(d[0], d[1])
				sx, sy = sx+d[0], sy+d[1]
			}
			for i, p := range pts {
				x, y := v.ToPixel(p)
				if math.Abs(x-(corners[i][0]+sx)) > 1e-3 || math.Abs(y-(corners[i][1]+sy)) > 1e-3 {
					t.Errorf("corner %v moved to (%.4f, %.4f), want (%g, %g)", corners[i], x, y, corners[i][0]+sx, corners[i][1]+sy)
				}
			}
			if v.ScaleLat != tc.v.Center[1] {
				t.Errorf("ScaleLat %g, want the first centre's %g", v.ScaleLat, tc.v.Center[1])
			}
			if err := v.Valid(); err != nil {
				t.Error(err)
			}
			// Zooming ends the pan: the centre's scale factors again, and
			// the point under the cursor stays.
			p := v.ToLonLat(300, 200)
			z := v.ZoomAt(2, 300, 200)
			if z.ScaleLat != 0 {
				t.Errorf("zoom kept ScaleLat %g", z.ScaleLat)
			}
			if x, y := z.ToPixel(p); math.Abs(x-300) > 1e-6 || math.Abs(y-200) > 1e-6 {
				t.Errorf("zoom moved the point under the cursor to (%g, %g)", x, y)
			}
		})
	}
}

// TestGroundMetresPerPixel checks the scale at the centre of a panned
// view against the projection: the ground length of a pixel there.
func TestGroundMetresPerPixel(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 10, Width: 1000, Height: 1000}
	if g := v.GroundMetresPerPixel(); g != 10 {
		t.Errorf("unpanned: %g, want 10", g)
	}
	p := v.Pan(0, 3000) // 30 km: the map moves down, the centre north
	if p.Center[1] <= v.Center[1] {
		t.Fatalf("centre %v not north of %v", p.Center, v.Center)
	}
	kx, _ := degreeMetres(p.Center[1])
	a, b := p.ToLonLat(500, 500), p.ToLonLat(501, 500)
	want := (b[0] - a[0]) * kx
	if g := p.GroundMetresPerPixel(); math.Abs(g-want) > 1e-9*want || math.Abs(g-10) < 0.01 {
		t.Errorf("panned: %g m, want %g (not 10)", g, want)
	}
	if s := p.Scale(100); math.Abs(s-p.GroundMetresPerPixel()*100/0.0254) > 1e-6 {
		t.Errorf("Scale %g disagrees with GroundMetresPerPixel", s)
	}
}

// TestWindow checks that a window's pixels are the frame's, shifted, for
// windows in every part of a panned and an unpanned frame.
func TestWindow(t *testing.T) {
	for _, v := range []View{
		{Center: wuhai, MetresPerPixel: 9, Width: 1600, Height: 1000},
		View{Center: wuhai, MetresPerPixel: 9, Width: 1600, Height: 1000}.Pan(40, -700),
	} {
		for _, r := range []image.Rectangle{
			image.Rect(0, 0, 1600, 7), image.Rect(0, 993, 1600, 1000), image.Rect(1580, 7, 1600, 1000),
			image.Rect(0, 0, 1600, 1000), image.Rect(300, 420, 557, 433),
		} {
			w := v.Window(r)
			if w.Width != r.Dx() || w.Height != r.Dy() {
				t.Errorf("window %v: size %d×%d", r, w.Width, w.Height)
			}
			for _, px := range [][2]float64{{0, 0}, {float64(w.Width), float64(w.Height)}, {3.5, 1.25}} {
				p := w.ToLonLat(px[0], px[1])
				x, y := v.ToPixel(p)
				if math.Abs(x-(px[0]+float64(r.Min.X))) > 1e-6 || math.Abs(y-(px[1]+float64(r.Min.Y))) > 1e-6 {
					t.Errorf("window %v pixel %v is the frame's (%.7f, %.7f)", r, px, x, y)
				}
			}
		}
	}
}

func TestViewValidScaleLat(t *testing.T) {
	for _, lat := range []float64{math.NaN(), math.Inf(1), 89.5, -90} {
		v := View{Center: wuhai, MetresPerPixel: 1, Width: 1, Height: 1, ScaleLat: lat}
		if v.Valid() == nil {
			t.Errorf("ScaleLat %g accepted", lat)
		}
	}
}
