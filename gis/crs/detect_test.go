package crs

import (
	"math"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		x, y float64
		want Detection
	}{
		{"wuhai lon/lat", 106.82, 39.67, Detection{Kind: LonLat, EPSG: 4326}},
		{"origin", 0, 0, Detection{Kind: LonLat, EPSG: 4326}},
		{"corner", -180, -90, Detection{Kind: LonLat, EPSG: 4326}},
		{"lat/lon swapped", 39.67, 106.82, Detection{Kind: LonLat, EPSG: 4326, Swapped: true}},
		{"3-degree zone 36", 36396782.44, 4374701.70, Detection{Kind: GKZonePrefixed, EPSG: 4524, Zone: 36, ZoneWidth: 3}},
		{"3-degree zone 35", 35652000, 4380000, Detection{Kind: GKZonePrefixed, EPSG: 4523, Zone: 35, ZoneWidth: 3}},
		{"3-degree zone 25", 25500000, 3500000, Detection{Kind: GKZonePrefixed, EPSG: 4513, Zone: 25, ZoneWidth: 3}},
		{"3-degree zone 45", 45400000, 5000000, Detection{Kind: GKZonePrefixed, EPSG: 4533, Zone: 45, ZoneWidth: 3}},
		{"6-degree zone 18", 18652000, 4380000, Detection{Kind: GKZonePrefixed, EPSG: 4496, Zone: 18, ZoneWidth: 6}},
		{"6-degree zone 13", 13500000, 3000000, Detection{Kind: GKZonePrefixed, EPSG: 4491, Zone: 13, ZoneWidth: 6}},
		{"6-degree zone 23", 23300000, 5000000, Detection{Kind: GKZonePrefixed, EPSG: 4501, Zone: 23, ZoneWidth: 6}},
		{"swapped zone 36", 4374701.70, 36396782.44, Detection{Kind: GKZonePrefixed, EPSG: 4524, Zone: 36, ZoneWidth: 3, Swapped: true}},
		{"swapped zone 18", 4380000, 18652000, Detection{Kind: GKZonePrefixed, EPSG: 4496, Zone: 18, ZoneWidth: 6, Swapped: true}},
		{"zone 24 is not chinese", 24500000, 4000000, Detection{}},
		{"zone 12", 12500000, 4000000, Detection{}},
		{"zone 46", 46500000, 4000000, Detection{}},
		{"prefixed easting off zone", 36050000, 4374701, Detection{}},
		{"prefixed with negative northing", 36396782, -4374701, Detection{}},
		{"no zone", 396782.44, 4374701.70, Detection{Kind: ProjectedNoZone}},
		{"utm-like", 638825.87, 4380693.07, Detection{Kind: ProjectedNoZone}},
		{"no zone swapped", 4374701.70, 396782.44, Detection{Kind: ProjectedNoZone, Swapped: true}},
		{"web mercator", 11888921.6, 4793547.5, Detection{}},
		{"small metres", 1234.5, 5678.9, Detection{}},
		{"negative metres", -396782, 4374701, Detection{}},
		{"nan", math.NaN(), 39, Detection{}},
		{"inf", 106, math.Inf(-1), Detection{}},
	}
	for _, tt := range tests {
		if got := Detect(tt.x, tt.y); got != tt.want {
			t.Errorf("%s: Detect(%v, %v) = %v, want %v", tt.name, tt.x, tt.y, got, tt.want)
		}
	}
}

// TestDetectProjected: points projected with every prefixed code are
// detected as that code, straight and swapped.
func TestDetectProjected(t *testing.T) {
	for _, c := range All() {
		if !c.ZonePrefixed {
			continue
		}
		for _, ll := range [][2]float64{{c.CentralMeridian - 1.4, 20}, {c.CentralMeridian + 1.4, 53}} {
			x, y, err := c.FromLonLat(ll[0], ll[1])
			if err != nil {
				t.Fatal(err)
			}
			d := Detect(x, y)
			if d.Kind != GKZonePrefixed || d.EPSG != c.EPSG || d.Zone != c.Zone || d.ZoneWidth != c.ZoneWidth || d.Swapped {
				t.Errorf("%s %v: Detect(%v, %v) = %v", c, ll, x, y, d)
			}
			if s := Detect(y, x); s.EPSG != c.EPSG || !s.Swapped {
				t.Errorf("%s %v: Detect swapped = %v", c, ll, s)
			}
			got, err := d.CRS()
			if err != nil || got.EPSG != c.EPSG {
				t.Errorf("Detection.CRS() = %v, %v", got, err)
			}
		}
	}
	if _, err := (Detection{Kind: ProjectedNoZone}).CRS(); errCode(err) != CodeUnsupportedCRS {
		t.Errorf("ProjectedNoZone.CRS() error = %v", err)
	}
}
