package render

import (
	"image"
	"math"

	"github.com/paulmach/orb"
)

// MaxViewSize is the largest Width or Height a View may have.
const MaxViewSize = 1 << 15

// maxViewLat is the largest |latitude| a view centre may have; the
// projection degenerates at the poles.
const maxViewLat = 89.0

// GRS 80 (CGCS2000) ellipsoid.
const (
	grs80A  = 6378137.0
	grs80F  = 1 / 298.257222101
	grs80E2 = grs80F * (2 - grs80F)
	degRad  = math.Pi / 180
)

// View is a window onto the map: the lon/lat Center is drawn at pixel
// (Width/2, Height/2) and one pixel spans MetresPerPixel metres on the
// ground there.
//
// The projection is a local equirectangular one: x is proportional to
// longitude and y to latitude, scaled by the GRS 80 prime-vertical radius
// times cos(centre latitude) and the meridional radius at the centre
// latitude respectively. ToPixel and ToLonLat are exact inverses (up to
// floating-point rounding). Because the scale factors depend on the centre
// latitude, Pan and ZoomAt are written so the point they hold fixed stays
// on its pixel exactly.
//
// ScaleLat, when not zero, is the latitude whose scale factors the
// projection uses in place of the centre's. Pan sets it to the centre
// latitude it starts from, so a dragged map moves as a whole, pixel for
// pixel (a frame drawn before the pan is the frame after it, shifted:
// see Window); ZoomAt and FitView leave it zero. MetresPerPixel is then
// the scale at ScaleLat; GroundMetresPerPixel gives it at the centre (a
// pan of 30 km north or south at Wuhai changes it by 0.4 %). A view
// whose scale latitude is the equator itself has zero and uses its
// centre's, which near the equator is the same to a part in 10⁸.
type View struct {
	Center         orb.Point // lon, lat in degrees
	MetresPerPixel float64   // ground metres per pixel at ScaleLat (the centre when zero)
	Width, Height  int       // pixels
	ScaleLat       float64   // degrees; 0: the centre's latitude
}

// scaleLat is the latitude whose scale factors v's projection uses.
func (v View) scaleLat() float64 {
	if v.ScaleLat != 0 {
		return v.ScaleLat
	}
	return v.Center[1]
}

// degreeMetres returns metres per degree of longitude and of latitude at the
// centre latitude.
func degreeMetres(lat float64) (kx, ky float64) {
	s := math.Sin(lat * degRad)
	w := 1 - grs80E2*s*s
	sw := math.Sqrt(w)
	n := grs80A / sw                       // prime vertical radius of curvature
	m := grs80A * (1 - grs80E2) / (w * sw) // meridional radius of curvature
	return n * math.Cos(lat*degRad) * degRad, m * degRad
}

// pixelsPerDegree returns pixels per degree of longitude and latitude.
func (v View) pixelsPerDegree() (px, py float64) {
	kx, ky := degreeMetres(v.scaleLat())
	return kx / v.MetresPerPixel, ky / v.MetresPerPixel
}

// Valid reports whether v can be drawn; it returns an *Error with
// CodeBadView otherwise.
func (v View) Valid() error {
	switch {
	case !finite(v.Center[0]) || !finite(v.Center[1]) || math.Abs(v.Center[1]) > maxViewLat:
		return newError(CodeBadView, "centre %v not finite or beyond ±%g° latitude", v.Center, maxViewLat)
	case !finite(v.ScaleLat) || math.Abs(v.ScaleLat) > maxViewLat:
		return newError(CodeBadView, "scale latitude %g not finite or beyond ±%g°", v.ScaleLat, maxViewLat)
	case !(v.MetresPerPixel > 0) || math.IsInf(v.MetresPerPixel, 1):
		return newError(CodeBadView, "metres per pixel %g not positive and finite", v.MetresPerPixel)
	case v.Width <= 0 || v.Height <= 0 || v.Width > MaxViewSize || v.Height > MaxViewSize:
		return newError(CodeBadView, "size %d×%d outside 1..%d", v.Width, v.Height, MaxViewSize)
	}
	return nil
}

// ToPixel returns the pixel position of lon/lat point p.
func (v View) ToPixel(p orb.Point) (x, y float64) {
	px, py := v.pixelsPerDegree()
	return float64(v.Width)/2 + (p[0]-v.Center[0])*px, float64(v.Height)/2 - (p[1]-v.Center[1])*py
}

// ToLonLat returns the lon/lat point at pixel (x, y); it is the inverse of
// ToPixel.
func (v View) ToLonLat(x, y float64) orb.Point {
	px, py := v.pixelsPerDegree()
	return orb.Point{v.Center[0] + (x-float64(v.Width)/2)/px, v.Center[1] - (y-float64(v.Height)/2)/py}
}

// Bound returns the lon/lat box the view covers (the whole frame, corner to
// corner).
func (v View) Bound() orb.Bound {
	tl := v.ToLonLat(0, 0)
	br := v.ToLonLat(float64(v.Width), float64(v.Height))
	return orb.Bound{Min: orb.Point{tl[0], br[1]}, Max: orb.Point{br[0], tl[1]}}
}

