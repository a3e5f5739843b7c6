package app

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/gis/measure"
	"minerehab/gis/topo"
	"minerehab/models"
)

func square(x, y, d float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}
}

func addZone(t *testing.T, st models.Store, name string, p orb.Polygon) *models.Feature {
	t.Helper()
	f, err := NewFeature(models.LayerZones, p, map[string]string{"name": name})
	if err != nil {
		t.Fatal(err)
	}
	got, err := AddFeature(context.Background(), st, f)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestMergeSplitUndo(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	a := addZone(t, st, "甲", square(106.80, 39.60, 0.01))
	b := addZone(t, st, "乙", square(106.81, 39.60, 0.01)) // shares an edge with 甲
	merged, err := MergeFeatures(ctx, st, []*models.Feature{a, b})
	if err != nil {
		t.Fatal(err)
	}
	sum := a.AreaM2 + b.AreaM2
	if math.Abs(merged.AreaM2-sum) > 1e-6*sum || merged.ID != a.ID || merged.Attrs.Name != "甲" {
		t.Errorf("merged area %v, want %v; id %d name %q", merged.AreaM2, sum, merged.ID, merged.Attrs.Name)
	}
	if n, _ := st.Count(ctx, models.LayerZones, nil); n != 1 {
		t.Errorf("%d zones after merge", n)
	}
	// Split it back down the middle.
	pieces, err := SplitFeature(ctx, st, merged, orb.LineString{{106.81, 39.59}, {106.81, 39.62}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pieces) != 2 || pieces[0].ID != a.ID || pieces[1].ID == 0 || pieces[1].Attrs.Name != "甲" {
		t.Fatalf("pieces %+v", pieces)
	}
	if s := pieces[0].AreaM2 + pieces[1].AreaM2; math.Abs(s-sum) > 1e-6*sum {
		t.Errorf("pieces sum to %v, want %v", s, sum)
	}
	if _, err := SplitFeature(ctx, st, pieces[0], orb.LineString{{107.5, 39.0}, {107.6, 39.1}}); !errors.Is(err, topo.ErrNoSplit) {
		t.Errorf("a line that misses: %v", err)
	}
	// Undo the split and the merge: the two zones are back as they were.
	for range 2 {
		if _, err := Undo(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	es := st.(models.EditStore)
	for _, z := range []*models.Feature{a, b} {
		got, err := es.Feature(ctx, models.LayerZones, z.ID)
		if err != nil || got.AreaM2 != z.AreaM2 {
			t.Errorf("zone %d after undo: %v %v", z.ID, got, err)
		}
	}
}

func TestZoneAroundAndWarnings(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	var mines []*models.Feature
	_ = st.Features(ctx, models.LayerMines, nil, func(f *models.Feature) error {
		if len(mines) < 3 {
			mines = append(mines, f)
		}
		return nil
	})
	u, err := ZoneAround(mines, 0)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, m := range mines {
		sum += m.AreaM2
	}
	if a := measure.Area(u); a > sum*1.0001 || a < sum*0.5 {
		t.Errorf("union area %v of mines summing %v", a, sum)
	}
	grown, err := ZoneAround(mines, 100)
	if err != nil {
		t.Fatal(err)
	}
	if measure.Area(grown) <= measure.Area(u) {
		t.Error("grown zone not larger")
	}
	z1 := addZone(t, st, "一", square(106.80, 39.60, 0.02))
	z2 := addZone(t, st, "二", square(106.81, 39.61, 0.02))
	ws, err := TopologyWarnings(ctx, st, z2)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Code != "zone-overlap" || ws[0].Other.ID != z1.ID || ws[0].AreaM2 < 0.9e6 || ws[0].AreaM2 > 1.0e6 {
		t.Errorf("warnings %+v", ws)
	}
	// A plan unit half outside its mine.
	m := mines[0]
	c := m.Geometry.Bound().Center()
	pu, err := NewFeature(models.LayerPlanUnits, square(c[0], c[1], 0.05), map[string]string{"name": "单元", "mine_licence": m.Attrs.Licence})
	if err != nil {
		t.Fatal(err)
	}
	ws, err = TopologyWarnings(ctx, st, pu)
	if err != nil || len(ws) != 1 || ws[0].Code != "outside-mine" {
		t.Errorf("plan unit warnings %+v %v", ws, err)
	}
}
