package topo

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func readMultiPolygons(t testing.TB, path string) []orb.MultiPolygon {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	var out []orb.MultiPolygon
	for _, f := range fc.Features {
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			out = append(out, orb.MultiPolygon{g})
		case orb.MultiPolygon:
			out = append(out, g)
		}
	}
	return out
}

// TestWuhaiDistricts merges Wuhai's three districts (real DataV
// boundaries, clockwise exteriors, sharing their common borders vertex for
// vertex). GDAL/SpatiaLite gives one polygon without holes whose area is
// exactly the sum of the districts (testdata/gdal.json):
//
//	ogrinfo -q -dialect sqlite -sql "SELECT ST_NumGeometries(ST_Union(geometry)),
//	  NumInteriorRing(ST_Union(geometry)), ST_Area(ST_Transform(ST_Union(geometry),4545)),
//	  SUM(ST_Area(ST_Transform(geometry,4545))) FROM wuhai_districts_150300" \
//	  ../../../shared/data/admin/wuhai_districts_150300.json
//
// Union must agree, without slivers along the shared borders, and every
// vertex of the result must be an input vertex.
func TestWuhaiDistricts(t *testing.T) {
	districts := readMultiPolygons(t, filepath.Join(sharedData(t), "admin", "wuhai_districts_150300.json"))
	if len(districts) != 3 {
		t.Fatalf("%d districts, want 3", len(districts))
	}
	ref := readGDAL(t).WuhaiUnion
	got, err := Union(districts...)
	if err != nil {
		t.Fatal(err)
	}
	checkShape(t, got)
	holes := 0
	for _, p := range got {
		holes += len(p) - 1
	}
	if len(got) != ref.Parts || holes != ref.Holes {
		t.Errorf("%d parts, %d holes; gdal: %d, %d", len(got), holes, ref.Parts, ref.Holes)
	}
	sum := 0.0
	input := map[orb.Point]bool{}
	for _, d := range districts {
		sum += gridArea(t, d, 4545)
		for _, p := range d {
			for _, r := range p {
				for _, pt := range r {
					input[pt] = true
				}
			}
		}
	}
	a := gridArea(t, got, 4545)
	t.Logf("union %.3f m², sum of districts %.3f m², gdal %.3f m²", a, sum, ref.Area)
	if !near(a, ref.Area, 1e-6*ref.Area) || !near(sum, ref.Sum, 1e-6*ref.Sum) {
		t.Errorf("union %.3f m², sum %.3f; gdal %.3f, %.3f", a, sum, ref.Area, ref.Sum)
	}
	for _, p := range got {
		for _, r := range p {
			for _, pt := range r {
				if !input[pt] {
					t.Fatalf("vertex %v is not an input vertex", pt)
				}
			}
		}
	}
	// each district lies within the union, and overlaps it by its own area
	for i, d := range districts {
		out, err := Outside(d, got)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 0 {
			t.Errorf("district %d sticks out of the union: %.3g m²", i, gridArea(t, out, 4545))
		}
	}
	// the districts share borders but do not overlap
	for i := range districts {
		for j := i + 1; j < len(districts); j++ {
			o, err := Overlap(districts[i], districts[j])
			if err != nil {
				t.Fatal(err)
			}
			if len(o) != 0 {
				t.Errorf("districts %d and %d overlap by %.3g m²", i, j, gridArea(t, o, 4545))
			}
		}
	}
}