// DefaultMetresPerPixel is the scale FitView uses for an extent with no
// width and no height (a single point).
const DefaultMetresPerPixel = 1.0

// FitView returns the w×h view that shows the whole of b with at least
// marginPx pixels free on every side. A margin that leaves less than one
// pixel is reduced; a point-sized b gets DefaultMetresPerPixel. A
// non-finite b gives a view centred on (0, 0) that fails Valid.
func FitView(b orb.Bound, w, h int, marginPx int) View {
	lat := (b.Min[1] + b.Max[1]) / 2
	v := View{Center: orb.Point{(b.Min[0] + b.Max[0]) / 2, lat}, Width: w, Height: h}
	if !finite(v.Center[0]) || !finite(lat) {
		v.Center = orb.Point{}
		v.MetresPerPixel = math.NaN()
		return v
	}
	kx, ky := degreeMetres(lat)
	aw := float64(max(w-2*marginPx, 1))
	ah := float64(max(h-2*marginPx, 1))
	mpp := max((b.Max[0]-b.Min[0])*kx/aw, (b.Max[1]-b.Min[1])*ky/ah)
	if !(mpp > 0) {
		mpp = DefaultMetresPerPixel
	}
	v.MetresPerPixel = mpp
	return v
}

// PlaceAt returns v at the same MetresPerPixel and size, moved so that
// lon/lat point p is drawn exactly at pixel (x, y).
func (v View) PlaceAt(p orb.Point, x, y float64) View {
	dx := x - float64(v.Width)/2
	dy := y - float64(v.Height)/2
	if v.ScaleLat != 0 { // the scale factors do not move with the centre
		kx, ky := degreeMetres(v.ScaleLat)
		v.Center = orb.Point{p[0] - dx*v.MetresPerPixel/kx, p[1] + dy*v.MetresPerPixel/ky}
		return v
	}
	// Latitude first: the y scale depends only on the (new) centre latitude,
	// which a few fixed-point steps find to full precision.
	lat := v.Center[1]
	for range 4 {
		_, ky := degreeMetres(lat)
		lat = p[1] + dy*v.MetresPerPixel/ky
	}
	kx, _ := degreeMetres(lat)
	lon := p[0] - dx*v.MetresPerPixel/kx
	v.Center = orb.Point{lon, lat}
	return v
}

// ZoomAt returns v zoomed by factor (above 1 zooms in: MetresPerPixel is
// divided by it) keeping the lon/lat under pixel (x, y) on that pixel. A
// factor that is not positive and finite returns v unchanged. The zoomed
// view's scale factors are its centre's again (ScaleLat zero), at the
// scale MetresPerPixel had at ScaleLat.
func (v View) ZoomAt(factor float64, x, y float64) View {
	if !(factor > 0) || math.IsInf(factor, 1) {
		return v
	}
	p := v.ToLonLat(x, y)
	v.MetresPerPixel /= factor
	v.ScaleLat = 0
	return v.PlaceAt(p, x, y)
}

// Pan returns v with the map content moved by (dx, dy) pixels, as when the
// map is dragged by that much: the lon/lat that was at the view centre is
// drawn at (Width/2+dx, Height/2+dy). The projection's scale factors stay
// those of the view panned (ScaleLat is set to its centre latitude when
// zero), so every point moves by exactly (dx, dy).
func (v View) Pan(dx, dy float64) View {
	if !finite(dx) || !finite(dy) {
		return v
	}
	v.ScaleLat = v.scaleLat()
	return v.PlaceAt(v.Center, float64(v.Width)/2+dx, float64(v.Height)/2+dy)
}

// Window returns the view of the part r of v's frame (pixels of v): a view
// of r's size whose pixel (x, y) is v's pixel (r.Min.X+x, r.Min.Y+y), up
// to floating-point rounding. Drawing the windows of a frame side by side
// draws the frame.
func (v View) Window(r image.Rectangle) View {
	w := v
	w.ScaleLat = v.scaleLat()
	w.Width, w.Height = r.Dx(), r.Dy()
	w.Center = v.ToLonLat(float64(r.Min.X)+float64(w.Width)/2, float64(r.Min.Y)+float64(w.Height)/2)
	return w
}

// GroundMetresPerPixel returns the ground metres one pixel spans east-west
// at the view centre: MetresPerPixel, but for a view whose ScaleLat is not
// its centre's.
func (v View) GroundMetresPerPixel() float64 {
	if v.ScaleLat == 0 || v.ScaleLat == v.Center[1] {
		return v.MetresPerPixel
	}
	kc, _ := degreeMetres(v.Center[1])
	ks, _ := degreeMetres(v.ScaleLat)
	return v.MetresPerPixel * kc / ks
}

// Scale returns the denominator N of the 1:N scale at the view centre on a
// screen of the given dots per inch.
func (v View) Scale(dpi float64) float64 {
	return v.GroundMetresPerPixel() * dpi / 0.0254
}

// finite reports whether f is neither NaN nor infinite. f-f is 0 for
// every finite f and NaN for NaN and the infinities: one
// subtraction, where IsNaN and IsInf took three tests (finite is asked of
// every vertex drawn).
func finite(f float64) bool { return f-f == 0 }
