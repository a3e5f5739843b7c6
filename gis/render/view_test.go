package render

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestDegreeMetresMatchesGeodesic(t *testing.T) {
	// GeodSolve -i -e 6378137 0.003352810681182319 (GRS 80), 0.01° spans
	// centred on 106.8E 39.65N.
	kx, ky := degreeMetres(39.65)
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"lat", ky * 0.01, 1110.279143},
		{"lon", kx * 0.01, 858.282389},
	} {
		if rel := math.Abs(tc.got-tc.want) / tc.want; rel > 2e-6 {
			t.Errorf("%s: %.6f m, geodesic %.6f m (rel %.2g)", tc.name, tc.got, tc.want, rel)
		}
	}
}

// pxTol is the round-trip tolerance in pixels at (x, y): lon/lat held in
// float64 degrees resolve about 1.2 nm near Wuhai (one ulp of 106.8°), so
// at millimetre pixels the last digits of a pixel position are noise.
func pxTol(v View, x, y float64) float64 {
	return 1e-9*max(1, math.Abs(x), math.Abs(y)) + 1e-8/v.MetresPerPixel
}

func TestViewRoundTrip(t *testing.T) {
	views := []View{
		{Center: wuhai, MetresPerPixel: 2, Width: 200, Height: 150},
		{Center: wuhai, MetresPerPixel: 0.001, Width: 1600, Height: 1000},
		{Center: wuhai, MetresPerPixel: 5000, Width: 1920, Height: 1080},
		{Center: orb.Point{0, 0}, MetresPerPixel: 10, Width: 1, Height: 1},
		{Center: orb.Point{-179.9, -60}, MetresPerPixel: 30, Width: 801, Height: 333},
		{Center: orb.Point{120, 88.5}, MetresPerPixel: 1, Width: 640, Height: 480},
	}
	pixels := [][2]float64{{0, 0}, {0.5, 0.5}, {100, 75}, {-300, 12345.6}, {1e6, -1e6}, {1599.999, 999.001}}
	for _, v := range views {
		if err := v.Valid(); err != nil {
			t.Fatal(err)
		}
		cx, cy := v.ToPixel(v.Center)
		if cx != float64(v.Width)/2 || cy != float64(v.Height)/2 {
			t.Errorf("%+v: centre at (%g, %g)", v, cx, cy)
		}
		for _, p := range pixels {
			ll := v.ToLonLat(p[0], p[1])
			x, y := v.ToPixel(ll)
			tol := pxTol(v, p[0], p[1])
			if math.Abs(x-p[0]) > tol || math.Abs(y-p[1]) > tol {
				t.Errorf("%+v: pixel %v → %v → (%g, %g)", v, p, ll, x, y)
			}
			back := v.ToLonLat(x, y)
			if math.Abs(back[0]-ll[0]) > 1e-12*max(1, math.Abs(ll[0])) || math.Abs(back[1]-ll[1]) > 1e-12*max(1, math.Abs(ll[1])) {
				t.Errorf("%+v: lon/lat %v → %v", v, ll, back)
			}
		}
		// One pixel right of centre is MetresPerPixel along the parallel.
		kx, ky := degreeMetres(v.Center[1])
		ll := v.ToLonLat(cx+1, cy-1)
		if dx := (ll[0] - v.Center[0]) * kx; math.Abs(dx-v.MetresPerPixel) > 1e-9*v.MetresPerPixel+1e-8 {
			t.Errorf("%+v: 1 px east = %g m", v, dx)
		}
		if dy := (ll[1] - v.Center[1]) * ky; math.Abs(dy-v.MetresPerPixel) > 1e-9*v.MetresPerPixel+1e-8 {
			t.Errorf("%+v: 1 px north = %g m", v, dy)
		}
	}
}

func TestViewBound(t *testing.T) {
	v := smallView
	b := v.Bound()
	for _, c := range []struct {
		p    orb.Point
		x, y float64
	}{{orb.Point{b.Min[0], b.Max[1]}, 0, 0}, {orb.Point{b.Max[0], b.Min[1]}, 200, 150}} {
		x, y := v.ToPixel(c.p)
		if math.Abs(x-c.x) > 1e-9 || math.Abs(y-c.y) > 1e-9 {
			t.Errorf("corner %v at (%g, %g), want (%g, %g)", c.p, x, y, c.x, c.y)
		}
	}
}

