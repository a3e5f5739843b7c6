package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

func TestImportCommitAndRollback(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if _, err := im.Put(mine(i, 106.8+0.01*float64(i), 39.6), models.KeySpec{Field: "licence"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, "mines", nil); n != 0 {
		t.Fatalf("%d features after rollback", n)
	}
	if p, _ := s.Validate(ctx); len(p) != 0 { // triggers dropped for the bulk load are back
		t.Fatalf("problems after rollback: %v", p)
	}
	if _, err := im.Put(mine(1, 106.8, 39.6), models.KeySpec{}); err == nil {
		t.Fatal("put after rollback")
	}
	if err := im.Rollback(); err != nil {
		t.Fatal("second rollback:", err)
	}
	a, b := mine(1, 106.8, 39.6), mine(2, 106.9, 39.7)
	counts := importAll(t, s, models.KeySpec{Field: "licence"}, a, b)
	if counts[models.Added] != 2 || a.ID != 1 || b.ID != 2 {
		t.Fatalf("counts %v, ids %d %d", counts, a.ID, b.ID)
	}
	b2 := mine(2, 107, 40)
	if c := importAll(t, s, models.KeySpec{Field: "licence"}, b2); c[models.Updated] != 1 || b2.ID != 2 {
		t.Fatalf("update: counts %v, id %d", c, b2.ID)
	}
	if n, _ := s.Count(ctx, "mines", nil); n != 2 {
		t.Fatalf("%d features after commit", n)
	}
}

func TestImportBusy(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var e *Error
	if _, err := s.BeginImport(ctx); !errors.As(err, &e) || e.Code != CodeImportBusy {
		t.Fatalf("second import: %v", err)
	}
	im.Commit()
	im2, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatalf("import after commit: %v", err)
	}
	im2.Rollback()
}

// TestUpsert counts Added, Updated and Unchanged over re-imports, keyed on
// the licence and on a property.
func TestUpsert(t *testing.T) {
	ctx := context.Background()
	for _, key := range []models.KeySpec{{Field: "licence"}, {Field: "id"}, {Field: "采矿许可证号"}} {
		t.Run(key.Field, func(t *testing.T) {
			s := newStore(t)
			var first []*models.Feature
			for i := range 20 {
				first = append(first, mine(i, 106.8+0.01*float64(i), 39.6))
			}
			if c := importAll(t, s, key, first...); c[models.Added] != 20 {
				t.Fatalf("first import %v", c)
			}
			// Same again: nothing changes.
			if c := importAll(t, s, key, first...); c[models.Unchanged] != 20 {
				t.Fatalf("identical re-import %v", c)
			}
			// Change 3 (geometry, attribute, properties), add 2.
			var second []*models.Feature
			for i := range 22 {
				second = append(second, mine(i, 106.8+0.01*float64(i), 39.6))
			}
			second[0].Geometry = orb.MultiPolygon{{ring(107.5, 39.9, 0.01, 0.01, 12)}}
			second[1].Attrs.Status = models.StatusClosed
			second[2].Props = []byte(string(second[2].Props[:len(second[2].Props)-1]) + `,"备注":"新"}`)
			c := importAll(t, s, key, second...)
			if c[models.Added] != 2 || c[models.Updated] != 3 || c[models.Unchanged] != 17 {
				t.Fatalf("second import %v", c)
			}
			if n, _ := s.Count(ctx, "mines", nil); n != 22 {
				t.Fatalf("%d features", n)
			}
			// The update landed, in place, and the index and extent follow it.
			var got *models.Feature
			s.Features(ctx, "mines", &orb.Bound{Min: orb.Point{107.49, 39.89}, Max: orb.Point{107.51, 39.91}}, func(f *models.Feature) error {
				got = f
				return nil
			})
			if got == nil || got.ID != 1 || got.Attrs.Licence != second[0].Attrs.Licence {
				t.Fatalf("moved feature %+v", got)
			}
			info, _ := s.Info(ctx)
			if ext := info.Layers[2].Extent; ext == nil || ext.Max[0] < 107.51 {
				t.Fatalf("extent %v does not cover the moved feature", ext)
			}
			if p, _ := s.Validate(ctx); len(p) != 0 {
				t.Fatalf("problems %v", p)
			}
		})
	}
}

