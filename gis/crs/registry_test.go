package crs

import (
	"errors"
	"math"
	"testing"
)

func errCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "untyped: " + err.Error()
	}
	return ""
}

func TestCodes(t *testing.T) {
	// 2 geographic + 4 GK families (21+21+11+11) + 2 UTM + Web Mercator.
	if got, want := len(Codes()), 2+21+21+11+11+2+1; got != want {
		t.Fatalf("len(Codes()) = %d, want %d", got, want)
	}
	for i, c := range All() {
		if c.EPSG != Codes()[i] {
			t.Fatalf("All()[%d] = %d, want %d", i, c.EPSG, Codes()[i])
		}
		if c.Name == "" || c.NameZH == "" {
			t.Errorf("EPSG:%d has an empty name", c.EPSG)
		}
		if c.Geographic != (c.Method == MethodGeographic) {
			t.Errorf("EPSG:%d Geographic=%t but Method=%d", c.EPSG, c.Geographic, c.Method)
		}
	}
}

func TestByEPSG(t *testing.T) {
	tests := []struct {
		code       int
		name       string
		cm, fe, k  float64
		zone       int
		prefixed   bool
		width      int
		ellipsoid  string
		geographic bool
	}{
		{4326, "WGS 84", 0, 0, 0, 0, false, 0, "WGS 84", true},
		{4490, "China Geodetic Coordinate System 2000", 0, 0, 0, 0, false, 0, "CGCS2000", true},
		{4491, "CGCS2000 / Gauss-Kruger zone 13", 75, 13500000, 1, 13, true, 6, "CGCS2000", false},
		{4496, "CGCS2000 / Gauss-Kruger zone 18", 105, 18500000, 1, 18, true, 6, "CGCS2000", false},
		{4501, "CGCS2000 / Gauss-Kruger zone 23", 135, 23500000, 1, 23, true, 6, "CGCS2000", false},
		{4502, "CGCS2000 / Gauss-Kruger CM 75E", 75, 500000, 1, 13, false, 6, "CGCS2000", false},
		{4507, "CGCS2000 / Gauss-Kruger CM 105E", 105, 500000, 1, 18, false, 6, "CGCS2000", false},
		{4512, "CGCS2000 / Gauss-Kruger CM 135E", 135, 500000, 1, 23, false, 6, "CGCS2000", false},
		{4513, "CGCS2000 / 3-degree Gauss-Kruger zone 25", 75, 25500000, 1, 25, true, 3, "CGCS2000", false},
		{4524, "CGCS2000 / 3-degree Gauss-Kruger zone 36", 108, 36500000, 1, 36, true, 3, "CGCS2000", false},
		{4533, "CGCS2000 / 3-degree Gauss-Kruger zone 45", 135, 45500000, 1, 45, true, 3, "CGCS2000", false},
		{4534, "CGCS2000 / 3-degree Gauss-Kruger CM 75E", 75, 500000, 1, 25, false, 3, "CGCS2000", false},
		{4545, "CGCS2000 / 3-degree Gauss-Kruger CM 108E", 108, 500000, 1, 36, false, 3, "CGCS2000", false},
		{4554, "CGCS2000 / 3-degree Gauss-Kruger CM 135E", 135, 500000, 1, 45, false, 3, "CGCS2000", false},
		{32648, "WGS 84 / UTM zone 48N", 105, 500000, 0.9996, 48, false, 6, "WGS 84", false},
		{32649, "WGS 84 / UTM zone 49N", 111, 500000, 0.9996, 49, false, 6, "WGS 84", false},
		{3857, "WGS 84 / Pseudo-Mercator", 0, 0, 1, 0, false, 0, "WGS 84", false},
	}
	for _, tt := range tests {
		c, err := ByEPSG(tt.code)
		if err != nil {
			t.Errorf("ByEPSG(%d): %v", tt.code, err)
			continue
		}
		if c.EPSG != tt.code || c.Name != tt.name || c.CentralMeridian != tt.cm || c.FalseEasting != tt.fe ||
			c.ScaleFactor != tt.k || c.Zone != tt.zone || c.ZonePrefixed != tt.prefixed || c.ZoneWidth != tt.width ||
			c.Ellipsoid.Name != tt.ellipsoid || c.Geographic != tt.geographic || c.FalseNorthing != 0 {
			t.Errorf("ByEPSG(%d) = %+v, want %+v", tt.code, *c, tt)
		}
		if c.String() != "EPSG:"+itoa(tt.code) {
			t.Errorf("String() = %q", c.String())
		}
	}
	for _, code := range []int{0, -1, 4214, 4489, 4555, 32647, 32650, 900913, 1 << 40} {
		if _, err := ByEPSG(code); errCode(err) != CodeUnsupportedCRS {
			t.Errorf("ByEPSG(%d) error = %v, want %s", code, err, CodeUnsupportedCRS)
		}
	}
}

