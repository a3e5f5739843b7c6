package proximity

import (
	"math"

	"github.com/paulmach/orb"
)

// Radii bounding the ellipsoid's curvature from below (GRS 80): the
// meridional radius of curvature is never less than a(1-e²) (at the
// equator), and the radius of a parallel at latitude φ is N(φ)·cos φ ≥ a·cos φ.
const (
	grsA       = 6378137.0
	minMeridRM = 6335439.327 // a(1-e²)
	// margin widens every grown box: it absorbs the Gauss-Kruger scale
	// (planar distances are at most a few parts in 10⁴ off the geodesic
	// ones inside a zone) and rounding.
	margin = 1.01
	// slack, in degrees, is added on top (about 1 mm).
	slack = 1e-8
)

// Grow returns b grown by d metres on every side, converted to degrees
// conservatively for the latitudes b spans: every point within d metres of
// a point of b (along the ellipsoid, or in its Gauss-Kruger zone) lies in
// the result. Longitudes are not wrapped: near a pole, or for a huge d, the
// box becomes the whole world (-180..180, -90..90 clamped). d must be ≥ 0.
func Grow(b orb.Bound, d float64) orb.Bound {
	if d <= 0 {
		return b
	}
	dLat := d * margin / minMeridRM * 180 / math.Pi
	minLat := math.Max(b.Min[1]-dLat, -90)
	maxLat := math.Min(b.Max[1]+dLat, 90)
	phi := math.Max(math.Abs(minLat), math.Abs(maxLat))
	var dLon float64
	if c := math.Cos(phi * math.Pi / 180); phi >= 89.999 || c <= 0 {
		dLon = 360
	} else {
		dLon = math.Min(d*margin/(grsA*c)*180/math.Pi, 360)
	}
	out := orb.Bound{
		Min: orb.Point{b.Min[0] - dLon - slack, minLat - slack},
		Max: orb.Point{b.Max[0] + dLon + slack, maxLat + slack},
	}
	if dLon >= 180 {
		out.Min[0], out.Max[0] = -180, 180
	}
	out.Min[1] = math.Max(out.Min[1], -90)
	out.Max[1] = math.Min(out.Max[1], 90)
	return out
}

// meets reports whether two bounds share a point.
func meets(a, b orb.Bound) bool {
	return a.Max[0] >= b.Min[0] && a.Min[0] <= b.Max[0] && a.Max[1] >= b.Min[1] && a.Min[1] <= b.Max[1]
}