// TestNoKey: without a key every Put adds; features without a key value
// are added even with a key.
func TestNoKey(t *testing.T) {
	s := newStore(t)
	f := mine(1, 106.8, 39.6)
	importAll(t, s, models.KeySpec{}, f)
	if c := importAll(t, s, models.KeySpec{}, f); c[models.Added] != 1 {
		t.Fatalf("%v", c)
	}
	g := mine(2, 106.8, 39.6)
	g.Attrs.Licence = ""
	if c := importAll(t, s, models.KeySpec{Field: "licence"}, g, g); c[models.Added] != 2 {
		t.Fatalf("%v", c)
	}
	h := mine(3, 106.8, 39.6)
	h.Props = nil
	if c := importAll(t, s, models.KeySpec{Field: "id"}, h); c[models.Added] != 1 {
		t.Fatalf("%v", c)
	}
}

func TestPutErrors(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	for _, tc := range []struct {
		name string
		f    *models.Feature
		code string
	}{
		{"unknown layer", &models.Feature{Layer: "wells", Geometry: orb.Point{1, 2}}, CodeUnknownLayer},
		{"no geometry", &models.Feature{Layer: "mines"}, CodeNoGeometry},
		{"point in mines", &models.Feature{Layer: "mines", Geometry: orb.Point{1, 2}}, CodeGeometryType},
		{"polygon in roads", &models.Feature{Layer: "roads", Geometry: orb.Polygon{ring(1, 1, 1, 1, 4)}}, CodeGeometryType},
		{"nan", &models.Feature{Layer: "fire_points", Geometry: orb.Point{1, nan()}}, CodeEncode},
		{"empty point", &models.Feature{Layer: "fire_points", Geometry: orb.Point{nan(), nan()}}, CodeEmptyGeometry},
		{"empty multipolygon", &models.Feature{Layer: "mines", Geometry: orb.MultiPolygon{}}, CodeEmptyGeometry},
		{"empty collection", &models.Feature{Layer: "reference", Geometry: orb.Collection{}}, CodeEmptyGeometry},
		{"bad source", &models.Feature{Layer: "fire_points", Geometry: orb.Point{1, 2},
			Source: &models.Source{EPSG: 4545, Geometry: orb.Point{nan(), 1}}}, CodeEncode},
	} {
		_, err := im.Put(tc.f, models.KeySpec{})
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	bad := mine(1, 106.8, 39.6)
	bad.Props = []byte(`{"id":`)
	if _, err := im.Put(mine(0, 106.8, 39.6), models.KeySpec{}); err != nil {
		t.Fatal(err)
	}
	im.Commit()
	im2, _ := s.BeginImport(ctx)
	defer im2.Rollback()
	var e *Error
	if _, err := im2.Put(bad, models.KeySpec{Field: "id"}); !errors.As(err, &e) || e.Code != CodeBadProperties {
		t.Errorf("broken properties with a property key: %v", err)
	}
}

// TestPromotion: single polygons and lines are stored as the multi type
// their layer declares.
func TestPromotion(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	importAll(t, s, models.KeySpec{},
		&models.Feature{Layer: "sites", Geometry: orb.Polygon{ring(106.8, 39.6, 0.01, 0.01, 8)}, Attrs: models.Attrs{Kind: models.SitePit}},
		&models.Feature{Layer: "roads", Geometry: orb.LineString{{106.8, 39.6}, {106.9, 39.7}}})
	for layer, want := range map[string]string{"sites": "MultiPolygon", "roads": "MultiLineString"} {
		s.Features(ctx, layer, nil, func(f *models.Feature) error {
			if f.Geometry.GeoJSONType() != want {
				t.Errorf("%s stored a %s", layer, f.Geometry.GeoJSONType())
			}
			return nil
		})
	}
}

// TestParallelEncode encodes on several goroutines and puts on one, as
// the importer does.
func TestParallelEncode(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	feats := make([]*models.Feature, 400)
	for i := range feats {
		feats[i] = mine(i, 106.5+0.002*float64(i), 39.5)
	}
	rows := make([]*Row, len(feats))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(feats); i += 4 {
				r, err := Encode(feats[i])
				if err != nil {
					t.Error(err)
					return
				}
				rows[i] = r
			}
		}()
	}
	wg.Wait()
	im, err := s.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if _, err := im.PutRow(r, models.KeySpec{Field: "licence"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, "mines", nil); n != len(feats) {
		t.Fatalf("%d features", n)
	}
	if p, _ := s.Validate(ctx); len(p) != 0 {
		t.Fatalf("problems %v", p)
	}
}

