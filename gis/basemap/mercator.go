package basemap

import "math"

// Web Mercator on the WGS 84 sphere radius (EPSG:3857).
const (
	mercatorR = 6378137.0
	// MaxMercatorLat is the latitude of the top edge of tile 0/0/0.
	MaxMercatorLat = 85.05112877980659
)

// mercX returns the fraction 0..1 of the world width at longitude lon
// (degrees; not wrapped).
func mercX(lon float64) float64 { return (lon + 180) / 360 }

// mercY returns the fraction 0..1 of the world height (from the north edge)
// at latitude lat in degrees.
func mercY(lat float64) float64 {
	return (1 - math.Asinh(math.Tan(lat*math.Pi/180))/math.Pi) / 2
}

// groundResolution returns ground metres per tile pixel at zoom z and
// latitude lat for tiles ts pixels wide.
func groundResolution(z int, lat float64, ts int) float64 {
	return 2 * math.Pi * mercatorR * math.Cos(lat*math.Pi/180) / (float64(ts) * math.Exp2(float64(z)))
}

// chooseZoom returns the zoom whose resolution at lat is the first at
// least as fine as mpp metres per pixel, clamped to lo..hi.
func chooseZoom(mpp, lat float64, ts, lo, hi int) int {
	r0 := groundResolution(0, lat, ts)
	z := int(math.Ceil(math.Log2(r0/mpp) - 1e-9))
	return min(max(z, lo), hi)
}
