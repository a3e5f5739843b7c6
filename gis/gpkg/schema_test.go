package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg/gpkgtest"
)

// openTemp opens a new database file in a temp dir with the ST_* functions.
func openTemp(t *testing.T, name string) (*sql.DB, string) {
	t.Helper()
	if err := RegisterFunctions(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db, path
}

var testColumns = []Column{
	{Name: "name", Type: "TEXT"},
	{Name: "count", Type: "INTEGER"},
	{Name: "area", Type: "REAL"},
	{Name: "ok", Type: "BOOLEAN"},
	{Name: "seen", Type: "DATETIME"},
	{Name: "doc", Type: "TEXT", MimeType: "application/json", Title: "original properties"},
}

// testTables are one feature table per core geometry type with a row each.
var testTables = []struct {
	name, geomType string
	g              orb.Geometry
}{
	{"pts", "POINT", orb.Point{106.8, 39.65}},
	{"lines", "LINESTRING", orb.LineString{{106.8, 39.6}, {106.9, 39.7}}},
	{"polys", "POLYGON", orb.Polygon{square(106.7, 39.5, 0.1)}},
	{"mpts", "MULTIPOINT", orb.MultiPoint{{106.8, 39.6}, {106.85, 39.62}}},
	{"mlines", "MULTILINESTRING", orb.MultiLineString{{{106.8, 39.6}, {106.9, 39.7}}}},
	{"mpolys", "MULTIPOLYGON", orb.MultiPolygon{{square(106.7, 39.5, 0.1)}, {square(106.9, 39.8, 0.05)}}},
	{"colls", "GEOMETRYCOLLECTION", orb.Collection{orb.Point{106.8, 39.6}, orb.LineString{{106.8, 39.6}, {106.81, 39.61}}}},
	{"anything", "GEOMETRY", orb.Polygon{square(106.75, 39.55, 0.01)}},
}

// buildTestPackage writes a GeoPackage with every table of testTables,
// Chinese text included, through a transaction as a caller would.
func buildTestPackage(t *testing.T) (*sql.DB, string) {
	t.Helper()
	ctx := context.Background()
	db, path := openTemp(t, "test.gpkg")
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := InitCore(ctx, tx); err != nil {
		t.Fatal(err)
	}
	for _, tt := range testTables {
		if err := CreateFeatureTable(ctx, tx, tt.name, "geom", tt.geomType, 4490, testColumns); err != nil {
			t.Fatal(err)
		}
		b, err := Encode(tt.g, 4490)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s (geom, name, count, area, ok, seen, doc) VALUES (?, ?, ?, ?, ?, ?, ?)`, QuoteIdent(tt.name)),
			b, "乌海市海勃湾区", int64(9007199254740993), 12.5, 1, "2024-05-01T08:00:00.000Z", `{"矿山名称":"乌海"}`)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s (geom, name) VALUES (NULL, 'no geometry')`, QuoteIdent(tt.name))); err != nil {
			t.Fatal(err)
		}
		if err := UpdateContentsExtent(ctx, tx, tt.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := InitCore(ctx, tx); err != nil { // idempotent
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return db, path
}

func TestCreatedPackageValidates(t *testing.T) {
	_, path := buildTestPackage(t)
	gpkgtest.Validate(t, path)
}

func TestCreatedPackageOGRInfo(t *testing.T) {
	_, path := buildTestPackage(t)
	out := gpkgtest.OGRInfo(t, path)
	for _, tt := range testTables {
		wantType := map[string]string{
			"POINT": "Point", "LINESTRING": "Line String", "POLYGON": "Polygon", "MULTIPOINT": "Multi Point",
			"MULTILINESTRING": "Multi Line String", "MULTIPOLYGON": "Multi Polygon",
			"GEOMETRYCOLLECTION": "Geometry Collection", "GEOMETRY": "Unknown (any)",
		}[tt.geomType]
		if !strings.Contains(out, "Layer name: "+tt.name+"\nGeometry: "+wantType+"\nFeature Count: 2\n") {
			t.Errorf("layer %s (%s) with 2 features missing from ogrinfo:\n%s", tt.name, wantType, out)
		}
		b := tt.g.Bound()
		ext := fmt.Sprintf("Extent: (%.6f, %.6f) - (%.6f, %.6f)", b.Min[0], b.Min[1], b.Max[0], b.Max[1])
		if !strings.Contains(out, ext) {
			t.Errorf("%s: %q missing", tt.name, ext)
		}
	}
	for _, want := range []string{`ID["EPSG",4490]`, "doc: String(JSON)", "ok: Integer(Boolean)", "seen: DateTime", "count: Integer64"} {
		if !strings.Contains(out, want) {
			t.Errorf("%q missing from ogrinfo output", want)
		}
	}
}

func TestOGRInfoReadsChineseValue(t *testing.T) {
	_, path := buildTestPackage(t)
	out := gpkgtest.OGRInfoFeatures(t, path, "mpolys")
	if !strings.Contains(out, "name (String) = 乌海市海勃湾区") {
		t.Fatalf("chinese value missing:\n%s", out)
	}
	if !regexp.MustCompile(`count \(Integer64\) = 9007199254740993`).MatchString(out) {
		t.Errorf("64-bit integer not exact:\n%s", out)
	}
}