// TestDeferredIndexMatchesTriggers imports, updates and re-imports the
// same features with the spatial index written at Commit and with the
// GeoPackage triggers keeping it, and compares the two indexes entry by
// entry.
func TestDeferredIndexMatchesTriggers(t *testing.T) {
	var feats, moved []*models.Feature
	for i := range 300 {
		feats = append(feats, mine(i, 106.5+0.003*float64(i%30), 39.3+0.003*float64(i/30)))
		g := *feats[i]
		if i%7 == 0 {
			g.Geometry = orb.MultiPolygon{{ring(106.7, 39.5, 0.001*float64(1+i%5), 0.001, 12)}}
		}
		moved = append(moved, &g)
	}
	index := func(deferred bool) map[int64][4]float64 {
		deferRTree = deferred
		defer func() { deferRTree = true }()
		s := newStore(t)
		importAll(t, s, models.KeySpec{Field: "licence"}, feats...)
		importAll(t, s, models.KeySpec{Field: "licence"}, moved...)
		importAll(t, s, models.KeySpec{Field: "licence"}, mine(1000, 107, 40))
		if p, _ := s.Validate(context.Background()); len(p) != 0 {
			t.Fatalf("deferred %v: problems %v", deferred, p)
		}
		rows, err := s.r.Query("SELECT id, minx, maxx, miny, maxy FROM rtree_mines_geom")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[int64][4]float64{}
		for rows.Next() {
			var id int64
			var v [4]float64
			rows.Scan(&id, &v[0], &v[1], &v[2], &v[3])
			m[id] = v
		}
		return m
	}
	a, b := index(true), index(false)
	if len(a) != 301 || !reflect.DeepEqual(a, b) {
		t.Fatalf("deferred index (%d entries) differs from the triggers' (%d)", len(a), len(b))
	}
}

func TestCanceledImport(t *testing.T) {
	s := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Put(mine(1, 106.8, 39.6), models.KeySpec{}); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := im.Put(mine(2, 106.8, 39.6), models.KeySpec{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("put after cancel: %v", err)
	}
	im.Rollback()
	if n, _ := s.Count(context.Background(), "mines", nil); n != 0 {
		t.Fatalf("%d features after a canceled import", n)
	}
	if c := importAll(t, s, models.KeySpec{}, mine(3, 106.8, 39.6)); c[models.Added] != 1 {
		t.Fatal(fmt.Sprint(c))
	}
}

// TestCloseRollsBackOpenImport: closing the store with an import open
// rolls it back instead of waiting for it forever.
func TestCloseRollsBackOpenImport(t *testing.T) {
	s := newStore(t)
	im, err := s.BeginImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Put(mine(1, 106.8, 39.6), models.KeySpec{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := im.Commit(); err == nil {
		t.Fatal("commit after close succeeded")
	}
	s2, err := Open(s.path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, _ := s2.Count(context.Background(), "mines", nil); n != 0 {
		t.Fatalf("%d features survived", n)
	}
}

// TestReadDuringImport reads on other goroutines while an import writes:
// readers see the state before the import until it commits.
func TestReadDuringImport(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	importAll(t, s, models.KeySpec{}, mine(0, 106.8, 39.6))
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if n, err := s.Count(ctx, "mines", nil); err != nil || n != 1 {
					t.Errorf("count during import: %d %v", n, err)
					return
				}
				if _, err := s.Info(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := 1; i <= 200; i++ {
		if _, err := im.Put(mine(i, 106.8, 39.6), models.KeySpec{Field: "licence"}); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if err := im.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, "mines", nil); n != 201 {
		t.Fatalf("%d after commit", n)
	}
}

// TestKeysIgnoreRowsOfThisImport: a keyed Put never matches a row added
// earlier in the same import, even after unkeyed Puts into the same layer.
func TestKeysIgnoreRowsOfThisImport(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	importAll(t, s, models.KeySpec{}, mine(0, 106.8, 39.6))
	im, err := s.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer im.Rollback()
	if o, err := im.Put(mine(1, 106.8, 39.6), models.KeySpec{}); err != nil || o != models.Added {
		t.Fatal(o, err)
	}
	if o, err := im.Put(mine(1, 106.9, 39.7), models.KeySpec{Field: "licence"}); err != nil || o != models.Added {
		t.Fatalf("matched a row of this import: %v %v", o, err)
	}
	if o, err := im.Put(mine(0, 106.9, 39.7), models.KeySpec{Field: "licence"}); err != nil || o != models.Updated {
		t.Fatalf("missed the row from before: %v %v", o, err)
	}
}
