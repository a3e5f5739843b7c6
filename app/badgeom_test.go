package app

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
	"minerehab/models/store"
)

// TestBadGeometriesKeepTheMapWorking: a project another program wrote with
// a self-intersecting polygon, lat/lon swapped, a longitude beyond 180
// and a polygon of a million vertices: the map draws, a click picks, and
// the inspector says what is wrong.
func TestBadGeometriesKeepTheMapWorking(t *testing.T) {
	if testing.Short() {
		t.Skip("million-vertex polygon")
	}
	ctx := context.Background()
	st, err := store.Create(filepath.Join(t.TempDir(), "bad.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	big := make(orb.Ring, 0, 1_000_001)
	for i := range 1_000_000 {
		a := 2 * math.Pi * float64(i) / 1_000_000
		big = append(big, orb.Point{106.9 + 0.02*math.Cos(a), 39.5 + 0.015*math.Sin(a)})
	}
	big = append(big, big[0])
	feats := []*models.Feature{
		{Layer: models.LayerMines, Attrs: models.Attrs{Name: "自相交"}, Geometry: orb.MultiPolygon{{{{106.8, 39.6}, {106.82, 39.62}, {106.82, 39.6}, {106.8, 39.62}, {106.8, 39.6}}}}},
		{Layer: models.LayerMines, Attrs: models.Attrs{Name: "经纬颠倒"}, Geometry: orb.MultiPolygon{{{{39.6, 106.8}, {39.62, 106.8}, {39.62, 106.82}, {39.6, 106.8}}}}},
		{Layer: models.LayerFirePoints, Attrs: models.Attrs{Name: "越界"}, Geometry: orb.Point{200, 39.6}},
		{Layer: models.LayerMines, Attrs: models.Attrs{Name: "百万顶点"}, Geometry: orb.MultiPolygon{{big}}},
	}
	tx, err := st.BeginImport(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feats {
		if _, err := tx.Put(f, models.KeySpec{}); err != nil {
			t.Fatalf("%s: %v", f.Attrs.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ext, _ := ExtentOf(info, nil)
	v := render.FitView(ext, 800, 600, 10)
	if _, err := RenderMap(ctx, st, v, MapOptions{PixelRatio: 1}); err != nil {
		t.Fatalf("render: %v", err)
	}
	// A view on Wuhai only, where the big polygon is.
	wv := render.FitView(orb.Bound{Min: orb.Point{106.7, 39.4}, Max: orb.Point{107.0, 39.7}}, 800, 600, 10)
	if _, err := RenderMap(ctx, st, wv, MapOptions{PixelRatio: 1}); err != nil {
		t.Fatalf("render of the Wuhai view: %v", err)
	}
	x, y := wv.ToPixel(orb.Point{106.9, 39.5})
	f, err := Pick(ctx, st, wv, x, y, PickTolerance, nil, nil)
	if err != nil || f == nil || f.Attrs.Name != "百万顶点" {
		t.Fatalf("pick inside the big polygon: %v %v", f, err)
	}
	if in := Inspect(f); in.Vertices != 1_000_001 || in.AreaM2 <= 0 || in.Problem != nil {
		t.Errorf("big polygon: %d vertices, %v m², problem %v", in.Vertices, in.AreaM2, in.Problem)
	}
	want := map[string]func(Inspection) bool{
		"自相交":  func(in Inspection) bool { return in.Problem != nil && in.Problem.Code == "self-intersection" },
		"经纬颠倒": func(in Inspection) bool { return in.Swapped || in.Problem != nil },
		"越界":   func(in Inspection) bool { return in.Problem != nil && in.Problem.Code == "out-of-range" },
	}
	for _, layer := range []string{models.LayerMines, models.LayerFirePoints} {
		err := st.Features(ctx, layer, nil, func(f *models.Feature) error {
			if ok, has := want[f.Attrs.Name]; has && !ok(Inspect(f)) {
				t.Errorf("%s: inspector says %+v", f.Attrs.Name, Inspect(f))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
