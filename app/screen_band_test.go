package app

import (
	"context"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"minerehab/app/i18n"
	"minerehab/models"
)

// TestScreeningBand: on the sample, every fire point the screening lists
// lies inside the band drawn for it, and every fire point measured more
// than 50 m beyond the distance lies outside.
func TestScreeningBand(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	const d = 3000
	sc, err := Screen(ctx, st, models.ScreenParams{DistanceM: d})
	if err != nil {
		t.Fatal(err)
	}
	band, err := ScreeningBand(ctx, st, sc)
	if err != nil || len(band) == 0 {
		t.Fatalf("band %v %v", len(band), err)
	}
	far, err := Screen(ctx, st, models.ScreenParams{DistanceM: 100000, Layers: []string{models.LayerFirePoints}})
	if err != nil {
		t.Fatal(err)
	}
	in, out := 0, 0
	es := st.(models.EditStore)
	for _, h := range far.Hits {
		f, err := es.Feature(ctx, h.Layer, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		p := f.Geometry.(orb.Point)
		switch inside := planar.MultiPolygonContains(band, p); {
		case h.DistanceM <= d && !inside:
			t.Errorf("fire point %d at %.0f m is outside the %d m band", h.ID, h.DistanceM, d)
		case h.DistanceM > d+50 && inside:
			t.Errorf("fire point %d at %.0f m is inside the %d m band", h.ID, h.DistanceM, d)
		case h.DistanceM <= d:
			in++
		default:
			out++
		}
	}
	if in == 0 || out == 0 {
		t.Errorf("the sample tests nothing: %d fire points in, %d out", in, out)
	}
	if got := BandLabel(sc, i18n.ZH); got != "黄河、都思兔河 3000 米排查范围" {
		t.Errorf("label %q", got)
	}
}
