package measure

import "math"

// Pieces of the inverse solution: the distance integrals, the starting
// guess for the azimuth, and Newton's method on the longitude equation.

// lengths returns s12/b and, when wantM, the reduced length m12/b for the
// arc σ1…σ2 (σ12 = sig12) with expansion parameter eps.
func lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64, wantM bool) (s12b, m12b float64) {
	var cA, cB [geoOrder + 1]float64
	a1 := a1m1(eps)
	c1(eps, &cA)
	b1 := sinSeries(ssig2, csig2, cA[:], geoOrder) - sinSeries(ssig1, csig1, cA[:], geoOrder)
	s12b = (1 + a1) * (sig12 + b1)
	if wantM {
		a2 := a2m1(eps)
		c2(eps, &cB)
		m0 := a1 - a2
		b2 := sinSeries(ssig2, csig2, cB[:], geoOrder) - sinSeries(ssig1, csig1, cB[:], geoOrder)
		j12 := m0*sig12 + ((1+a1)*b1 - (1+a2)*b2)
		// Parentheses keep the cancellation exact for coincident points.
		m12b = dn2*(csig1*ssig2) - dn1*(ssig1*csig2) - csig1*csig2*j12
	}
	return s12b, m12b
}

// astroid returns the positive root k of
// k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0.
func astroid(x, y float64) float64 {
	p, q := sq(x), sq(y)
	r := (p + q - 1) / 6
	if q == 0 && r <= 0 {
		return 0
	}
	s := p * q / 4 // r³·s
	r2 := sq(r)
	r3 := r * r2
	disc := s * (s + 2*r3) // zero on the evolute p^(1/3)+q^(1/3) = 1
	u := r
	if disc >= 0 {
		t3 := s + r3
		if t3 < 0 {
			t3 -= math.Sqrt(disc)
		} else {
			t3 += math.Sqrt(disc)
		}
		t := math.Cbrt(t3)
		if t != 0 {
			u += t + r2/t
		}
	} else {
		ang := math.Atan2(math.Sqrt(-disc), -(s + r3))
		u += 2 * r * math.Cos(ang/3)
	}
	v := math.Sqrt(sq(u) + q)
	var uv float64
	if u < 0 {
		uv = q / (v - u)
	} else {
		uv = u + v
	}
	w := (uv - q) / (2 * v)
	return uv / (math.Sqrt(uv+sq(w)) + w)
}

// inverseStart returns a starting azimuth (salp1, calp1) for Newton's
// method. For short lines it solves the problem outright: it then returns
// σ12 ≥ 0, the azimuth at point 2 and dnm, the mean of dn; otherwise
// σ12 = −1.
func inverseStart(p1, p2 geoPoint, lam12, slam12, clam12 float64) (sig12, salp1, calp1, salp2, calp2, dnm float64) {
	sig12 = -1
	sbet12 := p2.sbet*p1.cbet - p2.cbet*p1.sbet // β2−β1 in [0, π)
	cbet12 := p2.cbet*p1.cbet + p2.sbet*p1.sbet
	sbet12a := p2.sbet*p1.cbet + p2.cbet*p1.sbet // β2+β1 in (−π, 0]
	shortline := cbet12 >= 0 && sbet12 < 0.5 && p2.cbet*lam12 < 0.5
	var somg12, comg12 float64
	if shortline {
		sbetm2 := sq(p1.sbet + p2.sbet)
		sbetm2 /= sbetm2 + sq(p1.cbet+p2.cbet)
		dnm = math.Sqrt(1 + ellEp2*sbetm2)
		somg12, comg12 = math.Sincos(lam12 / (ellF1 * dnm))
	} else {
		somg12, comg12 = slam12, clam12
	}

	salp1 = p2.cbet * somg12
	if comg12 >= 0 {
		calp1 = sbet12 + p2.cbet*p1.sbet*sq(somg12)/(1+comg12)
	} else {
		calp1 = sbet12a - p2.cbet*p1.sbet*sq(somg12)/(1-comg12)
	}
	ssig12 := math.Hypot(salp1, calp1)
	csig12 := p1.sbet*p2.sbet + p1.cbet*p2.cbet*comg12

	switch {
	case shortline && ssig12 < etol2:
		// Really short line: the spherical solution is accurate.
		salp2 = p1.cbet * somg12
		t := 1 - comg12
		if comg12 >= 0 {
			t = sq(somg12) / (1 + comg12)
		}
		calp2 = sbet12 - p1.cbet*p2.sbet*t
		salp2, calp2 = norm2(salp2, calp2)
		sig12 = math.Atan2(ssig12, csig12)
	case math.Abs(ellN) > 0.1 || csig12 >= 0 || ssig12 >= 6*math.Abs(ellN)*math.Pi*sq(p1.cbet):
		// The zeroth-order spherical estimate is good enough.
	default:
		// Nearly antipodal points (oblate ellipsoid): scale to the
		// coordinates where the antipode is the origin and solve the
		// astroid problem for the start.
		lam12x := math.Atan2(-slam12, -clam12) // λ12 − π
		k2 := sq(p1.sbet) * ellEp2
		eps := k2 / (2*(1+math.Sqrt(1+k2)) + k2)
		lamscale := ellF * p1.cbet * a3(eps) * math.Pi
		betscale := lamscale * p1.cbet
		x := lam12x / lamscale
		y := sbet12a / betscale
		if y > -tol1 && x > -1-xthresh {
			salp1 = math.Min(1, -x)
			calp1 = -math.Sqrt(1 - sq(salp1))
		} else {
			k := astroid(x, y)
			omg12a := lamscale * (-x * k / (1 + k))
			somg12 = math.Sin(omg12a)
			comg12 = -math.Cos(omg12a)
			salp1 = p2.cbet * somg12
			calp1 = sbet12a - p2.cbet*p1.sbet*sq(somg12)/(1-comg12)
		}
	}
	if !(salp1 <= 0) {
		salp1, calp1 = norm2(salp1, calp1)
	} else {
		salp1, calp1 = 1, 0
	}
	return sig12, salp1, calp1, salp2, calp2, dnm
}

