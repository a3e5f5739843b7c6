package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg/gpkgtest"
)

func rtreeCheck(t *testing.T, q Querier, table string) {
	t.Helper()
	var res string
	if err := q.QueryRowContext(context.Background(), "SELECT rtreecheck(?)", RTreeName(table, "geom")).Scan(&res); err != nil {
		t.Fatal(err)
	}
	if res != "ok" {
		t.Fatalf("rtreecheck: %s", res)
	}
}

// randomBoxes are n small boxes scattered like mine polygons near Wuhai,
// with a few points and a few boxes of extreme coordinates.
func randomBoxes(n int, seed uint64) []orb.Geometry {
	rng := rand.New(rand.NewPCG(seed, 7))
	gs := make([]orb.Geometry, n)
	for i := range gs {
		x, y := 106.5+0.8*rng.Float64(), 39.2+0.6*rng.Float64()
		switch i % 50 {
		case 0:
			gs[i] = orb.Point{x, y}
		case 1:
			gs[i] = orb.LineString{{-179.99999999, -89.9999999}, {x, y}}
		default:
			w, h := 0.004*rng.Float64(), 0.003*rng.Float64()
			gs[i] = orb.Polygon{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}}
		}
	}
	return gs
}

// loadTable fills a new table with gs, its index built by the triggers or
// by BulkLoadRTree.
func loadTable(t *testing.T, db *sql.DB, table string, gs []orb.Geometry, bulk bool) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := CreateFeatureTable(ctx, tx, table, "geom", "GEOMETRY", 4326, nil); err != nil {
		t.Fatal(err)
	}
	if bulk {
		if err := DropRTreeTriggers(ctx, tx, table, "geom"); err != nil {
			t.Fatal(err)
		}
	}
	var entries []RTreeEntry
	for i, g := range gs {
		b, err := Encode(g, 4326)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+QuoteIdent(table)+" (fid, geom) VALUES (?, ?)", i+1, b); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, RTreeEntry{ID: int64(i + 1), Bound: g.Bound()})
	}
	if bulk {
		if err := BulkLoadRTree(ctx, tx, table, "geom", entries); err != nil {
			t.Fatal(err)
		}
		if err := CreateRTreeTriggers(ctx, tx, table, "geom"); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestBulkLoadRTree builds indexes of sizes around the node capacity (51
// cells) and its square, and checks each against SQLite's rtreecheck and
// against the index the triggers build from the same rows: same entries,
// same float32 boxes, same answers to box queries; then edits rows through
// the triggers and checks again.
func TestBulkLoadRTree(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{0, 1, 50, 51, 52, 2601, 2602, 3000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			db, _ := openTemp(t, "bulk.gpkg")
			if err := InitCore(ctx, db); err != nil {
				t.Fatal(err)
			}
			gs := randomBoxes(n, uint64(n))
			loadTable(t, db, "bulk", gs, true)
			loadTable(t, db, "trig", gs, false)
			rtreeCheck(t, db, "bulk")
			a, b := rtreeRows(t, db, "bulk"), rtreeRows(t, db, "trig")
			if len(a) != n || !reflect.DeepEqual(a, b) {
				t.Fatalf("bulk index has %d entries, differs from the triggers' %d", len(a), len(b))
			}
			rng := rand.New(rand.NewPCG(1, uint64(n)))
			for range 50 {
				x, y := 106.5+0.8*rng.Float64(), 39.2+0.6*rng.Float64()
				q := func(table string) []int64 {
					rows, err := db.Query("SELECT id FROM "+QuoteIdent(RTreeName(table, "geom"))+
						" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ? ORDER BY id", x, x+0.02, y, y+0.02)
					if err != nil {
						t.Fatal(err)
					}
					defer rows.Close()
					var ids []int64
					for rows.Next() {
						var id int64
						rows.Scan(&id)
						ids = append(ids, id)
					}
					return ids
				}
				if qa, qb := q("bulk"), q("trig"); !reflect.DeepEqual(qa, qb) {
					t.Fatalf("box query: bulk %v, triggers %v", qa, qb)
				}
			}
			// The bulk-built tree takes ordinary edits.
			p, _ := Encode(orb.Point{1, 2}, 4326)
			for _, s := range []string{"INSERT INTO bulk (geom) VALUES (?1)", "UPDATE bulk SET geom = ?1 WHERE fid = 1", "DELETE FROM bulk WHERE fid = 2"} {
				if _, err := db.Exec(s, p); err != nil {
					t.Fatal(err)
				}
			}
			for range 300 {
				if _, err := db.Exec("INSERT INTO bulk (geom) VALUES (?)", p); err != nil {
					t.Fatal(err)
				}
			}
			rtreeCheck(t, db, "bulk")
		})
	}
}

