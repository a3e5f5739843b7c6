package crs

import "math"

// MaxCMDistance is the largest longitude difference, in degrees, from a
// transverse Mercator central meridian that FromLonLat accepts and ToLonLat
// returns. Beyond it the result is refused with CodeOutOfZone.
const MaxCMDistance = 45.0

// maxNormEasting bounds |easting| / (k0 · rectifying radius) before the
// inverse series is attempted; the same 150° limit PROJ applies.
const maxNormEasting = 2.623395162778

const deg = math.Pi / 180

// tmForward maps latitude phi and longitude difference lam from the
// central meridian (radians) to (easting, northing) in units of k0·a
// before false easting/northing, for an origin latitude of 0.
func tmForward(k *krueger, phi, lam float64) (e, n float64) {
	// Geodetic -> conformal latitude.
	chi := latSeries(&k.cbg, phi)
	sc, cc := math.Sincos(chi)
	sl, cl := math.Sincos(lam)
	// Conformal lat/lon -> Gauss–Schreiber (spherical TM) coordinates.
	xip := math.Atan2(sc, cl*cc)
	etap := math.Asinh(sl * cc / math.Hypot(sc, cl*cc))
	// Spherical TM -> ellipsoidal TM (Krüger α series).
	dxi, deta := complexSeries(&k.alpha, xip, etap)
	return k.rectA * (etap + deta), k.rectA * (xip + dxi)
}

// tmInverse is the inverse of tmForward: (easting, northing) in units of
// k0·a to latitude and longitude difference, radians. ok is false when the
// easting is beyond the domain of the series.
func tmInverse(k *krueger, e, n float64) (phi, lam float64, ok bool) {
	xi := n / k.rectA
	eta := e / k.rectA
	if !(math.Abs(eta) <= maxNormEasting) {
		return 0, 0, false
	}
	dxi, deta := complexSeries(&k.beta, xi, eta)
	xip := xi + dxi
	etap := eta + deta
	// Spherical TM -> conformal lat/lon.
	sx, cx := math.Sincos(xip)
	sh := math.Sinh(etap)
	lam = math.Atan2(sh, cx)
	chi := math.Atan2(sx, math.Hypot(sh, cx))
	// Conformal -> geodetic latitude.
	phi = latSeries(&k.cgb, chi)
	return phi, lam, true
}
