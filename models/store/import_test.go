package store

import (
	"context"
	"errors"
	"fmt"
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
	counts := importAll(t, s, models.KeySpec{Field: "licence"}, mine(1, 106.8, 39.6), mine(2, 106.9, 39.7))
	if counts[models.Added] != 2 {
		t.Fatalf("counts %v", counts)
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

// TestBulkAndTriggerPathsAgree loads the same features into an empty table
// (bulk path: index filled at commit) and into a table that already has a
// row (triggers), and compares what the index answers.
func TestBulkAndTriggerPathsAgree(t *testing.T) {
	ctx := context.Background()
	bulk, trig := newStore(t), newStore(t)
	importAll(t, trig, models.KeySpec{}, mine(9999, 100, 30)) // far away
	var feats []*models.Feature
	for i := range 300 {
		feats = append(feats, mine(i, 106.5+0.003*float64(i%30), 39.3+0.003*float64(i/30)))
	}
	importAll(t, bulk, models.KeySpec{}, feats...)
	importAll(t, trig, models.KeySpec{}, feats...)
	box := &orb.Bound{Min: orb.Point{106.52, 39.31}, Max: orb.Point{106.55, 39.32}}
	nb, err := bulk.Count(ctx, "mines", box)
	if err != nil {
		t.Fatal(err)
	}
	nt, _ := trig.Count(ctx, "mines", box)
	if nb == 0 || nb != nt {
		t.Fatalf("bulk path finds %d, trigger path %d", nb, nt)
	}
	for _, s := range []*Store{bulk, trig} {
		if p, _ := s.Validate(ctx); len(p) != 0 {
			t.Fatalf("problems %v", p)
		}
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
