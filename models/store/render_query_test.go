package store

import (
	"context"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// TestRenderRows: RenderRows selects exactly the features Features does
// (no box, a small box, a box holding the whole layer, which skips the
// index), in the same order, with the same geometry, and fills only the
// fields asked for.
func TestRenderRows(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	grid(t, s, 10)
	importAll(t, s, models.KeySpec{}, &models.Feature{Layer: models.LayerFirePoints, Geometry: orb.Point{106.6, 39.4},
		Attrs: models.Attrs{Name: "火点", Status: "燃烧中", District: "海南区"}, Props: []byte(`{"extinguished":false}`)})
	for _, box := range []*orb.Bound{
		nil,
		{Min: orb.Point{106.514, 39.314}, Max: orb.Point{106.521, 39.321}},
		{Min: orb.Point{100, 30}, Max: orb.Point{110, 45}},
		{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}},
	} {
		for _, layer := range []string{models.LayerSites, models.LayerFirePoints} {
			var want, got []int64
			var wantG, gotG []orb.Geometry
			if err := s.Features(ctx, layer, box, func(f *models.Feature) error {
				want = append(want, f.ID)
				wantG = append(wantG, f.Geometry)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.RenderRows(ctx, layer, box, models.RenderKind, func(r *models.RenderRow) error {
				got = append(got, r.ID)
				g, _, err := gpkg.Decode(r.Geom)
				gotG = append(gotG, g)
				if r.Attrs.Name != "" || r.Props != nil {
					t.Errorf("%s fid %d: fields not asked for are set: %+v", layer, r.ID, r)
				}
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotG, wantG) {
				t.Errorf("%s box %v: RenderRows gave %v, Features %v", layer, box, got, want)
			}
		}
	}
	n := 0
	err := s.RenderRows(ctx, models.LayerFirePoints, nil, models.RenderName|models.RenderDistrict|models.RenderStatus|models.RenderProps,
		func(r *models.RenderRow) error {
			n++
			if r.Attrs.Name != "火点" || r.Attrs.District != "海南区" || r.Attrs.Status != "燃烧中" || string(r.Props) != `{"extinguished":false}` {
				t.Errorf("row %+v", r)
			}
			return nil
		})
	if err != nil || n != 1 {
		t.Errorf("fire points: %d rows, %v", n, err)
	}
	if err := s.RenderRows(ctx, "nope", nil, 0, func(*models.RenderRow) error { return nil }); errorCode(err) != CodeUnknownLayer {
		t.Errorf("unknown layer: %v", err)
	}
}
