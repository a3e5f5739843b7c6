package gui

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"minerehab/models"
)

// TestClickPicksInDrawingOrder: where a mine lies in a reference polygon,
// a click picks the mine, drawn over it; once the planner has moved the
// reference layer to the top of the layer panel, the same click picks the
// reference polygon, now drawn over the mine.
func TestClickPicksInDrawingOrder(t *testing.T) {
	m := openSample(t, &renderLog{})
	for _, l := range models.Layers { // only the two layers in question
		if l.Name != models.LayerMines && l.Name != models.LayerReference {
			act(m, func() { m.setLayerVisible(l.Name, false) })
		}
	}
	// A point inside both a mine and a reference polygon.
	var at orb.Point
	found := false
	for _, mine := range sampleFeatures(t, m, models.LayerMines) {
		at = mine.Geometry.Bound().Center()
		inMine := planar.MultiPolygonContains(mine.Geometry.(orb.MultiPolygon), at)
		for _, ref := range sampleFeatures(t, m, models.LayerReference) {
			switch g := ref.Geometry.(type) { // the reference layer takes any kind
			case orb.Polygon:
				found = found || (inMine && planar.PolygonContains(g, at))
			case orb.MultiPolygon:
				found = found || (inMine && planar.MultiPolygonContains(g, at))
			}
		}
		if found {
			break
		}
	}
	if !found {
		t.Fatal("no mine of the sample lies in a reference polygon")
	}
	picked := func() string {
		t.Helper()
		click(m, at, 0)
		if len(m.selected) != 1 {
			t.Fatalf("click selected %v", selectedIDs(m))
		}
		return m.selected[0].Layer
	}
	if got := picked(); got != models.LayerMines {
		t.Errorf("default order: picked a %s, want the mine drawn on top", got)
	}
	for range models.Layers {
		act(m, func() { m.moveLayer(models.LayerReference, +1) })
	}
	if got := picked(); got != models.LayerReference {
		t.Errorf("reference moved to the top: picked a %s, want the reference polygon drawn on top", got)
	}
}
