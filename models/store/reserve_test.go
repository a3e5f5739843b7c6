package store

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	geomeasure "minerehab/gis/measure"
	"minerehab/models"
)

func box(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestCheckReserves(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	// Nothing to check against yet.
	res, err := s.CheckReserves(ctx)
	if err != nil || len(res.Reserves) != 0 || len(res.Overlaps) != 0 {
		t.Fatalf("empty project: %+v %v", res, err)
	}
	mk := func(layer, lic, name string, p orb.Polygon) *models.Feature {
		return &models.Feature{Layer: layer, Geometry: orb.MultiPolygon{p}, Attrs: models.Attrs{Licence: lic, Name: name},
			AreaM2: geomeasure.Area(p)}
	}
	fs := []*models.Feature{
		{Layer: models.LayerReference, Geometry: box(106.9, 39.3, 107.0, 39.4), Attrs: models.Attrs{Name: "西鄂尔多斯国家级自然保护区", FeatureType: "reserve"}},
		{Layer: models.LayerReference, Geometry: box(106.5, 39.3, 106.6, 39.4), Attrs: models.Attrs{Name: "另一保护区", FeatureType: "自然保护区"}},
		{Layer: models.LayerReference, Geometry: orb.LineString{{106.9, 39.3}, {107, 39.4}}, Attrs: models.Attrs{Name: "保护区界线", FeatureType: "reserve"}},
		{Layer: models.LayerReference, Geometry: box(106.0, 39.0, 108.0, 40.0), Attrs: models.Attrs{Name: "海南区", FeatureType: "district"}},
		mk(models.LayerMines, "INSIDE", "全在保护区内", box(106.95, 39.35, 106.96, 39.36)),
		mk(models.LayerMines, "HALF", "一半", box(106.99, 39.35, 107.01, 39.36)),
		mk(models.LayerMines, "TOUCH", "相邻", box(107.0, 39.35, 107.01, 39.36)),
		mk(models.LayerMines, "OUT", "在外", box(107.1, 39.35, 107.11, 39.36)),
		mk(models.LayerMines, "BOTH", "跨两区", box(106.55, 39.39, 106.95, 39.41)),
		mk(models.LayerSites, "", "排土场", box(106.91, 39.31, 106.92, 39.32)),
	}
	importAll(t, s, models.KeySpec{}, fs...)
	res, err = s.CheckReserves(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reserves) != 2 {
		t.Fatalf("reserves %+v", res.Reserves)
	}
	got := map[string]models.ReserveOverlap{}
	for _, o := range res.Overlaps {
		got[o.Name+"/"+o.Reserve] = o
	}
	want := []struct {
		key   string
		area  float64
		share float64
	}{
		{"全在保护区内/西鄂尔多斯国家级自然保护区", geomeasure.Area(box(106.95, 39.35, 106.96, 39.36)), 1},
		{"一半/西鄂尔多斯国家级自然保护区", geomeasure.Area(box(106.99, 39.35, 107.0, 39.36)), 0.5},
		{"跨两区/西鄂尔多斯国家级自然保护区", geomeasure.Area(box(106.9, 39.39, 106.95, 39.40)), 0.0625},
		{"跨两区/另一保护区", geomeasure.Area(box(106.55, 39.39, 106.6, 39.40)), 0.0625},
		{"排土场/西鄂尔多斯国家级自然保护区", geomeasure.Area(box(106.91, 39.31, 106.92, 39.32)), 1},
	}
	if len(res.Overlaps) != len(want) {
		t.Errorf("%d overlaps: %+v", len(res.Overlaps), res.Overlaps)
	}
	for _, w := range want {
		o, ok := got[w.key]
		if !ok {
			t.Errorf("missing %s", w.key)
			continue
		}
		if math.Abs(o.OverlapM2-w.area)/w.area > 1e-6 || math.Abs(o.Share-w.share) > 2e-3 {
			t.Errorf("%s: %.2f m² (%.4f), want %.2f m² (%.4f)", w.key, o.OverlapM2, o.Share, w.area, w.share)
		}
	}
	fl := res.FlaggedLicences()
	if len(fl) != 3 || fl["TOUCH"] != 0 || fl["OUT"] != 0 || fl["BOTH"] <= 0 {
		t.Errorf("flagged licences %v", fl)
	}
	if res.Overlaps[0].Layer != models.LayerMines || res.Overlaps[len(res.Overlaps)-1].Layer != models.LayerSites {
		t.Errorf("order: %+v", res.Overlaps)
	}
}
