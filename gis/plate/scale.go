package plate

import (
	"math"
	"strconv"
	"strings"
)

// niceScale returns the smallest round scale denominator at least n:
// 1, 1.5, 2, 2.5, 3, 4, 5 or 7.5 × 10^k (1:500, 1:2000, 1:2500, 1:5000,
// 1:10 000, 1:25 000, 1:50 000 …).
func niceScale(n float64) float64 {
	if !(n > 0) || math.IsInf(n, 1) {
		return n
	}
	e := math.Floor(math.Log10(n))
	for ; ; e++ {
		base := math.Pow(10, e)
		for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10} {
			if v := m * base; v >= n*(1-1e-9) {
				return v
			}
		}
	}
}

// roundLength returns the longest 1, 2 or 5 × 10^k metres not above
// limit, and its leading digit.
func roundLength(limit float64) (float64, int) {
	if !(limit > 0) || math.IsInf(limit, 1) {
		return 0, 0
	}
	base := math.Pow(10, math.Floor(math.Log10(limit)))
	for _, m := range []int{5, 2, 1} {
		if v := float64(m) * base; v <= limit*(1+1e-12) {
			return v, m
		}
	}
	return base, 1
}

// FormatScale writes 1:N with a thin space every three digits
// ("1:50 000").
func FormatScale(n float64) string {
	return "1:" + groupDigits(strconv.FormatFloat(math.Round(n), 'f', 0, 64))
}

func groupDigits(s string) string {
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// trimFloat formats v with up to 3 decimals, no trailing zeros.
func trimFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
