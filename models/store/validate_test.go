package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// damaged builds a good project with a few features, closes it, breaks it
// with raw SQL (GDAL's ST_ functions registered, as another GIS would have
// them) and opens it again read-only.
func damaged(t *testing.T, breakSQL string, args ...any) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.gpkg")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6), mine(2, 106.9, 39.7), mine(3, 107.0, 39.8))
	s.Close()
	if breakSQL != "" {
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(breakSQL, args...); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestValidate(t *testing.T) {
	ctx := context.Background()
	wrongSRS, _ := gpkg.Encode(orb.MultiPolygon{{ring(106.8, 39.6, 0.01, 0.01, 6)}}, 4326)
	point, _ := gpkg.Encode(orb.Point{106.8, 39.6}, SRSID)
	lying, _ := gpkg.Encode(orb.MultiPolygon{{ring(106.8, 39.6, 0.01, 0.01, 6)}}, SRSID)
	lying[8] = 0 // corrupt minx in the header envelope
	for _, tc := range []struct {
		name string
		sql  string
		args []any
		want []string // codes, in any order
	}{
		{"good", "", nil, nil},
		{"missing trigger", `DROP TRIGGER "rtree_mines_geom_update3"`, nil, []string{ProblemMissingTrigger}},
		{"missing table", `DROP TABLE "rtree_roads_geom"; DROP TABLE roads`, nil, []string{ProblemMissingTable}},
		{"missing column", `ALTER TABLE zones DROP COLUMN imported_at`, nil, []string{ProblemMissingColumn}},
		{"geometry column type", `UPDATE gpkg_geometry_columns SET geometry_type_name = 'POLYGON' WHERE table_name = 'mines'`, nil, []string{ProblemGeometryColumn}},
		{"rtree row missing", `DELETE FROM rtree_mines_geom WHERE id = 2`, nil, []string{ProblemRTreeMismatch}},
		{"rtree row extra", `INSERT INTO rtree_mines_geom VALUES (99, 1, 2, 3, 4)`, nil, []string{ProblemRTreeMismatch}},
		{"garbage blob", `UPDATE mines SET geom = x'47500003deadbeef' WHERE fid = 1`, nil, []string{ProblemGeometryInvalid}},
		{"wrong srs", `UPDATE mines SET geom = ? WHERE fid = 2`, []any{wrongSRS}, []string{ProblemGeometrySRS}},
		{"wrong type", `UPDATE mines SET geom = ? WHERE fid = 3`, []any{point}, []string{ProblemGeometryType}},
		{"lying envelope", `UPDATE mines SET geom = ? WHERE fid = 3`, []any{lying}, []string{ProblemGeometryInvalid}},
		{"null geometry", `UPDATE mines SET geom = NULL WHERE fid = 3`, nil, []string{ProblemGeometryNull}},
		{"bad properties", `UPDATE mines SET properties = '[1,2' WHERE fid = 1`, nil, []string{ProblemPropertiesInvalid}},
		{"bad source", `UPDATE mines SET src_geom = x'0102', src_epsg = 4524 WHERE fid = 1`, nil, []string{ProblemSourceGeometry}},
		{"application id", `PRAGMA application_id = 0`, nil, []string{ProblemApplicationID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := damaged(t, tc.sql, tc.args...)
			ps, err := s.Validate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, p := range ps {
				if !slices.Contains(codes, p.Code) {
					codes = append(codes, p.Code)
				}
			}
			slices.Sort(codes)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(codes, want) {
				t.Fatalf("problems %+v, want codes %v", ps, tc.want)
			}
		})
	}
}

// TestValidateCorruptPages overwrites pages in the middle of the file, as
// a failing disk would: Validate reports integrity problems instead of
// failing or reporting nothing.
func TestValidateCorruptPages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.gpkg")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var fs []*models.Feature
	for i := range 5000 {
		fs = append(fs, mine(i, 106.5+0.0001*float64(i), 39.6))
	}
	importAll(t, s, models.KeySpec{}, fs...)
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Enough mines that the middle of the file is feature pages, not the
	// schema's; damage three pages' worth there.
	page := 4096
	for off := len(data) / 2; off < len(data)/2+3*page; off += 97 {
		data[off] ^= 0x5a
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open of a file with damaged pages: %v", err)
	}
	defer s.Close()
	ps, err := s.Validate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range ps {
		found = found || p.Code == ProblemIntegrity || p.Code == ProblemReadError || p.Code == ProblemGeometryInvalid
	}
	if !found {
		t.Fatalf("no integrity problem reported: %+v", ps)
	}
	t.Logf("%d problems, first %+v", len(ps), ps[0])
}