func TestFitView(t *testing.T) {
	tests := []struct {
		name   string
		b      orb.Bound
		w, h   int
		margin int
	}{
		{"wuhai", orb.Bound{Min: orb.Point{106.65, 39.2}, Max: orb.Point{107.1, 39.95}}, 1600, 1000, 20},
		{"wide", orb.Bound{Min: orb.Point{106.0, 39.6}, Max: orb.Point{108.0, 39.61}}, 800, 600, 10},
		{"tall", orb.Bound{Min: orb.Point{106.8, 39.0}, Max: orb.Point{106.81, 40.0}}, 800, 600, 0},
		{"huge margin", orb.Bound{Min: orb.Point{106.8, 39.6}, Max: orb.Point{106.9, 39.7}}, 100, 100, 80},
		{"tiny", orb.Bound{Min: orb.Point{106.8, 39.6}, Max: orb.Point{106.8000001, 39.6000001}}, 300, 200, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := FitView(tc.b, tc.w, tc.h, tc.margin)
			if err := v.Valid(); err != nil {
				t.Fatal(err)
			}
			// Room left inside the margins (at least one pixel).
			aw := float64(max(tc.w-2*tc.margin, 1))
			ah := float64(max(tc.h-2*tc.margin, 1))
			x0, y1 := v.ToPixel(tc.b.Min)
			x1, y0 := v.ToPixel(tc.b.Max)
			eps := pxTol(v, float64(tc.w), float64(tc.h))
			if x1-x0 > aw+eps || y1-y0 > ah+eps {
				t.Errorf("extent %g×%g px does not fit %g×%g", x1-x0, y1-y0, aw, ah)
			}
			if math.Abs((x1-x0)-aw) > eps && math.Abs((y1-y0)-ah) > eps {
				t.Errorf("not tight: extent %g×%g px in room %g×%g", x1-x0, y1-y0, aw, ah)
			}
			// Centred.
			if math.Abs((x0+x1)/2-float64(tc.w)/2) > eps || math.Abs((y0+y1)/2-float64(tc.h)/2) > eps {
				t.Errorf("not centred: (%g,%g)-(%g,%g)", x0, y0, x1, y1)
			}
		})
	}
	if v := FitView(orb.Bound{Min: wuhai, Max: wuhai}, 100, 100, 10); v.MetresPerPixel != DefaultMetresPerPixel || v.Valid() != nil {
		t.Errorf("point extent: %+v", v)
	}
	nan := math.NaN()
	if v := FitView(orb.Bound{Min: orb.Point{nan, 0}, Max: orb.Point{1, 1}}, 100, 100, 10); v.Valid() == nil {
		t.Errorf("NaN extent gave a valid view %+v", v)
	}
}

func TestZoomAtAndPan(t *testing.T) {
	tests := []struct {
		factor, x, y float64
	}{
		{2, 100, 75}, {0.5, 0, 0}, {10, 199, 3}, {1.0001, 50, 140}, {1e-3, 200, 150}, {1e4, -50, 400},
	}
	for _, tc := range tests {
		v := smallView
		p := v.ToLonLat(tc.x, tc.y)
		z := v.ZoomAt(tc.factor, tc.x, tc.y)
		if got, want := z.MetresPerPixel, v.MetresPerPixel/tc.factor; math.Abs(got-want) > 1e-12*want {
			t.Errorf("zoom %g: mpp %g, want %g", tc.factor, got, want)
		}
		x, y := z.ToPixel(p)
		if tol := pxTol(z, tc.x, tc.y); math.Abs(x-tc.x) > tol || math.Abs(y-tc.y) > tol {
			t.Errorf("zoom %g at (%g,%g): point moved to (%g,%g)", tc.factor, tc.x, tc.y, x, y)
		}
	}
	if z := smallView.ZoomAt(math.NaN(), 1, 1); z != smallView {
		t.Errorf("NaN zoom changed the view: %+v", z)
	}
	if z := smallView.ZoomAt(-2, 1, 1); z != smallView {
		t.Errorf("negative zoom changed the view: %+v", z)
	}
	for _, d := range [][2]float64{{10, -20}, {-1e5, 3e4}, {0, 0}} {
		v := View{Center: wuhai, MetresPerPixel: 50, Width: 800, Height: 600}
		p := v.Pan(d[0], d[1])
		x, y := p.ToPixel(v.Center)
		if tol := pxTol(p, d[0], d[1]); math.Abs(x-(400+d[0])) > tol || math.Abs(y-(300+d[1])) > tol {
			t.Errorf("pan %v: old centre at (%g,%g)", d, x, y)
		}
		if p.MetresPerPixel != v.MetresPerPixel {
			t.Errorf("pan changed the scale")
		}
	}
}

