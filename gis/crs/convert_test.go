package crs

import (
	"math"
	"testing"
)

// TestRoundTrip projects a grid around every projected CRS's central
// meridian and back.
func TestRoundTrip(t *testing.T) {
	var worst float64
	for _, c := range All() {
		cm := c.CentralMeridian
		if c.Method == MethodWebMercator {
			cm = 106.8
		}
		for dl := -6.0; dl <= 6; dl += 0.75 {
			for lat := -80.0; lat <= 80; lat += 2.5 {
				lon := cm + dl
				x, y, err := c.FromLonLat(lon, lat)
				if err != nil {
					t.Fatalf("%s FromLonLat(%v, %v): %v", c, lon, lat, err)
				}
				lon2, lat2, err := c.ToLonLat(x, y)
				if err != nil {
					t.Fatalf("%s ToLonLat(%v, %v): %v", c, x, y, err)
				}
				d := math.Max(math.Abs(lon2-lon), math.Abs(lat2-lat))
				worst = math.Max(worst, d)
				if d > 1e-11 {
					t.Errorf("%s: (%v, %v) -> (%v, %v) -> (%v, %v)", c, lon, lat, x, y, lon2, lat2)
				}
			}
		}
	}
	t.Logf("worst round-trip error %.3g deg", worst)
}

// TestRoundTripFarFromCM covers the whole accepted band up to MaxCMDistance.
func TestRoundTripFarFromCM(t *testing.T) {
	c, _ := ByEPSG(4545)
	for _, dl := range []float64{-45, -30, -10, 10, 30, 45} {
		for lat := -90.0; lat <= 90; lat += 0.5 {
			x, y, err := c.FromLonLat(108+dl, lat)
			if err != nil {
				t.Fatalf("FromLonLat(%v, %v): %v", 108+dl, lat, err)
			}
			lon2, lat2, err := c.ToLonLat(x, y)
			if err != nil {
				t.Fatalf("ToLonLat(%v, %v) from (%v, %v): %v", x, y, 108+dl, lat, err)
			}
			m := 111320 * math.Hypot((lon2-108-dl)*math.Cos(lat*deg), lat2-lat)
			if m > 1e-7 {
				t.Errorf("(%v, %v) round trip off by %.3g m", 108+dl, lat, m)
			}
		}
	}
}

func TestPrefixedEqualsUnprefixed(t *testing.T) {
	pairs := [][2]int{{4524, 4545}, {4513, 4534}, {4533, 4554}, {4496, 4507}, {4491, 4502}}
	for _, p := range pairs {
		a, _ := ByEPSG(p[0])
		b, _ := ByEPSG(p[1])
		for _, ll := range [][2]float64{{a.CentralMeridian - 1.2, 39.5}, {a.CentralMeridian + 0.4, 22}} {
			xa, ya, err1 := a.FromLonLat(ll[0], ll[1])
			xb, yb, err2 := b.FromLonLat(ll[0], ll[1])
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if math.Abs(xa-xb-float64(a.Zone)*1e6) > 1e-6 || ya != yb {
				t.Errorf("%s vs %s at %v: (%v, %v) vs (%v, %v)", a, b, ll, xa, ya, xb, yb)
			}
			x, y, err := Transform(a, b, xa, ya)
			if err != nil || math.Abs(x-xb) > 1e-6 || math.Abs(y-yb) > 1e-6 {
				t.Errorf("Transform(%s, %s) = %v, %v, %v; want %v, %v", a, b, x, y, err, xb, yb)
			}
		}
	}
}

func TestGeographicPassThrough(t *testing.T) {
	for _, code := range []int{4326, 4490} {
		c, _ := ByEPSG(code)
		x, y, err := c.FromLonLat(106.8, 39.6)
		lon, lat, err2 := c.ToLonLat(x, y)
		if err != nil || err2 != nil || x != 106.8 || y != 39.6 || lon != 106.8 || lat != 39.6 {
			t.Errorf("EPSG:%d pass-through: %v %v %v %v %v %v", code, x, y, lon, lat, err, err2)
		}
	}
	// No datum shift between WGS 84 and CGCS2000.
	a, _ := ByEPSG(4326)
	b, _ := ByEPSG(4490)
	if x, y, err := Transform(a, b, 106.8, 39.6); err != nil || x != 106.8 || y != 39.6 {
		t.Errorf("4326->4490 = %v %v %v", x, y, err)
	}
}

