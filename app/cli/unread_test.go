package cli

import (
	"database/sql"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderUnreadableGeometry: `render` of a project with a damaged
// geometry blob (the bytes) writes the map of the rest, exits 0
// and says on one line of stderr, in the user's language, which feature
// it left out.
func TestRenderUnreadableGeometry(t *testing.T) {
	p := newProject(t)
	mines := writeFile(t, "mines.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[106.79,39.59],[106.81,39.59],[106.81,39.61],[106.79,39.61],[106.79,39.59]]]}},
{"type":"Feature","properties":{"name":"乙"},"geometry":{"type":"Polygon","coordinates":[[[106.84,39.59],[106.86,39.59],[106.86,39.61],[106.84,39.61],[106.84,39.59]]]}}]}`)
	mustRun(t, "import", p, "--layer", "mines", mines)
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE mines SET geom = x'47500003deadbeef0102' WHERE rowid = (SELECT min(rowid) FROM mines)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ lang, want string }{
		{"en", "1 feature in layer Mines has a geometry that cannot be read (mines #1); it is not drawn"},
		{"zh-CN", "“矿山”图层中有 1 个要素的几何数据已损坏、无法读取（mines #1）"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Setenv("MINEREHAB_LANG", tc.lang)
			out := filepath.Join(t.TempDir(), "map.png")
			code, _, errs := run(t, "render", p, "-o", out, "--size", "400x300")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("stderr %q lacks %q on one line", errs, tc.want)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := png.Decode(f); err != nil {
				t.Errorf("map: %v", err)
			}
		})
	}
}