// lambdaResult carries the by-products of one evaluation of λ12(α1).
type lambdaResult struct {
	salp2, calp2               float64
	sig12                      float64
	ssig1, csig1, ssig2, csig2 float64
	eps, domg12                float64
}

// lambda12 returns λ12 − λ12(target) for the azimuth (salp1, calp1) at
// point 1, and when diffp its derivative with respect to α1.
func lambda12(p1, p2 geoPoint, salp1, calp1, slam120, clam120 float64, diffp bool) (v, dv float64, r lambdaResult) {
	if p1.sbet == 0 && calp1 == 0 {
		calp1 = -tiny // break the degeneracy of the equatorial line
	}
	salp0 := salp1 * p1.cbet
	calp0 := math.Hypot(calp1, salp1*p1.sbet)

	somg1 := salp0 * p1.sbet
	comg1 := calp1 * p1.cbet
	r.ssig1, r.csig1 = norm2(p1.sbet, comg1)

	if p2.cbet != p1.cbet {
		r.salp2 = salp0 / p2.cbet
	} else {
		r.salp2 = salp1
	}
	if p2.cbet != p1.cbet || math.Abs(p2.sbet) != -p1.sbet {
		var d float64
		if p1.cbet < -p1.sbet {
			d = (p2.cbet - p1.cbet) * (p1.cbet + p2.cbet)
		} else {
			d = (p1.sbet - p2.sbet) * (p1.sbet + p2.sbet)
		}
		r.calp2 = math.Sqrt(sq(calp1*p1.cbet)+d) / p2.cbet
	} else {
		r.calp2 = math.Abs(calp1)
	}
	somg2 := salp0 * p2.sbet
	comg2 := r.calp2 * p2.cbet
	r.ssig2, r.csig2 = norm2(p2.sbet, comg2)

	r.sig12 = math.Atan2(math.Max(0, r.csig1*r.ssig2-r.ssig1*r.csig2)+0, r.csig1*r.csig2+r.ssig1*r.ssig2)
	somg12 := math.Max(0, comg1*somg2-somg1*comg2) + 0
	comg12 := comg1*comg2 + somg1*somg2
	eta := math.Atan2(somg12*clam120-comg12*slam120, comg12*clam120+somg12*slam120)

	k2 := sq(calp0) * ellEp2
	r.eps = k2 / (2*(1+math.Sqrt(1+k2)) + k2)
	var c [geoOrder + 1]float64
	c3(r.eps, &c)
	b312 := sinSeries(r.ssig2, r.csig2, c[:], geoOrder-1) - sinSeries(r.ssig1, r.csig1, c[:], geoOrder-1)
	r.domg12 = -ellF * a3(r.eps) * salp0 * (r.sig12 + b312)
	v = eta + r.domg12

	if diffp {
		if r.calp2 == 0 {
			dv = -2 * ellF1 * p1.dn / p1.sbet
		} else {
			_, m12b := lengths(r.eps, r.sig12, r.ssig1, r.csig1, p1.dn, r.ssig2, r.csig2, p2.dn, true)
			dv = m12b * ellF1 / (r.calp2 * p2.cbet)
		}
	}
	return v, dv, r
}

// solveAzimuth finds α1 with λ12(α1) equal to the target longitude
// difference by Newton's method, falling back to bisection of a bracket
// whenever a Newton step would leave it.
func solveAzimuth(p1, p2 geoPoint, salp1, calp1, slam12, clam12 float64) (float64, float64, lambdaResult) {
	salp1a, calp1a := tiny, 1.0
	salp1b, calp1b := tiny, -1.0
	tripn, tripb := false, false
	var r lambdaResult
	for numit := 0; ; numit++ {
		var v, dv float64
		v, dv, r = lambda12(p1, p2, salp1, calp1, slam12, clam12, numit < maxit1)
		lim := tol0
		if tripn {
			lim = 8 * tol0
		}
		// Reversed test so that NaN also stops the iteration.
		if tripb || !(math.Abs(v) >= lim) || numit == maxit2 {
			break
		}
		if v > 0 && (numit > maxit1 || calp1/salp1 > calp1b/salp1b) {
			salp1b, calp1b = salp1, calp1
		} else if v < 0 && (numit > maxit1 || calp1/salp1 < calp1a/salp1a) {
			salp1a, calp1a = salp1, calp1
		}
		if numit < maxit1 && dv > 0 {
			if dalp1 := -v / dv; math.Abs(dalp1) < math.Pi {
				sd, cd := math.Sincos(dalp1)
				if nsalp1 := salp1*cd + calp1*sd; nsalp1 > 0 {
					calp1 = calp1*cd - salp1*sd
					salp1, calp1 = norm2(nsalp1, calp1)
					tripn = math.Abs(v) <= 16*tol0
					continue
				}
			}
		}
		salp1, calp1 = norm2((salp1a+salp1b)/2, (calp1a+calp1b)/2)
		tripn = false
		tripb = math.Abs(salp1a-salp1)+(calp1a-calp1) < tolb ||
			math.Abs(salp1-salp1b)+(calp1-calp1b) < tolb
	}
	return salp1, calp1, r
}
