package gpkg

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg/gpkgtest"
)

// TestReadOGR2OGRPackage reads a GeoPackage GDAL wrote from the Wuhai
// district boundaries.
func TestReadOGR2OGRPackage(t *testing.T) {
	ctx := context.Background()
	src := gpkgtest.SharedData(t, "admin/wuhai_districts_150300.json")
	path := filepath.Join(t.TempDir(), "wuhai.gpkg")
	gpkgtest.OGR2OGR(t, path, src, "-nln", "districts", "-a_srs", "EPSG:4490")
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, err := ListFeatureTables(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 {
		t.Fatalf("tables %+v", tables)
	}
	ti := tables[0]
	if ti.Name != "districts" || ti.GeomColumn != "geom" || ti.GeomType != "MULTIPOLYGON" || ti.SrsID != 4490 || ti.Count != 3 {
		t.Fatalf("table %+v", ti)
	}
	srs, err := LookupSRS(ctx, db, ti.SrsID)
	if err != nil {
		t.Fatal(err)
	}
	if code, ok := srs.EPSG(); !ok || code != 4490 {
		t.Fatalf("srs %+v", srs)
	}
	var names []string
	var all orb.Bound
	n := 0
	err = ReadFeatures(ctx, db, "districts", func(fid int64, g orb.Geometry, props []byte) error {
		n++
		if fid != int64(n) {
			t.Errorf("fid %d at row %d", fid, n)
		}
		mp, ok := g.(orb.MultiPolygon)
		if !ok || len(mp) == 0 {
			t.Errorf("fid %d: geometry %T", fid, g)
		}
		if n == 1 {
			all = g.Bound()
		} else {
			all = all.Union(g.Bound())
		}
		var m map[string]any
		if err := json.Unmarshal(props, &m); err != nil {
			t.Fatalf("props %s: %v", props, err)
		}
		names = append(names, m["name"].(string))
		if _, ok := m["adcode"].(float64); !ok {
			t.Errorf("adcode %T in %s", m["adcode"], props)
		}
		if !strings.HasPrefix(string(props), `{"adcode":1503`) {
			t.Errorf("props do not keep column order: %s", props)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "海勃湾区,海南区,乌达区" {
		t.Errorf("names %v", names)
	}
	// GDAL's own extent of the layer, from gpkg_contents.
	ext, err := ContentsExtent(ctx, db, "districts")
	close := func(a, b orb.Point) bool { return math.Abs(a[0]-b[0]) < 1e-9 && math.Abs(a[1]-b[1]) < 1e-9 }
	if err != nil || ext == nil || !close(ext.Min, all.Min) || !close(ext.Max, all.Max) {
		t.Errorf("extent %v (%v), features span %v", ext, err, all)
	}
}

// TestReadFeaturesTypes reads back every column type this package writes.
func TestReadFeaturesTypes(t *testing.T) {
	ctx := context.Background()
	db, _ := buildTestPackage(t)
	var got []string
	err := ReadFeatures(ctx, db, "mpolys", func(fid int64, g orb.Geometry, props []byte) error {
		if fid == 2 && g != nil {
			t.Errorf("null geometry read as %v", g)
		}
		got = append(got, string(props))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"name":"乌海市海勃湾区","count":9007199254740993,"area":12.5,"ok":true,"seen":"2024-05-01T08:00:00.000Z","doc":"{\"矿山名称\":\"乌海\"}"}`,
		`{"name":"no geometry","count":null,"area":null,"ok":null,"seen":null,"doc":null}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	stop := errors.New("stop")
	if err := ReadFeatures(ctx, db, "mpolys", func(int64, orb.Geometry, []byte) error { return stop }); err != stop {
		t.Errorf("callback error not returned: %v", err)
	}
	var e *Error
	if err := ReadFeatures(ctx, db, "nope", func(int64, orb.Geometry, []byte) error { return nil }); !errors.As(err, &e) || e.Code != CodeNoTable {
		t.Errorf("missing table: %v", err)
	}
}

func TestLookupSRSMissing(t *testing.T) {
	db := newFeatureTable(t)
	var e *Error
	if _, err := LookupSRS(context.Background(), db, 12345); !errors.As(err, &e) || e.Code != CodeNoSRS {
		t.Fatalf("err %v", err)
	}
	s, err := LookupSRS(context.Background(), db, -1)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.EPSG(); ok {
		t.Fatal("undefined srs has an epsg code")
	}
}
