package gpkg

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"minerehab/gis/gpkg/gpkgtest"

	_ "modernc.org/sqlite"
)

var update = flag.Bool("update", false, "rewrite testdata (fuzz seeds) from GDAL's output")

// seedSources are GeoJSON inputs whose GDAL-written blobs seed FuzzDecode:
// every geometry type GDAL writes, 2D and 3D, plus real data from the
// shared folder (the smallest feature of each).
var seedSources = map[string]string{
	"point":           `{"type":"Point","coordinates":[106.8,39.65]}`,
	"point_z":         `{"type":"Point","coordinates":[106.8,39.65,1100.5]}`,
	"multipoint":      `{"type":"MultiPoint","coordinates":[[106.8,39.65],[106.9,39.7]]}`,
	"linestring":      `{"type":"LineString","coordinates":[[106.8,39.65],[106.9,39.7],[107,39.6]]}`,
	"linestring_z":    `{"type":"LineString","coordinates":[[106.8,39.65,1],[106.9,39.7,2]]}`,
	"polygon_hole":    `{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[3,2],[3,3],[2,2]]]}`,
	"multilinestring": `{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,1]]]}`,
	"multipolygon":    `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}`,
	"collection":      `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}`,
}

var seedShared = []string{
	"admin/wuhai_districts_150300.json",
	"rivers/yellow_river_ne50m.geojson",
	"geojson-edge-cases/antimeridian_input_split.json",
}

// TestUpdateFuzzSeeds regenerates testdata/fuzz/FuzzDecode with -update:
// ogr2ogr writes each source into a GeoPackage and the smallest blob of
// each is stored in Go's corpus format.
func TestUpdateFuzzSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate the fuzz seeds")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	write := func(name string, blob []byte) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(blob)))
		if err := os.WriteFile(filepath.Join(dir, "gdal_"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, g := range seedSources {
		src := filepath.Join(tmp, name+".json")
		doc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":` + g + `}]}`
		if err := os.WriteFile(src, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(tmp, name+".gpkg")
		gpkgtest.OGR2OGR(t, dst, src, "-nln", "t")
		write(name, smallestBlob(t, dst))
	}
	for i, rel := range seedShared {
		dst := filepath.Join(tmp, fmt.Sprintf("shared%d.gpkg", i))
		gpkgtest.OGR2OGR(t, dst, gpkgtest.SharedData(t, rel), "-nln", "t")
		write(fmt.Sprintf("shared_%s", filepath.Base(rel)), smallestBlob(t, dst))
	}
}

func smallestBlob(t *testing.T, path string) []byte {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b []byte
	if err := db.QueryRow("SELECT geom FROM t WHERE geom NOT NULL ORDER BY length(geom) LIMIT 1").Scan(&b); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}
