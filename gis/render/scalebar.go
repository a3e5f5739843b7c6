package render

import "math"

// ScaleBar picks the longest round ground length (1, 2 or 5 × 10^n metres)
// whose bar is at most maxPx pixels long in v, and returns it with its length
// in pixels. It returns (0, 0) when maxPx is not positive or v's
// MetresPerPixel is not positive and finite.
func ScaleBar(v View, maxPx int) (metres float64, px float64) {
	mpp := v.GroundMetresPerPixel()
	if maxPx <= 0 || !(mpp > 0) || math.IsInf(mpp, 1) {
		return 0, 0
	}
	limit := float64(maxPx) * mpp
	e := math.Floor(math.Log10(limit))
	for ; e > -30; e-- {
		base := math.Pow(10, e)
		for _, m := range [...]float64{5, 2, 1} {
			if l := m * base; l <= limit*(1+1e-12) {
				return l, l / mpp
			}
		}
	}
	return 0, 0
}