func itoa(n int) string { return num(float64(n)) }

func TestEllipsoids(t *testing.T) {
	for code, invf := range map[int]float64{4490: 298.257222101, 4545: 298.257222101, 4491: 298.257222101,
		4326: 298.257223563, 32648: 298.257223563, 3857: 298.257223563} {
		c, _ := ByEPSG(code)
		if c.Ellipsoid.A != 6378137 || c.Ellipsoid.InvFlat != invf {
			t.Errorf("EPSG:%d ellipsoid %+v, want 1/f %v", code, c.Ellipsoid, invf)
		}
	}
}

func TestByEPSGReturnsCopy(t *testing.T) {
	c, _ := ByEPSG(4545)
	c.CentralMeridian, c.Name = 0, "changed"
	again, _ := ByEPSG(4545)
	if again.CentralMeridian != 108 || again.Name == "changed" {
		t.Fatal("mutating a returned CRS changed the registry")
	}
}

func TestZones(t *testing.T) {
	gk3 := []struct {
		lon  float64
		zone int
	}{{106.8, 36}, {106.5, 36}, {106.49, 35}, {109.49, 36}, {75, 25}, {135, 45}, {73.6, 25}, {math.NaN(), 0}, {math.Inf(1), 0}}
	for _, tt := range gk3 {
		if got := GK3ZoneForLon(tt.lon); got != tt.zone {
			t.Errorf("GK3ZoneForLon(%v) = %d, want %d", tt.lon, got, tt.zone)
		}
	}
	gk6 := []struct {
		lon  float64
		zone int
	}{{106.8, 18}, {105, 18}, {102, 18}, {108, 19}, {101.99, 17}, {math.NaN(), 0}}
	for _, tt := range gk6 {
		if got := GK6ZoneForLon(tt.lon); got != tt.zone {
			t.Errorf("GK6ZoneForLon(%v) = %d, want %d", tt.lon, got, tt.zone)
		}
	}
	epsg := []struct {
		six      bool
		zone     int
		prefixed bool
		want     int
		code     string
	}{
		{false, 36, false, 4545, ""}, {false, 36, true, 4524, ""},
		{false, 25, true, 4513, ""}, {false, 45, false, 4554, ""},
		{false, 24, true, 0, CodeBadZone}, {false, 46, false, 0, CodeBadZone},
		{true, 18, true, 4496, ""}, {true, 18, false, 4507, ""},
		{true, 13, true, 4491, ""}, {true, 23, false, 4512, ""},
		{true, 12, false, 0, CodeBadZone}, {true, 24, true, 0, CodeBadZone},
	}
	for _, tt := range epsg {
		f := GK3EPSG
		if tt.six {
			f = GK6EPSG
		}
		got, err := f(tt.zone, tt.prefixed)
		if got != tt.want || errCode(err) != tt.code {
			t.Errorf("GK(six=%t)EPSG(%d, %t) = %d, %v; want %d, %q", tt.six, tt.zone, tt.prefixed, got, err, tt.want, tt.code)
		}
	}
	// Every Gauss-Kruger code maps back to itself from its zone.
	for _, c := range All() {
		if c.Method != MethodTransverseMercator || c.Ellipsoid.Name != "CGCS2000" {
			continue
		}
		f, cm := GK3EPSG, 3*c.Zone
		if c.ZoneWidth == 6 {
			f, cm = GK6EPSG, 6*c.Zone-3
		}
		if code, err := f(c.Zone, c.ZonePrefixed); err != nil || code != c.EPSG || float64(cm) != c.CentralMeridian {
			t.Errorf("EPSG:%d zone %d width %d: lookup gives %d, %v; CM %v", c.EPSG, c.Zone, c.ZoneWidth, code, err, c.CentralMeridian)
		}
		if GK3ZoneForLon(c.CentralMeridian) != c.Zone && c.ZoneWidth == 3 || GK6ZoneForLon(c.CentralMeridian) != c.Zone && c.ZoneWidth == 6 {
			t.Errorf("EPSG:%d: zone-for-lon of its CM disagrees with zone %d", c.EPSG, c.Zone)
		}
	}
}
