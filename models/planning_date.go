package models

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a Beijing local calendar date (no time of day), counted in days so
// that differences are exact. The zero Date means "no date"; 0001-01-01 is 1.
// Planning dates are civil dates in Asia/Shanghai: China has kept UTC+08:00
// without daylight saving since 1991, so a fixed zone is exact for every date
// the tool handles and needs no tzdata.
type Date int32

// Beijing is the fixed UTC+08:00 zone planning dates are read in.
var Beijing = time.FixedZone("CST", 8*3600)

// unixEpochDay is the Date of 1970-01-01.
const unixEpochDay = 719163

// DateOf returns the calendar date y-m-d; it does not check the day exists
// (month 13 is January of the next year, day 0 the last of the previous
// month, as time.Date does); ParseDate does.
func DateOf(y int, m time.Month, d int) Date {
	// Normalise the month into 1..12.
	mm := int(m) - 1
	y += mm / 12
	mm %= 12
	if mm < 0 {
		mm += 12
		y--
	}
	return Date(daysFromCivil(int64(y), int64(mm+1), 1) + int64(d) - 1 + unixEpochDay)
}

// daysFromCivil counts days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ParseISO reads exactly YYYY-MM-DD (how the project stores dates) fast;
// ok is false for anything else, including days that do not exist.
func ParseISO(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	n := func(a, b int) (int, bool) {
		v := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := n(0, 4)
	m, ok2 := n(5, 7)
	d, ok3 := n(8, 10)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return DateOf(y, time.Month(m), d), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// DateAt returns the Beijing calendar date of an instant.
func DateAt(t time.Time) Date {
	y, m, d := t.In(Beijing).Date()
	return DateOf(y, m, d)
}

// Today is the Beijing date now.
func Today() Date { return DateAt(time.Now()) }

// IsZero reports whether d is the zero "no date".
func (d Date) IsZero() bool { return d == 0 }

// Time is midnight UTC of the date (for formatting and charts).
func (d Date) Time() time.Time {
	return time.Unix(int64(d-unixEpochDay)*86400, 0).UTC()
}

// YMD returns the year, month and day.
func (d Date) YMD() (int, time.Month, int) { return d.Time().Date() }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Sub returns d - e in days.
func (d Date) Sub(e Date) int { return int(d) - int(e) }

// String formats the date as 2006-01-02, "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// MarshalJSON writes "2006-01-02", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == 0 {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads what MarshalJSON writes (and every form ParseDate accepts).
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = 0
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDate reads a date written 2021-03-05, 2021/3/5, 2021.3.5 or
// 2021年3月5日 (ASCII or full-width digits, surrounding spaces ignored).
// Anything else, and any day that does not exist (2022-13-45, 2023-02-29),
// is refused with a *PlanError of code CodeBadDate. Years outside
// 1900–2200 are refused as typing mistakes.
func ParseDate(s string) (Date, error) {
	bad := func() (Date, error) {
		return 0, &PlanError{Code: CodeBadDate, Value: s}
	}
	t := strings.TrimSpace(toHalfWidth(s))
	var parts []string
	switch {
	case strings.HasSuffix(t, "日") && strings.Count(t, "年") == 1 && strings.Count(t, "月") == 1:
		y, rest, _ := strings.Cut(strings.TrimSuffix(t, "日"), "年")
		m, d, _ := strings.Cut(rest, "月")
		parts = []string{y, m, d}
	case strings.Count(t, "-") == 2:
		parts = strings.Split(t, "-")
	case strings.Count(t, "/") == 2:
		parts = strings.Split(t, "/")
	case strings.Count(t, ".") == 2:
		parts = strings.Split(t, ".")
	default:
		return bad()
	}
	var n [3]int
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || (i == 0 && len(p) != 4) || (i > 0 && len(p) > 2) {
			return bad()
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return bad()
			}
		}
		v, err := strconv.Atoi(p)
		if err != nil {
			return bad()
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return bad()
	}
	date := DateOf(y, time.Month(m), d)
	if yy, mm, dd := date.YMD(); yy != y || int(mm) != m || dd != d {
		return bad()
	}
	return date, nil
}

// MustDate parses a date known to be valid (defaults, tests); it panics otherwise.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(fmt.Sprintf("models.MustDate(%q): %v", s, err))
	}
	return d
}

// toHalfWidth maps full-width digits and date punctuation (０-９, －, ／, ．) to ASCII.
func toHalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－':
			return '-'
		case r == '／':
			return '/'
		case r == '．':
			return '.'
		}
		return r
	}, s)
}
