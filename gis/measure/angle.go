package measure

import "math"

// Angle helpers for the geodesic solver. Angles are in degrees unless the
// name says otherwise; reductions are done exactly in degrees before
// converting to radians, which keeps round-off small near multiples of 90°.

const degree = math.Pi / 180

var (
	tiny = math.Sqrt(0x1p-1022) // square root of the smallest normal float64
	tol0 = 0x1p-52              // machine epsilon
)

// twoSum returns s = fl(u+v) and the exact rounding error t with u+v = s+t.
func twoSum(u, v float64) (s, t float64) {
	s = u + v
	up := s - v
	vpp := s - up
	up -= u
	vpp -= v
	if s != 0 {
		t = 0 - (up + vpp)
	} else {
		t = s
	}
	return s, t
}

// angDiff returns y−x reduced to [−180, 180] together with the rounding
// error e of that difference (d+e is the exact difference). −180 is returned
// only when the exact difference lies just beyond it.
func angDiff(x, y float64) (d, e float64) {
	d, t := twoSum(math.Remainder(-x, 360), math.Remainder(y, 360))
	d, t = twoSum(math.Remainder(d, 360), t)
	if d == 0 || math.Abs(d) == 180 {
		s := -t
		if t == 0 {
			s = y - x
		}
		d = math.Copysign(d, s)
	}
	return d, t
}

// angRound rounds tiny values so that they are exact multiples of 2^-57;
// this prevents underflow in sums with values of order 1 and treats points
// very close to the equator as lying on it.
func angRound(x float64) float64 {
	const z = 1.0 / 16
	y := math.Abs(x)
	if w := z - y; w > 0 {
		y = z - w
	}
	return math.Copysign(y, x)
}

// latFix returns NaN for latitudes beyond ±90°.
func latFix(x float64) float64 {
	if math.Abs(x) > 90 {
		return math.NaN()
	}
	return x
}

// sincosd returns sin and cos of x degrees, reducing x exactly to
// [−45°, 45°] first.
func sincosd(x float64) (sinx, cosx float64) { return sincosdx(x, 0, false) }

// sincosde is sincosd of x+t, where t is the small error term of angDiff;
// the reduced angle is passed through angRound.
func sincosde(x, t float64) (sinx, cosx float64) { return sincosdx(x, t, true) }

func sincosdx(x, t float64, round bool) (sinx, cosx float64) {
	r := math.Remainder(x, 90) // exact
	q := 0
	if n := (x - r) / 90; !math.IsNaN(n) && !math.IsInf(n, 0) {
		q = int(math.Mod(n, 4)) // n is an exact integer
		if q < 0 {
			q += 4
		}
	}
	if round {
		r = angRound(r + t)
	}
	s, c := math.Sincos(r * degree)
	switch q {
	case 0:
		sinx, cosx = s, c
	case 1:
		sinx, cosx = c, -s
	case 2:
		sinx, cosx = -s, -c
	default:
		sinx, cosx = -c, s
	}
	cosx += 0 // turn −0 into +0
	if sinx == 0 {
		sinx = math.Copysign(sinx, x)
	}
	return sinx, cosx
}

// norm2 scales (s, c) to unit length.
func norm2(s, c float64) (float64, float64) {
	r := math.Hypot(s, c)
	return s / r, c / r
}

// polyval evaluates the polynomial p[0]·x^n + … + p[n] by Horner's rule,
// where n = len(p)−1.
func polyval(p []float64, x float64) float64 {
	if len(p) == 0 {
		return 0
	}
	y := p[0]
	for _, c := range p[1:] {
		y = y*x + c
	}
	return y
}

func sq(x float64) float64 { return x * x }
