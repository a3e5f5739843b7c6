package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// edgeCases says what `minerehab import --layer auto` does with every file in
// ../shared/data/geojson-edge-cases (the rules in ../shared/data/README.md):
// accepted files land with the given count; rejected ones exit 1 with a
// message naming the file and the reason, and the project is unchanged.
// The reader's own structural rules are in gis/geojson/RULES.md; geometry
// semantics (closure, range, self-intersection) and "a feature needs a
// location" are the importer's.
var edgeCases = map[string]struct {
	added  int    // features imported; -1 = rejected
	reason string // substring of the English message when rejected
}{
	"antimeridian_input_split.json":                              {1, ""},
	"antimeridian_ogr2ogr_over-180.json":                         {1, ""},
	"gdal_point_with_utf8bom.json":                               {1, ""},
	"gdal_test_type_promotion.json":                              {-1, "no geometry"},
	"geojsonhint_bad_bad-duplicate-properties.geojson":           {-1, "appears twice"},
	"geojsonhint_bad_bad-json.geojson":                           {-1, "not valid JSON"},
	"geojsonhint_bad_bad-properties-as-array.geojson":            {-1, "properties must be an object"},
	"geojsonhint_bad_badcoord.geojson":                           {-1, "bad coordinates"},
	"geojsonhint_bad_badcoordtype.geojson":                       {-1, "bad coordinates"},
	"geojsonhint_bad_badfeatureid.geojson":                       {-1, "id must be a string or a number"},
	"geojsonhint_bad_different-first-last.geojson":               {-1, "not closed"},
	"geojsonhint_bad_featurecollection-type-case.geojson":        {-1, "case-sensitive"},
	"geojsonhint_bad_featurecollection.geojson":                  {-1, "\"features\" array"},
	"geojsonhint_bad_geometrycollection_nested.geojson":          {-1, "inside a GeometryCollection"},
	"geojsonhint_bad_nofeaturetype.geojson":                      {-1, "not a Feature"},
	"geojsonhint_bad_notype.geojson":                             {-1, "not GeoJSON"},
	"geojsonhint_bad_point-toofew.geojson":                       {-1, "bad coordinates"},
	"geojsonhint_bad_point-toomany.geojson":                      {1, ""},
	"geojsonhint_bad_polygon_winding_order.geojson":              {1, ""},
	"geojsonhint_bad_rootstring.geojson":                         {-1, "not GeoJSON"},
	"geojsonhint_bad_short-line.geojson":                         {-1, "fewer than 2 distinct"},
	"geojsonhint_bad_short-linearring.geojson":                   {-1, "fewer than 4 positions"},
	"geojsonhint_bad_stringcoord.geojson":                        {-1, "bad coordinates"},
	"geojsonhint_bad_unknowntype.geojson":                        {-1, "unknown GeoJSON type"},
	"geojsonhint_good_good-featurecollection-bbox3d.geojson":     {2, ""},
	"geojsonhint_good_good-featurecollection-extensions.geojson": {3, ""},
	"geojsonhint_good_good-point-3d.geojson":                     {1, ""},
	"geojsonhint_good_issue82.geojson":                           {-1, "--crs"},
	"geojsonhint_good_nullgeometry.geojson":                      {-1, "no geometry"},
	"geojsonhint_good_nullproperties.geojson":                    {1, ""},
	"geojsonhint_old_bad-crs.geojson":                            {-1, "crs member cannot be read"},
	"geojsonhint_old_crs-badroot.geojson":                        {-1, "crs member cannot be read"},
	"geojsonhint_old_crs_notvalid_evencrs84.geojson":             {0, ""},
	"mapnik_escaped.geojson":                                     {1, ""},
	"openeo_test_geojson_crs_from_epsg_utm.geojson":              {-1, "properties must be an object"},
	"openeo_test_geojson_invalid_coordinates.geojson":            {-1, "out of range"},
	"python-geojson_data.geojson":                                {-1, "no geometry"},
	"python-geojson_strict_infinity.geojson":                     {-1, "NaN or Infinity"},
	"python-geojson_strict_nan.geojson":                          {-1, "NaN or Infinity"},
}

func TestEdgeCases(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	dir := filepath.Join(sharedDir(t), "geojson-edge-cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		name := e.Name()
		want, ok := edgeCases[name]
		if !ok {
			t.Errorf("no rule for %s: add it to edgeCases", name)
			continue
		}
		seen++
		t.Run(name, func(t *testing.T) {
			p := newProject(t)
			seed := writeFile(t, "seed.geojson", `{"type":"Feature","properties":{"名称":"种子"},"geometry":{"type":"Point","coordinates":[106.8,39.6]}}`)
			mustRun(t, "import", p, "--layer", "reference", seed)
			before := snapshot(t, p)
			code, out, errs := run(t, "import", p, "--layer", "auto", filepath.Join(dir, name))
			if want.added < 0 {
				if code != 1 {
					t.Fatalf("exit %d, want 1 (rejected); stdout %s", code, out)
				}
				if !strings.Contains(errs, name) || !strings.Contains(errs, want.reason) {
					t.Errorf("message must name the file and say %q: %s", want.reason, errs)
				}
				if strings.Count(strings.TrimSpace(errs), "\n") > 0 {
					t.Errorf("more than one line: %q", errs)
				}
				if snapshot(t, p) != before {
					t.Error("rejected import changed the project")
				}
				// the same rule, in Chinese
				t.Setenv("MINEREHAB_LANG", "zh-CN")
				_, _, zh := run(t, "import", p, "--layer", "auto", filepath.Join(dir, name))
				t.Setenv("MINEREHAB_LANG", "en")
				if !strings.Contains(zh, name) || !containsHan(zh) {
					t.Errorf("Chinese message lacks the file or Chinese text: %s", zh)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d, want 0: %s", code, errs)
			}
			if got := len(features(t, p, "reference")) - 1; got != want.added {
				t.Errorf("%d features added, want %d", got, want.added)
			}
		})
	}
	if seen != len(edgeCases) {
		t.Errorf("edgeCases names %d files, the folder has %d of them", len(edgeCases), seen)
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
