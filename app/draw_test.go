package app

import (
	"context"
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

func TestCheckDrawn(t *testing.T) {
	sq := orb.Ring{{106.80, 39.60}, {106.80, 39.61}, {106.81, 39.61}, {106.81, 39.60}} // clockwise, open
	tests := []struct {
		name  string
		layer string
		g     orb.Geometry
		code  string
	}{
		{"open clockwise square", models.LayerZones, orb.Polygon{sq}, ""},
		{"same point clicked twice", models.LayerZones, orb.Polygon{{sq[0], sq[1], sq[1], sq[2], sq[3]}}, ""},
		{"two vertices", models.LayerZones, orb.Polygon{{sq[0], sq[1]}}, "too-few-points"},
		{"three collinear", models.LayerZones, orb.Polygon{{{106.8, 39.6}, {106.81, 39.6}, {106.82, 39.6}}}, "zero-area"},
		{"bow-tie", models.LayerZones, orb.Polygon{{sq[0], sq[2], sq[1], sq[3]}}, "self-intersection"},
		{"line of one point", models.LayerRoads, orb.LineString{sq[0], sq[0]}, "too-few-points"},
		{"road", models.LayerRoads, orb.LineString{sq[0], sq[1], sq[2]}, ""},
		{"fire point", models.LayerFirePoints, orb.Point{106.8, 39.6}, ""},
		{"point beyond 180", models.LayerFirePoints, orb.Point{190, 39.6}, "out-of-range"},
		{"polygon into a point layer", models.LayerFirePoints, orb.Polygon{sq}, "wrong-geometry"},
		{"across the antimeridian", models.LayerZones, orb.Polygon{{{179.9, 10}, {180.1, 10}, {180.1, 10.1}, {179.9, 10.1}}}, "out-of-range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := CheckDrawn(tc.layer, tc.g)
			if tc.code != "" {
				var de *DrawError
				if !errors.As(err, &de) || de.Code != tc.code {
					t.Fatalf("err %v, want %s", err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if mp, ok := g.(orb.MultiPolygon); ok {
				r := mp[0][0]
				if r[0] != r[len(r)-1] {
					t.Error("ring not closed")
				}
				if a, _ := Measure(mp); a < 900_000 || a > 1_000_000 {
					t.Errorf("area %v", a)
				}
			}
		})
	}
}

func TestAddDeleteReplaceUndo(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	before, _ := st.Count(ctx, models.LayerZones, nil)
	zone, err := NewFeature(models.LayerZones, orb.Polygon{{{106.80, 39.60}, {106.80, 39.62}, {106.83, 39.62}, {106.83, 39.60}}},
		map[string]string{"name": "测试整合区", "code": "Z-1"})
	if err != nil {
		t.Fatal(err)
	}
	added, err := AddFeature(ctx, st, zone)
	if err != nil || added.ID == 0 {
		t.Fatal(added, err)
	}
	moved := orb.MultiPolygon{{{{106.90, 39.60}, {106.93, 39.60}, {106.93, 39.62}, {106.90, 39.62}, {106.90, 39.60}}}}
	if _, err := ReplaceGeometries(ctx, st, "edit.move", []*models.Feature{added}, []orb.Geometry{moved}); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(ctx, models.LayerZones, &orb.Bound{Min: orb.Point{106.89, 39.59}, Max: orb.Point{106.94, 39.63}}); n != 1 {
		t.Errorf("moved zone not found in its new place (%d)", n)
	}
	if err := DeleteFeatures(ctx, st, []*models.Feature{added}); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(ctx, models.LayerZones, nil); n != before {
		t.Errorf("%d zones after delete", n)
	}
	for range 3 {
		if _, err := Undo(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := st.Count(ctx, models.LayerZones, nil); n != before {
		t.Errorf("%d zones after undoing everything, want %d", n, before)
	}
}
