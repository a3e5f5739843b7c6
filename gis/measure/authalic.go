package measure

import "math"

// The authalic (equal-area) sphere has radius Rq with 4πRq² equal to the
// area of the ellipsoid; the authalic latitude ξ maps the ellipsoid onto it
// preserving area. Polygon areas are computed on that sphere.

// authalic returns sin ξ and 1 + cos ξ for the geodetic latitude lat in
// degrees. Both are accurate to round-off for every latitude, including
// near the poles, where cos ξ is computed from qp − q without cancellation.
func authalic(lat float64) (sinXi, oneCosXi float64) {
	s, c := math.Sincos(lat * degree)
	as := math.Abs(s)
	var q, qm float64 // q(φ) and qp − q(|φ|)
	if as <= 0.5 {
		q = (1 - ellE2) * (s/(1-ellE2*s*s) + math.Atanh(ellE*s)/ellE)
		sinXi = q / ellQp
		return sinXi, 1 + math.Sqrt((1-sinXi)*(1+sinXi))
	}
	// 1 − |s| = cos²φ / (1 + |s|), exact in relative terms.
	oms := c * c / (1 + as)
	qm = oms*(1+ellE2*as)/(1-ellE2*as*as) +
		(1-ellE2)*math.Atanh(ellE*oms/(1-ellE2*as))/ellE
	q = math.Copysign(ellQp-qm, s)
	sinXi = q / ellQp
	cosXi := math.Sqrt(qm*(2*ellQp-qm)) / ellQp
	return sinXi, 1 + cosXi
}
