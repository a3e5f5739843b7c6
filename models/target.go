package models

import (
	"math"
	"strconv"
	"strings"
)

// Target is a green-mine goal: by Date (Beijing, the day included), at least
// Rate of the counted mines green, and at least MinCount green mines when
// MinCount > 0. Targets are project data, editable.
type Target struct {
	ID       int64   `json:"id"`
	Date     Date    `json:"date"`
	Rate     float64 `json:"rate"`
	MinCount int     `json:"min_count,omitempty"`
	Label    string  `json:"label,omitempty"`
}

// DefaultTargets are the policy's: 47.6% by 2023-12-31 (section (六):
// 25 green mines, a creation rate of 47.6%) and every producing mine by
// 2025-12-31. The count 25 is not set by default: the plan does not say
// whether it is cumulative; set it with `minerehab target`.
func DefaultTargets() []Target {
	return []Target{
		{Date: MustDate("2023-12-31"), Rate: 0.476, Label: "2023"},
		{Date: MustDate("2025-12-31"), Rate: 1.0, Label: "2025"},
	}
}

// ratePPM is a rate in parts per million, rounded: 0.476 → 476000. Rates
// are kept to six decimals so that ⌈rate × counted⌉ is computed in integers
// and 47.6% of 500 is exactly 238, not 239 from 238.00000000000003.
func ratePPM(rate float64) int64 { return int64(math.Round(rate * 1e6)) }

// ParseRate reads a rate as 0.476, 47.6% or 47.6％; it must lie in (0, 1].
func ParseRate(s string) (float64, error) {
	t := strings.TrimSpace(s)
	pct := false
	if strings.HasSuffix(t, "%") || strings.HasSuffix(t, "％") {
		pct = true
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, "%"), "％"))
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &PlanError{Code: CodeBadRate, Value: s}
	}
	if pct {
		v /= 100
	}
	if v <= 0 || ratePPM(v) > 1e6 || ratePPM(v) <= 0 {
		return 0, &PlanError{Code: CodeBadRate, Value: s}
	}
	return float64(ratePPM(v)) / 1e6, nil
}

// Required is ⌈rate × counted⌉, exact for rates of up to six decimals.
func Required(rate float64, counted int) int {
	p := ratePPM(rate)
	if p <= 0 || counted <= 0 {
		return 0
	}
	return int((p*int64(counted) + 999999) / 1000000)
}

// Needed is how many more green mines a target needs:
// max(0, ⌈rate × counted⌉ − green, minCount − green).
func Needed(rate float64, minCount, counted, green int) int {
	n := Required(rate, counted) - green
	if m := minCount - green; minCount > 0 && m > n {
		n = m
	}
	if n < 0 {
		return 0
	}
	return n
}

// DaysLeft is deadline − d in days: 0 on the deadline day (which still
// counts), negative after it.
func DaysLeft(d, deadline Date) int { return deadline.Sub(d) }

// TrendDate is the date the current trend reaches a target: with gained
// green mines over the window days before d, the pace is gained/window a
// day, and needed more mines take ⌈needed × window / gained⌉ days. It is d
// when nothing is needed, and zero (never) when the pace is not positive.
func TrendDate(d Date, needed, gained, window int) Date {
	if needed <= 0 {
		return d
	}
	if gained <= 0 || window <= 0 {
		return 0
	}
	days := (int64(needed)*int64(window) + int64(gained) - 1) / int64(gained)
	if days > 1<<20 {
		return 0
	}
	return d.AddDays(int(days))
}
