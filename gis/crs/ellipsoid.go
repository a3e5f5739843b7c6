package crs

import "math"

// Ellipsoid is a reference ellipsoid.
type Ellipsoid struct {
	Name    string  // as EPSG/GDAL spell it, e.g. "CGCS2000", "WGS 84"
	EPSG    int     // EPSG ellipsoid code
	A       float64 // semi-major axis, metres
	InvFlat float64 // inverse flattening 1/f

	series *krueger // derived transverse Mercator series, nil until init
}

// The two ellipsoids in use. CGCS2000's ellipsoid has the GRS 80 values.
var (
	ellCGCS2000 = newEllipsoid("CGCS2000", 1024, 6378137, 298.257222101)
	ellWGS84    = newEllipsoid("WGS 84", 7030, 6378137, 298.257223563)
)

func newEllipsoid(name string, code int, a, invf float64) *Ellipsoid {
	e := &Ellipsoid{Name: name, EPSG: code, A: a, InvFlat: invf}
	e.series = newKrueger(1 / invf)
	return e
}

// krueger holds the sixth-order series coefficients in the third flattening
// n for one ellipsoid (Karney 2011, eqs. 35–36 and the conformal-latitude
// series; the same values as PROJ's "exact" tmerc).
type krueger struct {
	rectA float64    // rectifying radius divided by a: (1+n²/4+n⁴/64+n⁶/256)/(1+n)
	cbg   [6]float64 // geodetic latitude -> conformal (Gaussian) latitude
	cgb   [6]float64 // conformal latitude -> geodetic latitude
	alpha [6]float64 // conformal sphere -> ellipsoidal TM (forward, Krüger α)
	beta  [6]float64 // ellipsoidal TM -> conformal sphere (inverse, Krüger β, sign as used)
}

func newKrueger(f float64) *krueger {
	n := f / (2 - f)
	n2 := n * n
	k := &krueger{}
	k.rectA = (1 + n2*(1/4.0+n2*(1/64.0+n2/256.0))) / (1 + n)

	// Latitude series (geodetic <-> conformal), Engsager & Poder 2007.
	np := n
	k.cgb[0] = np * (2 + n*(-2/3.0+n*(-2+n*(116/45.0+n*(26/45.0+n*(-2854/675.0))))))
	k.cbg[0] = np * (-2 + n*(2/3.0+n*(4/3.0+n*(-82/45.0+n*(32/45.0+n*(4642/4725.0))))))
	np *= n
	k.cgb[1] = np * (7/3.0 + n*(-8/5.0+n*(-227/45.0+n*(2704/315.0+n*(2323/945.0)))))
	k.cbg[1] = np * (5/3.0 + n*(-16/15.0+n*(-13/9.0+n*(904/315.0+n*(-1522/945.0)))))
	np *= n
	k.cgb[2] = np * (56/15.0 + n*(-136/35.0+n*(-1262/105.0+n*(73814/2835.0))))
	k.cbg[2] = np * (-26/15.0 + n*(34/21.0+n*(8/5.0+n*(-12686/2835.0))))
	np *= n
	k.cgb[3] = np * (4279/630.0 + n*(-332/35.0+n*(-399572/14175.0)))
	k.cbg[3] = np * (1237/630.0 + n*(-12/5.0+n*(-24832/14175.0)))
	np *= n
	k.cgb[4] = np * (4174/315.0 + n*(-144838/6237.0))
	k.cbg[4] = np * (-734/315.0 + n*(109598/31185.0))
	np *= n
	k.cgb[5] = np * (601676 / 22275.0)
	k.cbg[5] = np * (444337 / 155925.0)

	// Krüger series, Karney 2011 eq. (35) α and (36) β (β with the sign
	// folded in, so both directions are a plain sum).
	k.alpha[0] = n * (0.5 + n*(-2/3.0+n*(5/16.0+n*(41/180.0+n*(-127/288.0+n*(7891/37800.0))))))
	k.beta[0] = n * (-0.5 + n*(2/3.0+n*(-37/96.0+n*(1/360.0+n*(81/512.0+n*(-96199/604800.0))))))
	np = n2
	k.alpha[1] = np * (13/48.0 + n*(-3/5.0+n*(557/1440.0+n*(281/630.0+n*(-1983433/1935360.0)))))
	k.beta[1] = np * (-1/48.0 + n*(-1/15.0+n*(437/1440.0+n*(-46/105.0+n*(1118711/3870720.0)))))
	np *= n
	k.alpha[2] = np * (61/240.0 + n*(-103/140.0+n*(15061/26880.0+n*(167603/181440.0))))
	k.beta[2] = np * (-17/480.0 + n*(37/840.0+n*(209/4480.0+n*(-5569/90720.0))))
	np *= n
	k.alpha[3] = np * (49561/161280.0 + n*(-179/168.0+n*(6601661/7257600.0)))
	k.beta[3] = np * (-4397/161280.0 + n*(11/504.0+n*(830251/7257600.0)))
	np *= n
	k.alpha[4] = np * (34729/80640.0 + n*(-3418889/1995840.0))
	k.beta[4] = np * (-4583/161280.0 + n*(108847/3991680.0))
	np *= n
	k.alpha[5] = np * (212378941 / 319334400.0)
	k.beta[5] = np * (-20648693 / 638668800.0)
	return k
}

// latSeries evaluates x + Σ c[j] sin(2(j+1)x) by Clenshaw summation.
func latSeries(c *[6]float64, x float64) float64 {
	s2, c2 := math.Sincos(2 * x)
	t := 2 * c2
	var b1, b2 float64
	for j := len(c) - 1; j >= 0; j-- {
		b1, b2 = t*b1-b2+c[j], b1
	}
	return x + b1*s2
}

// complexSeries returns Σ c[j] sin(2(j+1)(u+iv)) as (real, imag) by complex
// Clenshaw summation.
func complexSeries(c *[6]float64, u, v float64) (re, im float64) {
	su, cu := math.Sincos(2 * u)
	sh, ch := math.Sinh(2*v), math.Cosh(2*v)
	// z = 2 cos(2w) for w = u+iv.
	zr, zi := 2*cu*ch, -2*su*sh
	var br, bi, b1r, b1i, b2r, b2i float64
	for j := len(c) - 1; j >= 0; j-- {
		b2r, b2i = b1r, b1i
		b1r, b1i = br, bi
		br = zr*b1r - zi*b1i - b2r + c[j]
		bi = zi*b1r + zr*b1i - b2i
	}
	// multiply by sin(2w) = sin(2u)cosh(2v) + i cos(2u)sinh(2v).
	sr, si := su*ch, cu*sh
	return sr*br - si*bi, sr*bi + si*br
}
