package topo

import (
	"errors"
	"math"
	"testing"

	"minerehab/gis/crs"

	"github.com/paulmach/orb"
)

// wuhaiSquare is the 1 km square [397000, 398000] × [4384000, 4385000] of
// EPSG:4545 (CGCS2000 3° GK CM 108E), at about 39.59°N 106.81°E in Wuhai,
// as lon/lat corners. The corners and the reference areas in
// testdata/gdal.json come from GDAL, not from this package:
//
//	printf '397000 4384000\n398000 4384000\n398000 4385000\n397000 4385000\n' |
//	  gdaltransform -output_xy -s_srs EPSG:4545 -t_srs EPSG:4490
//	W='POLYGON((106.801088811157 39.5837566845717,106.81272636766 39.5838761860153,106.81257264708 39.5928810873075,106.800933584696 39.5927615478624,106.801088811157 39.5837566845717))'
//	ogrinfo -q -dialect sqlite -sql "SELECT ST_Area(ST_Buffer(ST_Transform(ST_GeomFromText('$W',4490),4545),100))" \
//	  ../../../shared/data/admin/wuhai_districts_150300.json     # 1431401.57374376 (30 segments per quadrant)
//	(the same with -100: 639999.999998673; without ST_Buffer: 999999.999998341)
func wuhaiSquare(t testing.TB) (orb.MultiPolygon, gdalRef) {
	ref := readGDAL(t)
	var r orb.Ring
	for _, c := range ref.Buffer.SquareLonLat {
		r = append(r, orb.Point{c[0], c[1]})
	}
	return mp(orb.Polygon{append(r, r[0])}), ref
}

// arcArea is the area that round joins add around a convex polygon when
// buffering by r with q segments per quadrant: a full circle inscribed as a
// 4q-gon.
func arcArea(r float64, q int) float64 {
	n := float64(4 * q)
	return n / 2 * math.Sin(2*math.Pi/n) * r * r
}

func TestBuffer(t *testing.T) {
	sq, ref := wuhaiSquare(t)
	if a := gridArea(t, sq, 4545); !near(a, ref.Buffer.SquareArea, 1e-3) {
		t.Fatalf("square is %.6f m², gdal says %.6f", a, ref.Buffer.SquareArea)
	}
	tests := []struct {
		name     string
		metres   float64
		analytic float64 // exact area of the true (round) buffer, m²
		polygon  float64 // area with quadSegs-segment joins, m²
		gdal     float64 // gdal's area (its own segment count), 0: none
		gdalQuad int
	}{
		{"grow 100 m", 100, 1e6 + 4*1000*100 + math.Pi*100*100, 1e6 + 4e5 + arcArea(100, quadSegs), ref.Buffer.Grow100Area, ref.Buffer.Grow100Quad},
		{"shrink 100 m", -100, 800 * 800, 800 * 800, ref.Buffer.Shrink100Area, 0},
		{"grow 1 km", 1000, 1e6 + 4*1000*1000 + math.Pi*1000*1000, 1e6 + 4e6 + arcArea(1000, quadSegs), 0, 0},
		{"zero", 0, 1e6, 1e6, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Buffer(sq, tc.metres)
			if err != nil {
				t.Fatal(err)
			}
			checkShape(t, got)
			if len(got) != 1 || len(got[0]) != 1 {
				t.Fatalf("want one polygon without holes, got %d polygons", len(got))
			}
			a := gridArea(t, got, 4545)
			t.Logf("area %.3f m², analytic %.3f (%+.4f%%), with %d-segment quadrants %.3f", a, tc.analytic, 100*(a/tc.analytic-1), quadSegs, tc.polygon)
			if !near(a, tc.analytic, 0.005*tc.analytic) {
				t.Errorf("area %.3f m², analytic %.3f: off by more than 0.5%%", a, tc.analytic)
			}
			// Beyond the arcs, the only differences are the lon/lat
			// round trip and edges straight in lon/lat rather than in
			// the grid: far below a square metre here.
			if !near(a, tc.polygon, 1) {
				t.Errorf("area %.3f m², %d-segment polygon %.3f", a, quadSegs, tc.polygon)
			}
			if tc.gdal != 0 {
				// gdal's joins have gdalQuad segments per quadrant
				want := tc.gdal
				if tc.gdalQuad != 0 {
					want += arcArea(math.Abs(tc.metres), quadSegs) - arcArea(math.Abs(tc.metres), tc.gdalQuad)
				}
				if !near(a, want, 1e-6*want) {
					t.Errorf("area %.3f m², gdal %.3f adjusted to %d segments %.3f", a, tc.gdal, quadSegs, want)
				}
			}
		})
	}
}

func TestBufferEdgeCases(t *testing.T) {
	sq, _ := wuhaiSquare(t)
	t.Run("shrunk away", func(t *testing.T) {
		got, err := Buffer(sq, -600)
		if err != nil || got == nil || len(got) != 0 {
			t.Fatalf("got %v, %v; want an empty result", got, err)
		}
	})
	t.Run("empty input", func(t *testing.T) {
		got, err := Buffer(nil, 100)
		if err != nil || got == nil || len(got) != 0 {
			t.Fatalf("got %v, %v; want an empty result", got, err)
		}
	})
	t.Run("two squares merge", func(t *testing.T) {
		// the square and a copy 0.0135° east (a gap of about 160 m),
		// each grown by 100 m, overlap: one polygon
		east := mp(orb.Polygon{make(orb.Ring, len(sq[0][0]))})
		for i, p := range sq[0][0] {
			east[0][0][i] = orb.Point{p[0] + 0.0135, p[1]}
		}
		got, err := Buffer(append(sq, east[0]), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("%d polygons, want 1", len(got))
		}
	})
	for _, tc := range []struct {
		name   string
		p      orb.MultiPolygon
		metres float64
		crs    bool // the cause is a *crs.Error
	}{
		{"nan distance", sq, math.NaN(), false},
		{"infinite distance", sq, math.Inf(-1), false},
		{"bow-tie", mp(poly(106.8, 39.6, 106.81, 39.61, 106.81, 39.6, 106.8, 39.61)), 100, false},
		{"outside china's zones", mp(rect(10, 50, 10.01, 50.01)), 100, true},
		{"nan coordinate", mp(poly(106.8, 39.6, 106.81, nan(), 106.81, 39.61)), 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Buffer(tc.p, tc.metres)
			if c := errCode(err); c != CodeInvalidInput {
				t.Fatalf("error %v (code %q), want %q; result %v", err, c, CodeInvalidInput, got)
			}
			var ce *crs.Error
			if errors.As(err, &ce) != tc.crs {
				t.Errorf("error %v: wraps *crs.Error %v, want %v", err, !tc.crs, tc.crs)
			}
		})
	}
}
