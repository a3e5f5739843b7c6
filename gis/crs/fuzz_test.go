package crs

import (
	"errors"
	"math"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	names, err := readSharedCRSNames(moduleRoot(f))
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names { // nil when the shared data is absent
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || (e.Code != CodeBadCRSName && e.Code != CodeUnsupportedCRS) || c != nil {
				t.Fatalf("Parse(%q) = %v, %v", s, c, err)
			}
			return
		}
		if _, err := ByEPSG(c.EPSG); err != nil {
			t.Fatalf("Parse(%q) gave unregistered %d", s, c.EPSG)
		}
		again, err := Parse(c.String())
		if err != nil || again.EPSG != c.EPSG {
			t.Fatalf("Parse(%q).String() = %q does not parse back: %v", s, c, err)
		}
	})
}

// FuzzRoundTrip: for any supported CRS and any lon/lat, FromLonLat either
// fails with a typed error for a reason the input explains, or returns
// finite values that ToLonLat maps back to the same point.
func FuzzRoundTrip(f *testing.F) {
	f.Add(uint8(0), 106.8, 39.6)
	f.Add(uint8(1), 106.5, 39.1)
	f.Add(uint8(20), 108.0, 90.0)
	f.Add(uint8(40), 153.0, -10.0)
	f.Add(uint8(66), 180.0, 85.05112877980659)
	f.Add(uint8(67), -179.9, -89.9)
	f.Add(uint8(68), math.NaN(), 0.0)
	all := All()
	f.Fuzz(func(t *testing.T, idx uint8, lon, lat float64) {
		c := all[int(idx)%len(all)]
		x, y, err := c.FromLonLat(lon, lat)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%s FromLonLat(%v, %v): untyped error %v", c, lon, lat, err)
			}
			if valid(c, lon, lat) {
				t.Fatalf("%s FromLonLat(%v, %v) refused a valid point: %v", c, lon, lat, err)
			}
			return
		}
		if !valid(c, lon, lat) {
			t.Fatalf("%s FromLonLat(%v, %v) accepted an invalid point", c, lon, lat)
		}
		if !finite(x) || !finite(y) {
			t.Fatalf("%s FromLonLat(%v, %v) = %v, %v", c, lon, lat, x, y)
		}
		lon2, lat2, err := c.ToLonLat(x, y)
		if err != nil {
			t.Fatalf("%s ToLonLat(%v, %v) from (%v, %v): %v", c, x, y, lon, lat, err)
		}
		// Compare as ground distance so the pole's undefined longitude
		// and ±180 do not count.
		dlon := math.Abs(lon2 - lon)
		if dlon > 180 {
			dlon = 360 - dlon
		}
		if m := 111320 * math.Hypot(dlon*math.Cos(lat*deg), lat2-lat); m > 1e-6 {
			t.Fatalf("%s (%v, %v) -> (%v, %v) -> (%v, %v): off by %.3g m", c, lon, lat, x, y, lon2, lat2, m)
		}
	})
}

// valid reports whether FromLonLat must accept (lon, lat) for c.
func valid(c *CRS, lon, lat float64) bool {
	if !finite(lon) || !finite(lat) || math.Abs(lon) > 180 || math.Abs(lat) > 90 {
		return false
	}
	switch c.Method {
	case MethodWebMercator:
		return math.Abs(lat) <= MaxMercatorLat
	case MethodTransverseMercator:
		return math.Abs(wrap180(lon-c.CentralMeridian)) <= MaxCMDistance
	}
	return true
}

// FuzzToLonLat: any easting/northing either fails with a typed error or
// gives a finite lon/lat in range that projects back to the same point.
func FuzzToLonLat(f *testing.F) {
	f.Add(uint8(0), 36396782.44, 4374701.70)
	f.Add(uint8(10), 396782.44, 4374701.70)
	f.Add(uint8(66), 11888921.6, 4793547.5)
	f.Add(uint8(5), -1e300, 1e300)
	all := All()
	f.Fuzz(func(t *testing.T, idx uint8, x, y float64) {
		c := all[int(idx)%len(all)]
		lon, lat, err := c.ToLonLat(x, y)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || lon != 0 || lat != 0 {
				t.Fatalf("%s ToLonLat(%v, %v) = %v, %v, %v", c, x, y, lon, lat, err)
			}
			return
		}
		if !finite(lon) || !finite(lat) || math.Abs(lon) > 180 || math.Abs(lat) > 90 {
			t.Fatalf("%s ToLonLat(%v, %v) = %v, %v", c, x, y, lon, lat)
		}
		if c.Method == MethodWebMercator && math.Abs(lat) > MaxMercatorLat {
			return // beyond the square world: valid inverse, refused forward
		}
		x2, y2, err := c.FromLonLat(lon, lat)
		if err != nil {
			if c.Method == MethodTransverseMercator && math.Abs(wrap180(lon-c.CentralMeridian)) > MaxCMDistance-1e-6 {
				return // rounding at the zone limit
			}
			t.Fatalf("%s FromLonLat(%v, %v) from (%v, %v): %v", c, lon, lat, x, y, err)
		}
		if math.Abs(lat) > 89.999 || c.Geographic {
			return // longitude is meaningless at the pole
		}
		if d := math.Hypot(x2-x, y2-y); d > 1e-6*math.Max(1, math.Hypot(x-c.FalseEasting, y)/1e6) {
			t.Fatalf("%s (%v, %v) -> (%v, %v) -> (%v, %v): off by %.3g m", c, x, y, lon, lat, x2, y2, d)
		}
	})
}
