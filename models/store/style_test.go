package store

import (
	"context"
	"image/color"
	"path/filepath"
	"testing"

	"minerehab/models"
)

func TestLayerStylesPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.gpkg")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	styles, err := s.LayerStyles(ctx)
	if err != nil || len(styles) != len(models.Layers) {
		t.Fatalf("defaults: %v %v", styles, err)
	}
	for i, st := range styles {
		if !st.Visible || st.Opacity != 1 || st.Order != i || st.Fill != nil || st.LabelField != nil {
			t.Errorf("default %+v", st)
		}
	}
	fill := color.NRGBA{0x12, 0x34, 0x56, 0x80}
	none := ""
	want := models.LayerStyle{Layer: models.LayerSites, Visible: false, Order: 9, Opacity: 0.5, Fill: &fill, StrokePx: 2.5, LabelField: &none}
	if err := s.SetLayerStyle(ctx, want); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLayerStyle(ctx, models.LayerStyle{Layer: "nope", Opacity: 1}); err == nil {
		t.Error("unknown layer accepted")
	}
	if err := s.SetLayerStyle(ctx, models.LayerStyle{Layer: models.LayerMines, Opacity: 2}); err == nil {
		t.Error("opacity 2 accepted")
	}
	s.Close()
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	styles, err = s.LayerStyles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got models.LayerStyle
	for _, st := range styles {
		if st.Layer == models.LayerSites {
			got = st
		}
	}
	if got.Visible || got.Order != 9 || got.Opacity != 0.5 || got.Fill == nil || *got.Fill != fill || got.Stroke != nil ||
		got.StrokePx != 2.5 || got.LabelField == nil || *got.LabelField != "" {
		t.Errorf("after reopen %+v", got)
	}
}
