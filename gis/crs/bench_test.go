package crs

import "testing"

var sinkX, sinkY float64

func BenchmarkFromLonLat(b *testing.B) {
	for _, code := range []int{4545, 32648, 3857} {
		c, _ := ByEPSG(code)
		b.Run(c.String(), func(b *testing.B) {
			lon, lat := 106.8, 39.6
			for i := 0; b.Loop(); i++ {
				x, y, err := c.FromLonLat(lon+float64(i&1023)*1e-4, lat)
				if err != nil {
					b.Fatal(err)
				}
				sinkX, sinkY = x, y
			}
		})
	}
}

func BenchmarkToLonLat(b *testing.B) {
	for _, code := range []int{4545, 4524, 3857} {
		c, _ := ByEPSG(code)
		b.Run(c.String(), func(b *testing.B) {
			x0, y0, _ := c.FromLonLat(106.8, 39.6)
			for i := 0; b.Loop(); i++ {
				lon, lat, err := c.ToLonLat(x0+float64(i&1023), y0)
				if err != nil {
					b.Fatal(err)
				}
				sinkX, sinkY = lon, lat
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("urn:ogc:def:crs:EPSG::4545"); err != nil {
			b.Fatal(err)
		}
	}
}
