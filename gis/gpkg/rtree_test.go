package gpkg

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg/gpkgtest"
)

// rtreeRows reads the spatial index as fid -> [minx maxx miny maxy].
func rtreeRows(t *testing.T, q Querier, table string) map[int64][4]float64 {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), "SELECT id, minx, maxx, miny, maxy FROM "+QuoteIdent(RTreeName(table, "geom")))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[int64][4]float64{}
	for rows.Next() {
		var id int64
		var v [4]float64
		if err := rows.Scan(&id, &v[0], &v[1], &v[2], &v[3]); err != nil {
			t.Fatal(err)
		}
		m[id] = v
	}
	return m
}

// near reports whether the float32 R*Tree box holds the exact bound.
func near(got [4]float64, b orb.Bound) bool {
	return got[0] <= b.Min[0] && got[1] >= b.Max[0] && got[2] <= b.Min[1] && got[3] >= b.Max[1] &&
		math.Abs(got[0]-b.Min[0]) < 1e-4 && math.Abs(got[3]-b.Max[1]) < 1e-4
}

func newFeatureTable(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, _ := openTemp(t, "rtree.gpkg")
	if err := InitCore(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := CreateFeatureTable(ctx, db, "t", "geom", "GEOMETRY", 4326, []Column{{Name: "name", Type: "TEXT"}}); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestRTreeTriggers(t *testing.T) {
	ctx := context.Background()
	db := newFeatureTable(t)
	enc := func(g orb.Geometry) []byte {
		b, err := Encode(g, 4326)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a := orb.Polygon{square(1, 1, 1)}
	b := orb.LineString{{5, 5}, {6, 8}}
	p := orb.Point{-3, 4}
	steps := []struct {
		name string
		sql  string
		args []any
		want map[int64]orb.Bound
	}{
		{"insert polygon", "INSERT INTO t (fid, geom) VALUES (1, ?)", []any{enc(a)}, map[int64]orb.Bound{1: a.Bound()}},
		{"insert point", "INSERT INTO t (fid, geom) VALUES (2, ?)", []any{enc(p)}, map[int64]orb.Bound{1: a.Bound(), 2: p.Bound()}},
		{"insert null", "INSERT INTO t (fid, geom) VALUES (3, NULL)", nil, map[int64]orb.Bound{1: a.Bound(), 2: p.Bound()}},
		{"insert empty", "INSERT INTO t (fid, geom) VALUES (4, ?)", []any{enc(orb.MultiPolygon{})}, map[int64]orb.Bound{1: a.Bound(), 2: p.Bound()}},
		{"update1 geometry", "UPDATE t SET geom = ? WHERE fid = 1", []any{enc(b)}, map[int64]orb.Bound{1: b.Bound(), 2: p.Bound()}},
		{"update2 to null", "UPDATE t SET geom = NULL WHERE fid = 2", nil, map[int64]orb.Bound{1: b.Bound()}},
		{"update null to geometry", "UPDATE t SET geom = ? WHERE fid = 3", []any{enc(a)}, map[int64]orb.Bound{1: b.Bound(), 3: a.Bound()}},
		{"update3 fid", "UPDATE t SET fid = 10 WHERE fid = 3", nil, map[int64]orb.Bound{1: b.Bound(), 10: a.Bound()}},
		{"update4 fid of empty", "UPDATE t SET fid = 11 WHERE fid = 4", nil, map[int64]orb.Bound{1: b.Bound(), 10: a.Bound()}},
		{"update other column", "UPDATE t SET name = 'x' WHERE fid = 1", nil, map[int64]orb.Bound{1: b.Bound(), 10: a.Bound()}},
		{"delete", "DELETE FROM t WHERE fid = 1", nil, map[int64]orb.Bound{10: a.Bound()}},
		{"garbage blob is not indexed", "INSERT INTO t (fid, geom) VALUES (20, x'00112233')", nil, map[int64]orb.Bound{10: a.Bound()}},
	}
	for _, s := range steps {
		if _, err := db.ExecContext(ctx, s.sql, s.args...); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got := rtreeRows(t, db, "t")
		if len(got) != len(s.want) {
			t.Fatalf("%s: index %v, want %v", s.name, got, s.want)
		}
		for id, bd := range s.want {
			if !near(got[id], bd) {
				t.Fatalf("%s: index entry %d = %v, want %v", s.name, id, got[id], bd)
			}
		}
	}
}

func TestBulkLoadWithoutTriggers(t *testing.T) {
	ctx := context.Background()
	db := newFeatureTable(t)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := DropRTreeTriggers(ctx, tx, "t", "geom"); err != nil {
		t.Fatal(err)
	}
	want := map[int64]orb.Bound{}
	for i := 1; i <= 200; i++ {
		g := orb.Polygon{square(float64(i), float64(i%7), 0.5)}
		b, _ := Encode(g, 4326)
		if _, err := tx.ExecContext(ctx, "INSERT INTO t (fid, geom) VALUES (?, ?)", i, b); err != nil {
			t.Fatal(err)
		}
		want[int64(i)] = g.Bound()
	}
	if n := len(rtreeRows(t, tx, "t")); n != 0 {
		t.Fatalf("index filled while triggers were dropped: %d", n)
	}
	if err := LoadRTree(ctx, tx, "t", "geom", 1); err != nil {
		t.Fatal(err)
	}
	if err := CreateRTreeTriggers(ctx, tx, "t", "geom"); err != nil {
		t.Fatal(err)
	}
	if err := UpdateContentsExtent(ctx, tx, "t"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	got := rtreeRows(t, db, "t")
	if len(got) != len(want) {
		t.Fatalf("index has %d entries, want %d", len(got), len(want))
	}
	for id, bd := range want {
		if !near(got[id], bd) {
			t.Fatalf("entry %d = %v, want %v", id, got[id], bd)
		}
	}
	var triggers int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 't'").Scan(&triggers); err != nil || triggers != 6 {
		t.Fatalf("%d triggers, %v", triggers, err)
	}
	ext, err := ContentsExtent(ctx, db, "t")
	if err != nil || ext == nil || *ext != (orb.Bound{Min: orb.Point{1, 0}, Max: orb.Point{200.5, 6.5}}) {
		t.Fatalf("extent %v %v", ext, err)
	}
}

func TestUpdateContentsExtentEmpty(t *testing.T) {
	ctx := context.Background()
	db := newFeatureTable(t)
	if err := SetContentsExtent(ctx, db, "t", &orb.Bound{Max: orb.Point{1, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := UpdateContentsExtent(ctx, db, "t"); err != nil {
		t.Fatal(err)
	}
	if ext, err := ContentsExtent(ctx, db, "t"); err != nil || ext != nil {
		t.Fatalf("empty table extent %v %v", ext, err)
	}
	// CAST: the driver would turn a DATETIME column into a time.Time and
	// reformat it, trimming the trailing zeros the file really holds.
	var last string
	if err := db.QueryRow("SELECT CAST(last_change AS TEXT) FROM gpkg_contents WHERE table_name = 't'").Scan(&last); err != nil || !strings.HasSuffix(last, "Z") || len(last) != len("2024-01-01T00:00:00.000Z") {
		t.Fatalf("last_change %q %v", last, err)
	}
	if _, err := ContentsExtent(ctx, db, "nope"); err == nil {
		t.Fatal("extent of a missing table")
	}
}

func TestSQLFunctions(t *testing.T) {
	db, _ := openTemp(t, "fn.gpkg")
	if err := RegisterFunctions(); err != nil { // a second call is a no-op
		t.Fatal(err)
	}
	poly, _ := Encode(orb.Polygon{square(1, 2, 3)}, 4490)
	pt, _ := Encode(orb.Point{7, 8}, 4326)
	empty, _ := Encode(orb.MultiPolygon{}, 4490)
	for _, tc := range []struct {
		arg  any
		want string
	}{
		{poly, "1|4|2|5|0|4490"},
		{pt, "7|7|8|8|0|4326"},
		{empty, "||||1|4490"},
		{nil, "|||||"},
		{[]byte("garbage"), "|||||"},
		{"text", "|||||"},
		{int64(3), "|||||"},
	} {
		var vals [6]sql.NullString
		err := db.QueryRow("SELECT ST_MinX(?1), ST_MaxX(?1), ST_MinY(?1), ST_MaxY(?1), ST_IsEmpty(?1), ST_SRID(?1)", tc.arg).
			Scan(&vals[0], &vals[1], &vals[2], &vals[3], &vals[4], &vals[5])
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, v.String)
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("%v: got %s, want %s", tc.arg, got, tc.want)
		}
	}
}

func TestCreateFeatureTableErrors(t *testing.T) {
	ctx := context.Background()
	db := newFeatureTable(t)
	if err := CreateFeatureTable(ctx, db, "c", "geom", "CIRCULARSTRING", 4326, nil); err == nil {
		t.Error("curve type accepted")
	}
	if err := CreateFeatureTable(ctx, db, "t", "geom", "POINT", 4326, nil); err == nil {
		t.Error("existing table created again")
	}
	if err := CreateFeatureTable(ctx, db, "u", "geom", "POINT", 999999, nil); err == nil {
		t.Error("table with an unknown srs created")
	}
}

// TestValidatorOnEmptyGeometry records how GDAL 3.6's validate_gpkg.py
// judges an empty geometry written to the specification (empty flag in bit
// 4, no envelope): it reads the flag from bit 3, so it reports requirement
// 152. GDAL itself reads the blob as empty.
func TestValidatorOnEmptyGeometry(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t, "empty.gpkg")
	if err := InitCore(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := CreateFeatureTable(ctx, db, "t", "geom", "MULTIPOLYGON", 4326, nil); err != nil {
		t.Fatal(err)
	}
	b, _ := Encode(orb.MultiPolygon{}, 4326)
	if _, err := db.ExecContext(ctx, "INSERT INTO t (geom) VALUES (?)", b); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, ok := gpkgtest.ValidateOutput(t, path)
	if ok {
		t.Log("the validator accepts empty geometries: its bit-3 reading was fixed")
	} else if !strings.Contains(out, "Req 152") {
		t.Fatalf("validator failed for another reason:\n%s", out)
	}
	info := gpkgtest.OGRInfoFeatures(t, path, "t")
	if !strings.Contains(info, "MULTIPOLYGON EMPTY") {
		t.Fatalf("gdal does not read the empty multipolygon:\n%s", info)
	}
	t.Logf("validator on an empty geometry: %s", strings.TrimSpace(out))
}
