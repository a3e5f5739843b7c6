package coord

import (
	"errors"
	"math"
	"testing"

	"minerehab/gis/crs"
)

func TestParse(t *testing.T) {
	// A point of Wuhai in CGCS2000 GK zone 36 (central meridian 108°E).
	c, _ := crs.ByEPSG(4524)
	e, n, _ := c.FromLonLat(106.8125, 39.6625)
	tests := []struct {
		in       string
		lon, lat float64
		kind     Kind
		swapped  bool
		code     string
	}{
		{"106.8125, 39.6625", 106.8125, 39.6625, Decimal, false, ""},
		{"39.6625 106.8125", 106.8125, 39.6625, Decimal, true, ""},
		{"１０６．８１２５，３９．６６２５", 106.8125, 39.6625, Decimal, false, ""},
		{"106°48'45\"E 39°39'45\"N", 106.8125, 39.6625, DMS, false, ""},
		{"N39°39′45″ E106°48′45″", 106.8125, 39.6625, DMS, true, ""},
		{"东经106度48分45秒，北纬39度39分45秒", 106.8125, 39.6625, DMS, false, ""},
		{"106d48m45s 39d39m45s", 106.8125, 39.6625, DMS, false, ""},
		{"106°48.75' 39°39.75'", 106.8125, 39.6625, DMS, false, ""},
		{fmtf(n) + ", " + fmtf(e), 106.8125, 39.6625, GK, true, ""},
		{fmtf(e) + " " + fmtf(n), 106.8125, 39.6625, GK, false, ""},
		{fmtf(n) + " " + fmtf(e-36e6), 106.8125, 39.6625, GK, true, ""}, // no prefix: zone 36
		{"", 0, 0, 0, false, CodeEmpty},
		{"106.8", 0, 0, 0, false, CodeCount},
		{"1 2 3", 0, 0, 0, false, CodeCount},
		{"abc def", 0, 0, 0, false, CodeUnreadable},
		{"200 95", 0, 0, 0, false, CodeRange},
		{"39°N 40°N", 0, 0, 0, false, CodeAmbiguous},
		{"106°61' 39°", 0, 0, 0, false, CodeRange},
		{"5000 6000", 0, 0, 0, false, CodeGKRange},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			r, err := Parse(tc.in, 36)
			if tc.code != "" {
				var pe *Error
				if !errors.As(err, &pe) || pe.Code != tc.code {
					t.Fatalf("err %v, want code %s", err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(r.Point[0]-tc.lon) > 1e-9 || math.Abs(r.Point[1]-tc.lat) > 1e-9 {
				t.Errorf("point %v, want %v %v", r.Point, tc.lon, tc.lat)
			}
			if r.Kind != tc.kind || r.Swapped != tc.swapped {
				t.Errorf("kind %v swapped %v, want %v %v", r.Kind, r.Swapped, tc.kind, tc.swapped)
			}
		})
	}
}

func fmtf(v float64) string { return strconvF(v) }

func FuzzParse(f *testing.F) {
	for _, s := range []string{"106.8, 39.6", "N39°39′45″ E106°48′45″", "东经106度48分45秒，北纬39度39分45秒",
		"4391234.5 36432100.2", "39.6 106.8", "106d48m 39d39m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s, 36)
		if err != nil {
			return
		}
		if math.IsNaN(r.Point[0]) || math.Abs(r.Point[0]) > 180 || math.Abs(r.Point[1]) > 90 {
			t.Fatalf("%q gave %v", s, r.Point)
		}
	})
}