func TestBulkLoadRTreeRefusesFilledIndex(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t, "full.gpkg")
	InitCore(ctx, db)
	loadTable(t, db, "t", randomBoxes(3, 1), false)
	err := BulkLoadRTree(ctx, db, "t", "geom", []RTreeEntry{{ID: 9, Bound: orb.Bound{}}})
	if !errors.Is(err, ErrRTreeNotEmpty) {
		t.Fatalf("err %v", err)
	}
}

func TestBulkLoadedPackageValidates(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t, "valid.gpkg")
	InitCore(ctx, db)
	loadTable(t, db, "t", randomBoxes(3000, 2), true)
	if err := UpdateContentsExtent(ctx, db, "t"); err != nil {
		t.Fatal(err)
	}
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check %q %v", res, err)
	}
	db.Close()
	gpkgtest.Validate(t, path)
	out := gpkgtest.OGRInfo(t, path, "-spat", "106.6", "39.3", "106.7", "39.4")
	if out == "" {
		t.Fatal("no ogrinfo output")
	}
}

// TestRoundingMatchesSQLite compares roundDown and roundUp with the values
// SQLite's R*Tree stores for the same doubles.
func TestRoundingMatchesSQLite(t *testing.T) {
	db, _ := openTemp(t, "round.gpkg")
	if _, err := db.Exec("CREATE VIRTUAL TABLE r USING rtree(id, minx, maxx)"); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	vals := []float64{0, -0.0, 1e-50, -1e-50, 106.8, -106.8, 39.123456789, math.MaxFloat32, -math.MaxFloat32, 1.0 / 3}
	for range 400 {
		vals = append(vals, (rng.Float64()-0.5)*400)
	}
	for i, v := range vals {
		if _, err := db.Exec("INSERT INTO r VALUES (?, ?, ?)", i, v, v); err != nil {
			t.Fatal(err)
		}
		var lo, hi float64
		if err := db.QueryRow("SELECT minx, maxx FROM r WHERE id = ?", i).Scan(&lo, &hi); err != nil {
			t.Fatal(err)
		}
		if float32(lo) != roundDown(v) || float32(hi) != roundUp(v) {
			t.Fatalf("%v: sqlite [%v, %v], ours [%v, %v]", v, lo, hi, roundDown(v), roundUp(v))
		}
	}
}

// TestRTreeCheckDetects makes sure rtreecheck, which the tests above rely
// on, does report a damaged index.
func TestRTreeCheckDetects(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t, "damaged.gpkg")
	InitCore(ctx, db)
	loadTable(t, db, "t", randomBoxes(500, 4), true)
	if _, err := db.Exec("UPDATE rtree_t_geom_rowid SET nodeno = 999 WHERE rowid = 1"); err != nil {
		t.Fatal(err)
	}
	var res string
	if err := db.QueryRow("SELECT rtreecheck('rtree_t_geom')").Scan(&res); err != nil || res == "ok" {
		t.Fatalf("rtreecheck missed a broken mapping: %q %v", res, err)
	}
}
