package proximity

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/measure"
)

// overlapSQL: each Wuhai district's overlap with the Wuhai city polygon as
// a share of the district, both areas planar in EPSG:4545 after splitting
// edges at 0.001° in lon/lat (so that they are straight in lon/lat, as
// OverlapArea takes them, not in Gauss-Kruger), made with
//
//	ogr2ogr -f CSV /vsistdout/ ../shared/data/admin/wuhai_districts_150300.json -dialect SQLite -sql "$overlapSQL"
//
// The share is compared, so the projection's scale cancels (SpatiaLite's
// own ellipsoidal ST_Area(g, 1) is off by up to 1e-4 against GeographicLib).
const overlapSQL = `SELECT d.adcode, ST_Area(ST_Intersection(ST_Transform(SetSRID(ST_Segmentize(d.geometry,0.001),4490),4545), ST_Transform(SetSRID(ST_Segmentize(c.geometry, 0.001),4490),4545))) / ST_Area(ST_Transform(SetSRID(ST_Segmentize(d.geometry,0.001),4490),4545)) AS share FROM wuhai_districts_150300 d, (SELECT geometry FROM '../../../shared/data/admin/inner_mongolia_cities_150000.json'.inner_mongolia_cities_150000 WHERE adcode = '150300') c`

func TestOverlapAreaMatchesSpatiaLite(t *testing.T) {
	data := sharedData(t)
	rows := golden(t, "gdal_overlap.csv", "adcode,share", func() [][]string {
		return ogrCSV(t, filepath.Join(data, "admin", "wuhai_districts_150300.json"), overlapSQL)
	})
	cities := readFC(t, filepath.Join(data, "admin", "inner_mongolia_cities_150000.json"))
	var city orb.MultiPolygon
	for _, f := range cities.Features {
		if codeOf(f.Properties["adcode"]) == "150300" {
			city = asMulti(f.Geometry)
		}
	}
	districts := readFC(t, filepath.Join(data, "admin", "wuhai_districts_150300.json"))
	byCode := map[string]orb.MultiPolygon{}
	for _, f := range districts.Features {
		byCode[codeOf(f.Properties["adcode"])] = asMulti(f.Geometry)
	}
	if len(rows) != 3 || city == nil {
		t.Fatalf("%d rows, city %v", len(rows), city != nil)
	}
	for _, r := range rows {
		want := num(t, r[1])
		d := byCode[r[0]]
		got, err := OverlapArea(d, city, Options{})
		if err != nil {
			t.Fatal(err)
		}
		self, err := OverlapArea(d, d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(self-measure.Area(d))/self > 1e-4 {
			t.Errorf("district %s: area %.1f m², measure.Area %.1f m²", r[0], self, measure.Area(d))
		}
		if share := got / self; math.Abs(share-want) > 1e-6 {
			t.Errorf("district %s ∩ city: %.1f m², share %.9f, SpatiaLite %.9f", r[0], got, share, want)
		}
		if want > 0.999 || want < 0.9 {
			t.Errorf("district %s: share %g, expected most of the district inside the city", r[0], want)
		}
	}
}

func asMulti(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}

func square(cx, cy, r float64) orb.Polygon {
	return orb.Polygon{{{cx - r, cy - r}, {cx + r, cy - r}, {cx + r, cy + r}, {cx - r, cy + r}, {cx - r, cy - r}}}
}

func TestOverlapAreaCases(t *testing.T) {
	a := orb.MultiPolygon{square(106.8, 39.5, 0.01)}
	full := measure.Area(a)
	withHole := orb.Polygon{square(106.8, 39.5, 0.05)[0], square(106.8, 39.5, 0.02)[0]}
	tests := []struct {
		name string
		b    orb.MultiPolygon
		want float64 // as a share of a's area (measure.Area: geodesic edges,
		tol  float64 // where OverlapArea's are straight in lon/lat: 1e-7 apart here)
	}{
		{"contains a", orb.MultiPolygon{square(106.8, 39.5, 0.05)}, 1, 1e-6},
		{"equal", a, 1, 1e-6},
		{"half", orb.MultiPolygon{square(106.82, 39.5, 0.02)}, 0.5, 1e-3},
		{"touching edge", orb.MultiPolygon{square(106.82, 39.5, 0.01)}, 0, 0},
		{"disjoint", orb.MultiPolygon{square(107, 39.5, 0.01)}, 0, 0},
		{"a inside b's hole", orb.MultiPolygon{withHole}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := OverlapArea(a, tc.b, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got/full-tc.want) > tc.tol {
				t.Errorf("overlap %.3f m² = %.6f of a, want %g", got, got/full, tc.want)
			}
		})
	}
	if _, err := OverlapArea(orb.MultiPolygon{square(math.NaN(), 39, 1)}, a, Options{}); err == nil {
		t.Error("NaN polygon accepted")
	}
}