func TestScale(t *testing.T) {
	v := View{Center: wuhai, MetresPerPixel: 0.254, Width: 10, Height: 10}
	if got := v.Scale(100); math.Abs(got-1000) > 1e-9 {
		t.Errorf("Scale(100) = %g, want 1000", got)
	}
}

func TestScaleBar(t *testing.T) {
	tests := []struct {
		mpp           float64
		maxPx         int
		metres, barPx float64
	}{
		{1, 150, 100, 100},
		{1, 99, 50, 50},
		{2, 150, 200, 100},
		{3, 150, 200, 200.0 / 3},
		{10, 100, 1000, 100},
		{0.01, 120, 1, 100},
		{0.0013, 100, 0.1, 0.1 / 0.0013},
		{250, 200, 50000, 200},
		{1, 0, 0, 0},
		{math.NaN(), 100, 0, 0},
	}
	for _, tc := range tests {
		v := View{Center: wuhai, MetresPerPixel: tc.mpp, Width: 100, Height: 100}
		m, p := ScaleBar(v, tc.maxPx)
		if math.Abs(m-tc.metres) > 1e-9*max(1, tc.metres) || math.Abs(p-tc.barPx) > 1e-9*max(1, tc.barPx) {
			t.Errorf("ScaleBar(mpp %g, %d) = %g m, %g px; want %g m, %g px", tc.mpp, tc.maxPx, m, p, tc.metres, tc.barPx)
		}
		if p > float64(tc.maxPx)+1e-9 {
			t.Errorf("bar %g px longer than %d", p, tc.maxPx)
		}
	}
}

func TestViewValid(t *testing.T) {
	tests := []struct {
		name string
		v    View
		ok   bool
	}{
		{"good", smallView, true},
		{"zero", View{}, false},
		{"nan centre", View{Center: orb.Point{math.NaN(), 0}, MetresPerPixel: 1, Width: 1, Height: 1}, false},
		{"pole", View{Center: orb.Point{0, 89.5}, MetresPerPixel: 1, Width: 1, Height: 1}, false},
		{"inf mpp", View{Center: wuhai, MetresPerPixel: math.Inf(1), Width: 1, Height: 1}, false},
		{"negative mpp", View{Center: wuhai, MetresPerPixel: -1, Width: 1, Height: 1}, false},
		{"too wide", View{Center: wuhai, MetresPerPixel: 1, Width: MaxViewSize + 1, Height: 1}, false},
	}
	for _, tc := range tests {
		err := tc.v.Valid()
		if (err == nil) != tc.ok {
			t.Errorf("%s: Valid() = %v", tc.name, err)
		}
		var re *Error
		if err != nil && (!errors.As(err, &re) || re.Code != CodeBadView) {
			t.Errorf("%s: error %v not a bad-view *Error", tc.name, err)
		}
	}
}

// TestFinite: finite's one subtraction tells NaN and the infinities from
// every finite number, the extremes too.
func TestFinite(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want bool
	}{
		{0, true}, {math.Copysign(0, -1), true}, {1, true}, {-2.5, true},
		{math.MaxFloat64, true}, {-math.MaxFloat64, true}, {math.SmallestNonzeroFloat64, true},
		{math.Inf(1), false}, {math.Inf(-1), false}, {math.NaN(), false},
	} {
		if got := finite(tc.f); got != tc.want {
			t.Errorf("finite(%v) = %v, want %v", tc.f, got, tc.want)
		}
	}
}
