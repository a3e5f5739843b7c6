package crs

import "math"

// MaxMercatorLat is the latitude, in degrees, at which Web Mercator's square
// world ends (y = ±π·a). FromLonLat refuses latitudes beyond it.
const MaxMercatorLat = 85.05112877980659

// webMercForward is the spherical Mercator used by EPSG:3857 on a sphere of
// radius a (PROJ's +proj=webmerc).
func webMercForward(a, lon, lat float64) (x, y float64) {
	return a * lon * deg, a * math.Asinh(math.Tan(lat*deg))
}

// webMercInverse inverts webMercForward; results in degrees.
func webMercInverse(a, x, y float64) (lon, lat float64) {
	return x / a / deg, math.Atan(math.Sinh(y/a)) / deg
}
