package measure

// Series expansions of Karney's geodesic method, to sixth order in the small
// parameter eps (k²/(2(1+√(1+k²))+k²)) and in the third flattening n.
// Coefficients are those of Karney (2013), eqs. (17), (18), (24), (25) and
// the A3/C3/C4 expansions of its appendix.

const geoOrder = 6

// a1m1 returns A1−1, the mean value of dI1/dσ minus one.
func a1m1(eps float64) float64 {
	e2 := eps * eps
	t := e2 * (64 + e2*(4+e2)) / 256
	return (t + eps) / (1 - eps)
}

// c1 fills c[1..6] with the coefficients C1[l] of the Fourier series of B1.
func c1(eps float64, c *[geoOrder + 1]float64) {
	e2 := eps * eps
	d := eps
	c[1] = d * (-16 + e2*(6-e2)) / 32
	d *= eps
	c[2] = d * (-128 + e2*(64-9*e2)) / 2048
	d *= eps
	c[3] = d * (-16 + 9*e2) / 768
	d *= eps
	c[4] = d * (-5 + 3*e2) / 512
	d *= eps
	c[5] = d * -7 / 1280
	d *= eps
	c[6] = d * -7 / 2048
}

// a2m1 returns A2−1, the mean value of dI2/dσ minus one.
func a2m1(eps float64) float64 {
	e2 := eps * eps
	t := e2 * (-192 + e2*(-28-11*e2)) / 256
	return (t - eps) / (1 + eps)
}

// c2 fills c[1..6] with the coefficients C2[l] of the Fourier series of B2.
func c2(eps float64, c *[geoOrder + 1]float64) {
	e2 := eps * eps
	d := eps
	c[1] = d * (16 + e2*(2+e2)) / 32
	d *= eps
	c[2] = d * (384 + e2*(64+35*e2)) / 2048
	d *= eps
	c[3] = d * (80 + 15*e2) / 768
	d *= eps
	c[4] = d * (35 + 7*e2) / 512
	d *= eps
	c[5] = d * 63 / 1280
	d *= eps
	c[6] = d * 77 / 2048
}

// a3x holds the coefficients of A3 as a polynomial in eps, highest power
// first; each is itself a polynomial in the third flattening n.
var a3x = [geoOrder]float64{
	-3.0 / 128,
	polyval([]float64{-2, -3}, ellN) / 64,
	polyval([]float64{-1, -3, -1}, ellN) / 16,
	polyval([]float64{3, -1, -2}, ellN) / 8,
	polyval([]float64{1, -1}, ellN) / 2,
	1,
}

// a3 returns A3, the mean value of dI3/dσ.
func a3(eps float64) float64 { return polyval(a3x[:], eps) }

// c3x[l] holds the coefficients of C3[l]/eps^l as a polynomial in eps,
// highest power first.
var c3x = [geoOrder][]float64{
	1: {
		3.0 / 128,
		polyval([]float64{2, 5}, ellN) / 128,
		polyval([]float64{-1, 3, 3}, ellN) / 64,
		polyval([]float64{-1, 0, 1}, ellN) / 8,
		polyval([]float64{-1, 1}, ellN) / 4,
	},
	2: {
		5.0 / 256,
		polyval([]float64{1, 3}, ellN) / 128,
		polyval([]float64{-3, -2, 3}, ellN) / 64,
		polyval([]float64{1, -3, 2}, ellN) / 32,
	},
	3: {
		7.0 / 512,
		polyval([]float64{-10, 9}, ellN) / 384,
		polyval([]float64{5, -9, 5}, ellN) / 192,
	},
	4: {
		7.0 / 512,
		polyval([]float64{-14, 7}, ellN) / 512,
	},
	5: {
		21.0 / 2560,
	},
}

// c3 fills c[1..5] with the coefficients C3[l] of the Fourier series of I3.
func c3(eps float64, c *[geoOrder + 1]float64) {
	m := 1.0
	for l := 1; l < geoOrder; l++ {
		m *= eps
		c[l] = m * polyval(c3x[l], eps)
	}
}

// c4x[l] holds the coefficients of C4[l]/eps^l as a polynomial in eps,
// highest power first.
var c4x = [geoOrder][]float64{
	0: {
		97.0 / 15015,
		polyval([]float64{1088, 156}, ellN) / 45045,
		polyval([]float64{-224, -4784, 1573}, ellN) / 45045,
		polyval([]float64{-10656, 14144, -4576, -858}, ellN) / 45045,
		polyval([]float64{64, 624, -4576, 6864, -3003}, ellN) / 15015,
		polyval([]float64{100, 208, 572, 3432, -12012, 30030}, ellN) / 45045,
	},
	1: {
		1.0 / 9009,
		polyval([]float64{-2944, 468}, ellN) / 135135,
		polyval([]float64{5792, 1040, -1287}, ellN) / 135135,
		polyval([]float64{5952, -11648, 9152, -2574}, ellN) / 135135,
		polyval([]float64{-64, -624, 4576, -6864, 3003}, ellN) / 135135,
	},
	2: {
		8.0 / 10725,
		polyval([]float64{1856, -936}, ellN) / 225225,
		polyval([]float64{-8448, 4992, -1144}, ellN) / 225225,
		polyval([]float64{-1440, 4160, -4576, 1716}, ellN) / 225225,
	},
	3: {
		-136.0 / 63063,
		polyval([]float64{1024, -208}, ellN) / 105105,
		polyval([]float64{3584, -3328, 1144}, ellN) / 315315,
	},
	4: {
		-128.0 / 135135,
		polyval([]float64{-2560, 832}, ellN) / 405405,
	},
	5: {
		128.0 / 99099,
	},
}

// c4 fills c[0..5] with the coefficients C4[l] of the Fourier series of I4.
func c4(eps float64, c *[geoOrder + 1]float64) {
	m := 1.0
	for l := 0; l < geoOrder; l++ {
		c[l] = m * polyval(c4x[l], eps)
		m *= eps
	}
}

// sinSeries evaluates Σ_{l=1..n} c[l]·sin(2lσ) by Clenshaw summation, given
// sin σ and cos σ.
func sinSeries(sinx, cosx float64, c []float64, n int) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx) // 2cos 2σ
	k := n + 1
	var y0, y1 float64
	if n&1 == 1 {
		k--
		y0 = c[k]
	}
	for i := n / 2; i > 0; i-- {
		k--
		y1 = ar*y0 - y1 + c[k]
		k--
		y0 = ar*y1 - y0 + c[k]
	}
	return 2 * sinx * cosx * y0
}

// cosSeries evaluates Σ_{l=0..n−1} c[l]·cos((2l+1)σ) by Clenshaw summation,
// given sin σ and cos σ.
func cosSeries(sinx, cosx float64, c []float64, n int) float64 {
	ar := 2 * (cosx - sinx) * (cosx + sinx)
	k := n
	var y0, y1 float64
	if n&1 == 1 {
		k--
		y0 = c[k]
	}
	for i := n / 2; i > 0; i-- {
		k--
		y1 = ar*y0 - y1 + c[k]
		k--
		y0 = ar*y1 - y0 + c[k]
	}
	return cosx * (y0 - y1)
}
