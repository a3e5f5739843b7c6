package app

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
	"minerehab/models/store"
)

// movedStyles are the styles the layer panel stores after layer a and
// layer b swap places in the drawing order: every layer renumbered, as
// moveLayer does.
func movedStyles(a, b string) []models.LayerStyle {
	order := LayerOrder(nil)
	i, j := slices.Index(order, a), slices.Index(order, b)
	order[i], order[j] = order[j], order[i]
	styles := make([]models.LayerStyle, len(order))
	for k, l := range order {
		styles[k] = models.DefaultLayerStyle(l)
		styles[k].Order = k
	}
	return styles
}

// A click and a box pick what the map draws on top, in the order the
// planner gave the layers, not in the default one.
func TestPickDrawingOrder(t *testing.T) {
	ctx := context.Background()
	st, err := store.Create(filepath.Join(t.TempDir(), "pick.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// A zone and a mine over the same ground: by default mines are drawn
	// over zones.
	sq := square(106.80, 39.60, 0.01)
	var zone, mine *models.Feature
	for _, l := range []struct {
		layer string
		out   **models.Feature
	}{{models.LayerZones, &zone}, {models.LayerMines, &mine}} {
		f, err := NewFeature(l.layer, sq, map[string]string{"name": l.layer})
		if err != nil {
			t.Fatal(err)
		}
		if *l.out, err = AddFeature(ctx, st, f); err != nil {
			t.Fatal(err)
		}
	}
	v := render.FitView(sq.Bound(), 400, 400, 10)
	x, y := v.ToPixel(orb.Point{106.805, 39.605})
	box := orb.Bound{Min: orb.Point{106.804, 39.604}, Max: orb.Point{106.806, 39.606}}

	tests := []struct {
		name   string
		styles []models.LayerStyle
		hidden map[string]bool
		want   *models.Feature // picked, and first of the box
	}{
		{"default order: the mine on top", nil, nil, mine},
		{"zones moved over mines", movedStyles(models.LayerZones, models.LayerMines), nil, zone},
		{"zones moved over mines, zones hidden", movedStyles(models.LayerZones, models.LayerMines), map[string]bool{models.LayerZones: true}, mine},
		{"default order, mines hidden", nil, map[string]bool{models.LayerMines: true}, zone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Pick(ctx, st, v, x, y, PickTolerance, tc.hidden, tc.styles)
			if err != nil {
				t.Fatal(err)
			}
			if f == nil || f.Layer != tc.want.Layer || f.ID != tc.want.ID {
				t.Errorf("picked %v, want %s #%d", f, tc.want.Layer, tc.want.ID)
			}
			// A box over both selects both, the top one first; over the
			// limit it keeps the top one.
			fs, truncated, err := SelectBox(ctx, st, box, tc.hidden, tc.styles, 10)
			if err != nil || truncated {
				t.Fatal(err, truncated)
			}
			if want := 2 - len(tc.hidden); len(fs) != want {
				t.Fatalf("box selected %d, want %d", len(fs), want)
			}
			if fs[0].Layer != tc.want.Layer {
				t.Errorf("box selection starts with %s, want %s", fs[0].Layer, tc.want.Layer)
			}
			if fs, _, _ := SelectBox(ctx, st, box, tc.hidden, tc.styles, 1); len(fs) != 1 || fs[0].Layer != tc.want.Layer {
				t.Errorf("box of one kept %v, want the %s", fs, tc.want.Layer)
			}
		})
	}
}