func TestWebMercatorEdges(t *testing.T) {
	c, _ := ByEPSG(3857)
	half := math.Pi * 6378137
	tests := []struct{ lon, lat, x, y float64 }{
		{0, 0, 0, 0},
		{180, 0, half, 0},
		{-180, 0, -half, 0},
		{0, MaxMercatorLat, 0, half},
	}
	for _, tt := range tests {
		x, y, err := c.FromLonLat(tt.lon, tt.lat)
		if err != nil || math.Abs(x-tt.x) > 1e-6 || math.Abs(y-tt.y) > 1e-6 {
			t.Errorf("FromLonLat(%v, %v) = %v, %v, %v; want %v, %v", tt.lon, tt.lat, x, y, err, tt.x, tt.y)
		}
		lon, lat, err := c.ToLonLat(tt.x, tt.y)
		if err != nil || math.Abs(lon-tt.lon) > 1e-12 || math.Abs(lat-tt.lat) > 1e-9 {
			t.Errorf("ToLonLat(%v, %v) = %v, %v, %v", tt.x, tt.y, lon, lat, err)
		}
	}
}

func TestConversionErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name    string
		code    int
		inverse bool
		a, b    float64
		want    string
	}{
		{"nan lon", 4545, false, nan, 39, CodeBadCoordinate},
		{"inf lat", 4545, false, 106, inf, CodeBadCoordinate},
		{"lat beyond pole", 4545, false, 106, 90.0001, CodeOutOfRange},
		{"lon beyond 180", 4545, false, 180.5, 39, CodeOutOfRange},
		{"far east of cm", 4545, false, 153.5, 39, CodeOutOfZone},
		{"west across antimeridian", 4545, false, -100, 39, CodeOutOfZone},
		{"utm far", 32648, false, 10, 39, CodeOutOfZone},
		{"mercator pole", 3857, false, 0, 85.1, CodeOutOfRange},
		{"mercator south pole", 3857, false, 0, -90, CodeOutOfRange},
		{"geographic lat", 4326, false, 10, -95, CodeOutOfRange},
		{"geographic inverse lon", 4490, true, 200, 10, CodeOutOfRange},
		{"inverse nan", 4524, true, nan, 4e6, CodeBadCoordinate},
		{"inverse huge easting", 4545, true, 5e7, 4e6, CodeOutOfZone},
		{"inverse easting 45 deg off", 4545, true, 500000 + 6e6, 0, CodeOutOfZone},
		{"inverse easting wrong zone", 4524, true, 500000, 4e6, CodeOutOfZone},
		{"inverse beyond pole", 4545, true, 500000, 1.1e7, CodeOutOfRange},
		{"inverse beyond south pole", 4545, true, 500000, -1.1e7, CodeOutOfRange},
		{"mercator inverse wide", 3857, true, 2.1e7, 0, CodeOutOfRange},
		{"mercator inverse inf", 3857, true, 0, inf, CodeBadCoordinate},
	}
	for _, tt := range tests {
		c, _ := ByEPSG(tt.code)
		var x, y float64
		var err error
		if tt.inverse {
			x, y, err = c.ToLonLat(tt.a, tt.b)
		} else {
			x, y, err = c.FromLonLat(tt.a, tt.b)
		}
		if errCode(err) != tt.want {
			t.Errorf("%s: got %v, %v, %v; want code %s", tt.name, x, y, err, tt.want)
		}
		if err != nil && (x != 0 || y != 0) {
			t.Errorf("%s: non-zero values %v, %v with error", tt.name, x, y)
		}
	}
}

func TestUnusableCRS(t *testing.T) {
	var nilCRS *CRS
	if _, _, err := nilCRS.ToLonLat(1, 2); errCode(err) != CodeUnsupportedCRS {
		t.Errorf("nil CRS: %v", err)
	}
	hand := &CRS{EPSG: 9999, Method: MethodTransverseMercator, CentralMeridian: 108, ScaleFactor: 1}
	if _, _, err := hand.FromLonLat(108, 39); errCode(err) != CodeUnsupportedCRS {
		t.Errorf("hand-made CRS: %v", err)
	}
	if _, _, err := Transform(nilCRS, hand, 1, 2); errCode(err) != CodeUnsupportedCRS {
		t.Errorf("Transform with nil: %v", err)
	}
}

func TestErrorText(t *testing.T) {
	c, _ := ByEPSG(4545)
	_, _, err := c.FromLonLat(170, 39)
	want := `crs: out-of-zone "170 39": longitude 170 is 62 degrees from the central meridian 108 of EPSG:4545 (limit 45)`
	if err == nil || err.Error() != want {
		t.Errorf("error text\n got %v\nwant %s", err, want)
	}
}
