package topo

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"minerehab/gis/crs"
)

// TestBufferLines: the band around a 2 km straight line in EPSG:4545 has
// the area of a stadium (2rL + the round ends as a 4q-gon), contains the
// point r − 1 m off the line and not the point r + 1 m off; bad widths and
// degenerate lines are refused.
func TestBufferLines(t *testing.T) {
	c, err := crs.ByEPSG(4545)
	if err != nil {
		t.Fatal(err)
	}
	ll := func(x, y float64) orb.Point {
		lon, lat, err := c.ToLonLat(x, y)
		if err != nil {
			t.Fatal(err)
		}
		return orb.Point{lon, lat}
	}
	line := orb.MultiLineString{{ll(397000, 4384000), ll(399000, 4384000)}}
	for _, r := range []float64{100, 3000} {
		band, err := BufferLines(line, r)
		if err != nil {
			t.Fatal(err)
		}
		want := 2*r*2000 + arcArea(r, quadSegs)
		if a := gridArea(t, band, 4545); !near(a, want, 1e-4) {
			t.Errorf("r %g: band area %.1f m², want %.1f", r, a, want)
		}
		in, out := ll(398000, 4384000+r-1), ll(398000, 4384000+r+1)
		if !planar.MultiPolygonContains(band, in) || planar.MultiPolygonContains(band, out) {
			t.Errorf("r %g: contains r-1 m: %v, r+1 m: %v", r, planar.MultiPolygonContains(band, in), planar.MultiPolygonContains(band, out))
		}
	}
	for _, bad := range []struct {
		name  string
		lines orb.MultiLineString
		r     float64
	}{
		{"zero width", line, 0},
		{"negative", line, -5},
		{"nan", line, math.NaN()},
		{"one point", orb.MultiLineString{{ll(397000, 4384000), ll(397000, 4384000)}}, 10},
		{"infinite coordinate", orb.MultiLineString{{orb.Point{math.Inf(1), 39}, ll(397000, 4384000)}}, 10},
	} {
		var e *Error
		if _, err := BufferLines(bad.lines, bad.r); !errors.As(err, &e) || e.Code != CodeInvalidInput {
			t.Errorf("%s: %v", bad.name, err)
		}
	}
	if b, err := BufferLines(nil, 10); err != nil || len(b) != 0 {
		t.Errorf("no lines: %v %v", b, err)
	}
}
