package gui

import (
	"math"
	"strconv"
	"strings"
)

// muPerHectare converts hectares to 亩 (the Chinese land unit, 1/15 ha).
const muPerHectare = 15

// groupDigits formats a whole number with thousands separators: 1234567 -> "1,234,567".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatCount formats a feature count.
func formatCount(n int) string { return groupDigits(int64(n)) }

// formatFixed formats x with dec decimals and thousands separators: 18518.44, 1 -> "18,518.4".
func formatFixed(x float64, dec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := strconv.FormatFloat(x, 'f', dec, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	n, err := strconv.ParseInt(strings.TrimPrefix(intPart, "-"), 10, 64)
	if err != nil { // beyond int64: leave ungrouped
		return s
	}
	out := groupDigits(n)
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}

// hectares converts square metres to hectares.
func hectares(m2 float64) float64 { return m2 / 10000 }
