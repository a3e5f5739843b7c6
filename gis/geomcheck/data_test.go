package geomcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// TestRealData checks the real administrative boundaries (all valid) and
// the GeoJSON edge cases with a known verdict.
func TestRealData(t *testing.T) {
	data := sharedData(t)
	tests := []struct {
		file      string
		check     string // expected code of Check for the first failing geometry, "" if all pass
		checkLL   string // same for CheckLonLat
		normalize bool   // Normalize changes the winding of some ring
	}{
		{"admin/wuhai_districts_150300.json", "", "", true},
		{"admin/inner_mongolia_cities_150000.json", "", "", true},
		{"geojson-edge-cases/geojsonhint_bad_polygon_winding_order.geojson", "", "", true},
		{"geojson-edge-cases/geojsonhint_bad_different-first-last.geojson", CodeRingNotClosed, CodeRingNotClosed, false},
		{"geojson-edge-cases/geojsonhint_bad_short-linearring.geojson", CodeRingTooShort, CodeRingTooShort, false},
		{"geojson-edge-cases/geojsonhint_bad_short-line.geojson", CodeLineTooShort, CodeLineTooShort, false},
		{"geojson-edge-cases/antimeridian_input_split.json", "", "", true},
		{"geojson-edge-cases/antimeridian_ogr2ogr_over-180.json", "", "", true},
		{"geojson-edge-cases/openeo_test_geojson_invalid_coordinates.geojson", "", CodeOutOfRange, true},
		{"geojson-edge-cases/openeo_test_geojson_crs_from_epsg_utm.geojson", "", CodeOutOfRange, false},
		{"geojson-edge-cases/geojsonhint_good_issue82.geojson", "", CodeOutOfRange, false},
		{"geojson-edge-cases/geojsonhint_bad_geometrycollection_nested.geojson", "", "", false},
		{"geojson-edge-cases/python-geojson_strict_nan.geojson", CodeNonFinite, CodeNonFinite, false},
		{"geojson-edge-cases/python-geojson_strict_infinity.geojson", CodeNonFinite, CodeNonFinite, false},
		{"geojson-edge-cases/mapnik_escaped.geojson", "", "", false},
		{"geojson-edge-cases/gdal_point_with_utf8bom.json", "", "", false},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			geoms := readGeometries(t, filepath.Join(data, tc.file))
			first := func(f func(orb.Geometry) error) string {
				for _, g := range geoms {
					if err := f(g); err != nil {
						return problemCode(t, err)
					}
				}
				return ""
			}
			if got := first(Check); got != tc.check {
				t.Errorf("Check: %q, want %q", got, tc.check)
			}
			if got := first(CheckLonLat); got != tc.checkLL {
				t.Errorf("CheckLonLat: %q, want %q", got, tc.checkLL)
			}
			changed := false
			for _, g := range geoms {
				before := fmt.Sprint(g) // not orb.Equal: NaN ≠ NaN
				Normalize(g)
				if fmt.Sprint(g) != before {
					changed = true
				}
				assertWinding(t, g)
			}
			if changed != tc.normalize {
				t.Errorf("Normalize changed winding: %v, want %v", changed, tc.normalize)
			}
		})
	}
}

// TestEdgeCasesDoNotPanic runs every edge-case file that decodes through
// all entry points.
func TestEdgeCasesDoNotPanic(t *testing.T) {
	dir := filepath.Join(sharedData(t), "geojson-edge-cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	decoded := 0
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		geoms, err := decodeGeoJSON(b)
		if err != nil {
			t.Logf("%s: not decoded (%v)", e.Name(), err)
			continue
		}
		decoded++
		for _, g := range geoms {
			_ = Check(g)
			_ = CheckLonLat(g)
			_ = Bound(g)
			_ = ToMulti(Normalize(g))
		}
	}
	if decoded < 20 {
		t.Errorf("only %d files decoded", decoded)
	}
}

func readGeometries(t *testing.T, path string) []orb.Geometry {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	geoms, err := decodeGeoJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(geoms) == 0 {
		t.Fatal("no geometries")
	}
	return geoms
}
