package models

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = refused
	}{
		{"2021-03-05", "2021-03-05"},
		{"2021/3/5", "2021-03-05"},
		{"2021年3月5日", "2021-03-05"},
		{" 2021.03.05 ", "2021-03-05"},
		{"２０２１－０３－０５", "2021-03-05"},
		{"2024-02-29", "2024-02-29"},
		{"2023-12-31", "2023-12-31"},
		{"2022-13-45", ""},
		{"2023-02-29", ""},
		{"2021-04-31", ""},
		{"2021-3", ""},
		{"21-03-05", ""},
		{"2021-003-05", ""},
		{"2021-+3-05", ""},
		{"2021-03-05T00:00", ""},
		{"5/3/2021", ""},
		{"", ""},
		{"2021年3月", ""},
		{"1899-12-31", ""},
	}
	for _, tc := range tests {
		d, err := ParseDate(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %s, want refusal", tc.in, d)
			} else if pe, ok := err.(*PlanError); !ok || pe.Code != CodeBadDate {
				t.Errorf("ParseDate(%q) error %v, want code %s", tc.in, err, CodeBadDate)
			}
			continue
		}
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %s, %v; want %s", tc.in, d, err, tc.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	a, b := MustDate("2023-01-01"), MustDate("2023-12-31")
	if got := b.Sub(a); got != 364 {
		t.Errorf("days 2023-01-01..2023-12-31 = %d, want 364", got)
	}
	if got := MustDate("2024-03-01").Sub(MustDate("2024-02-28")); got != 2 {
		t.Errorf("leap: %d, want 2", got)
	}
	if got := MustDate("1970-01-01"); got != unixEpochDay {
		t.Errorf("epoch = %d", got)
	}
	if got := MustDate("1900-01-01").String(); got != "1900-01-01" {
		t.Errorf("1900: %s", got)
	}
	// 2023-12-31 16:30 UTC is already 2024-01-01 in Beijing.
	if got := DateAt(time.Date(2023, 12, 31, 16, 30, 0, 0, time.UTC)); got.String() != "2024-01-01" {
		t.Errorf("DateAt = %s, want 2024-01-01", got)
	}
	if got := DateAt(time.Date(2023, 12, 31, 15, 59, 0, 0, time.UTC)); got.String() != "2023-12-31" {
		t.Errorf("DateAt = %s, want 2023-12-31", got)
	}
	var z Date
	if z.String() != "" || !z.IsZero() {
		t.Error("zero date")
	}
}

func TestDateJSON(t *testing.T) {
	d := MustDate("2023-06-15")
	b, _ := d.MarshalJSON()
	if string(b) != `"2023-06-15"` {
		t.Errorf("marshal %s", b)
	}
	var e Date
	if err := e.UnmarshalJSON([]byte(`"2023/6/15"`)); err != nil || e != d {
		t.Errorf("unmarshal %v %v", e, err)
	}
	if err := e.UnmarshalJSON([]byte(`"2023-06-31"`)); err == nil {
		t.Error("unmarshal accepted 2023-06-31")
	}
}

// FuzzParseDate: whatever is accepted formats back to a date that parses
// to the same day, and nothing panics.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2021-03-05", "2021/3/5", "2021年3月5日", "2022-13-45", "２０２１－０３－０５", "2021.3.5", "2024-02-29", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q -> %s -> %v %v", s, d, again, err)
		}
	})
}

// TestDateOfMatchesTime checks the civil-date arithmetic against package
// time over four centuries, normalisation included.
func TestDateOfMatchesTime(t *testing.T) {
	for y := 1899; y <= 2301; y++ {
		for m := 0; m <= 13; m++ {
			for _, d := range []int{0, 1, 15, 28, 29, 30, 31} {
				u := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400
				if got := int64(DateOf(y, time.Month(m), d)) - unixEpochDay; got != u {
					t.Fatalf("DateOf(%d,%d,%d) = %d days, time says %d", y, m, d, got, u)
				}
			}
		}
	}
	for _, s := range []string{"2024-02-29", "2023-12-31", "1970-01-01", "2000-02-29"} {
		d, ok := ParseISO(s)
		if !ok || d.String() != s || d != MustDate(s) {
			t.Errorf("ParseISO(%s) = %v %v", s, d, ok)
		}
	}
	for _, s := range []string{"2023-02-29", "1900-02-29", "2023-13-01", "2023-1-01", "２０２３-01-01", "2023/01/01"} {
		if _, ok := ParseISO(s); ok {
			t.Errorf("ParseISO(%s) accepted", s)
		}
	}
}
