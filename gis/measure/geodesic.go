package measure

import "math"

// The inverse geodesic problem on the GRS80 ellipsoid: given two points,
// find the length of the shortest path between them (and, optionally, the
// area between that path and the equator). This follows Karney (2013):
// reduce to the auxiliary sphere, find the azimuth at the first point by
// Newton's method on the longitude equation, then integrate the distance
// with sixth-order series. Latitudes and longitudes are in degrees.

var (
	tol1    = 200 * tol0
	tol2    = math.Sqrt(tol0)
	tolb    = tol0
	xthresh = 1000 * tol2
	// etol2 is the σ12 threshold below which the auxiliary-sphere
	// solution is accurate to round-off ("really short" lines).
	etol2 = 0.1 * tol2 / math.Sqrt(math.Max(0.001, math.Abs(ellF))*math.Min(1, 1-ellF/2)/2)
)

const (
	maxit1 = 20
	maxit2 = maxit1 + 53 + 10
)

// geoPoint is a point on the auxiliary sphere: sin and cos of the reduced
// latitude β and the factor dn = √(1+e'² sin²β).
type geoPoint struct{ sbet, cbet, dn float64 }

// inverse returns the geodesic distance s12 in metres from (lat1, lon1) to
// (lat2, lon2). If area is true it also returns S12, the area in m² between
// the geodesic and the equator (positive for an east-going geodesic in the
// northern hemisphere), as defined by Karney; otherwise S12 is 0.
func inverse(lat1, lon1, lat2, lon2 float64, area bool) (s12, S12 float64) {
	// Bring the problem to the canonical form 0 ≤ λ12 ≤ 180°,
	// −90° ≤ φ1 ≤ 0, φ1 ≤ φ2 ≤ −φ1, remembering the flips for S12.
	lon12, lon12s := angDiff(lon1, lon2)
	lonsign := 1.0
	if math.Signbit(lon12) {
		lonsign = -1
	}
	lon12 *= lonsign
	lon12s *= lonsign
	lam12 := lon12 * degree
	slam12, clam12 := sincosde(lon12, lon12s)
	lon12s = (180 - lon12) - lon12s // supplementary longitude difference

	lat1 = angRound(latFix(lat1))
	lat2 = angRound(latFix(lat2))
	swapp := 1.0
	if math.Abs(lat1) < math.Abs(lat2) || math.IsNaN(lat2) {
		swapp = -1
		lonsign = -lonsign
		lat1, lat2 = lat2, lat1
	}
	latsign := -1.0
	if math.Signbit(lat1) {
		latsign = 1
	}
	lat1 *= latsign
	lat2 *= latsign

	p1 := reducedPoint(lat1)
	p2 := reducedPoint(lat2)
	// Force β2 = ±β1 exactly when they are equal to round-off, so that the
	// symmetric cases are handled consistently.
	if p1.cbet < -p1.sbet {
		if p2.cbet == p1.cbet {
			p2.sbet = math.Copysign(p1.sbet, p2.sbet)
		}
	} else if math.Abs(p2.sbet) == -p1.sbet {
		p2.cbet = p1.cbet
	}
	p1.dn = math.Sqrt(1 + ellEp2*sq(p1.sbet))
	p2.dn = math.Sqrt(1 + ellEp2*sq(p2.sbet))

	var (
		sig12, s12x                float64
		salp1, calp1, salp2, calp2 float64
		omg12, somg12, comg12      float64
		haveOmg                    bool
		ca                         [geoOrder + 1]float64
	)

	meridian := lat1 == -90 || slam12 == 0
	if meridian {
		// Both points on one meridian: the geodesic may be that meridian.
		calp1, salp1 = clam12, slam12
		calp2, salp2 = 1, 0
		ssig1, csig1 := p1.sbet, calp1*p1.cbet
		ssig2, csig2 := p2.sbet, calp2*p2.cbet
		sig12 = math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2)+0, csig1*csig2+ssig1*ssig2)
		sb, mb := lengths(ellN, sig12, ssig1, csig1, p1.dn, ssig2, csig2, p2.dn, true)
		if sig12 < 1 || mb >= 0 {
			if sig12 < 3*tiny || (sig12 < tol0 && (sb < 0 || mb < 0)) {
				sig12, sb = 0, 0
			}
			s12x = sb * ellB
		} else {
			meridian = false // too close to antipodal on a prolate body
		}
	}

	switch {
	case meridian:
	case p1.sbet == 0 && (ellF <= 0 || lon12s >= ellF*180):
		// Geodesic runs along the equator.
		calp1, calp2, salp1, salp2 = 0, 0, 1, 1
		s12x = ellA * lam12
		sig12 = lam12 / ellF1
		omg12 = sig12
	default:
		var dnm float64
		sig12, salp1, calp1, salp2, calp2, dnm = inverseStart(p1, p2, lam12, slam12, clam12)
		if sig12 >= 0 {
			// Short line: the auxiliary-sphere solution is already exact.
			s12x = sig12 * ellB * dnm
			omg12 = lam12 / (ellF1 * dnm)
		} else {
			var r lambdaResult
			salp1, calp1, r = solveAzimuth(p1, p2, salp1, calp1, slam12, clam12)
			salp2, calp2, sig12 = r.salp2, r.calp2, r.sig12
			sb, _ := lengths(r.eps, sig12, r.ssig1, r.csig1, p1.dn, r.ssig2, r.csig2, p2.dn, false)
			s12x = sb * ellB
			if area {
				sd, cd := math.Sincos(r.domg12)
				somg12 = slam12*cd - clam12*sd
				comg12 = clam12*cd + slam12*sd
				haveOmg = true
			}
		}
	}
	s12 = 0 + s12x
	if !area {
		return s12, 0
	}

	// Area between the geodesic and the equator, eq. (58)–(60) of Karney.
	salp0 := salp1 * p1.cbet
	calp0 := math.Hypot(calp1, salp1*p1.sbet)
	if calp0 != 0 && salp0 != 0 {
		ssig1, csig1 := norm2(p1.sbet, calp1*p1.cbet)
		ssig2, csig2 := norm2(p2.sbet, calp2*p2.cbet)
		k2 := sq(calp0) * ellEp2
		eps := k2 / (2*(1+math.Sqrt(1+k2)) + k2)
		a4 := ellA * ellA * calp0 * salp0 * ellE2
		c4(eps, &ca)
		S12 = a4 * (cosSeries(ssig2, csig2, ca[:], geoOrder) - cosSeries(ssig1, csig1, ca[:], geoOrder))
	}
	if !meridian && !haveOmg {
		somg12, comg12 = math.Sincos(omg12)
	}
	var alp12 float64
	if !meridian && comg12 > -0.7071 && p2.sbet-p1.sbet < 1.75 {
		// tan(α12/2) from the spherical excess of the quadrilateral.
		domg12 := 1 + comg12
		dbet1, dbet2 := 1+p1.cbet, 1+p2.cbet
		alp12 = 2 * math.Atan2(somg12*(p1.sbet*dbet2+p2.sbet*dbet1),
			domg12*(p1.sbet*p2.sbet+dbet1*dbet2))
	} else {
		salp12 := salp2*calp1 - calp2*salp1
		calp12 := calp2*calp1 + salp2*salp1
		if salp12 == 0 && calp12 < 0 {
			salp12 = tiny * calp1
			calp12 = -1
		}
		alp12 = math.Atan2(salp12, calp12)
	}
	S12 += ellC2 * alp12
	S12 *= swapp * lonsign * latsign
	return s12, S12 + 0
}

// reducedPoint returns sin β and cos β for geodetic latitude lat (degrees),
// with cos β kept positive (at least tiny) at the poles.
func reducedPoint(lat float64) geoPoint {
	s, c := sincosd(lat)
	s, c = norm2(ellF1*s, c)
	return geoPoint{sbet: s, cbet: math.Max(tiny, c)}
}
