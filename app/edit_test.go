package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/models"
)

// firstFeature is the lowest-fid feature of a layer of the sample.
func firstFeature(t *testing.T, st models.Store, layer string) *models.Feature {
	t.Helper()
	var out *models.Feature
	err := st.Features(context.Background(), layer, nil, func(f *models.Feature) error {
		if out == nil {
			out = f
		}
		return nil
	})
	if err != nil || out == nil {
		t.Fatalf("no %s in the sample: %v", layer, err)
	}
	return out
}

func TestPickAndBox(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	v := sampleView(t, st, 1600, 1000)
	fp := firstFeature(t, st, models.LayerFirePoints)
	x, y := v.ToPixel(fp.Geometry.(orb.Point))
	tests := []struct {
		name      string
		dx, dy    float64
		hidden    map[string]bool
		wantLayer string
		wantID    int64
	}{
		{"on the marker", 0, 0, nil, models.LayerFirePoints, fp.ID},
		{"three points off", 3, -2, nil, models.LayerFirePoints, fp.ID},
		{"fire points hidden", 0, 0, map[string]bool{models.LayerFirePoints: true}, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Pick(ctx, st, v, x+tc.dx, y+tc.dy, PickTolerance, tc.hidden, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantLayer == "" {
				if f != nil && f.Layer == models.LayerFirePoints {
					t.Errorf("picked a hidden fire point")
				}
				return
			}
			if f == nil || f.Layer != tc.wantLayer || f.ID != tc.wantID {
				t.Fatalf("picked %v, want %s #%d", f, tc.wantLayer, tc.wantID)
			}
		})
	}
	// Far outside everything: nothing.
	if f, err := Pick(ctx, st, v, -5000, -5000, PickTolerance, nil, nil); err != nil || f != nil {
		t.Errorf("pick outside the data: %v %v", f, err)
	}
	// A box around one mine selects it.
	m := firstFeature(t, st, models.LayerMines)
	b := m.Geometry.Bound()
	fs, truncated, err := SelectBox(ctx, st, b, map[string]bool{models.LayerReference: true}, nil, 1000)
	if err != nil || truncated {
		t.Fatal(err, truncated)
	}
	found := false
	for _, f := range fs {
		found = found || (f.Layer == models.LayerMines && f.ID == m.ID)
		if f.Layer == models.LayerReference {
			t.Error("box selected a feature of a hidden layer")
		}
	}
	if !found {
		t.Errorf("box around mine %d did not select it (%d selected)", m.ID, len(fs))
	}
	if fs, truncated, _ := SelectBox(ctx, st, b, nil, nil, 1); len(fs) != 1 || !truncated {
		t.Errorf("limit 1: %d selected, truncated %v", len(fs), truncated)
	}
}

func TestInspect(t *testing.T) {
	st := sampleProject(t)
	m := firstFeature(t, st, models.LayerMines)
	in := Inspect(m)
	if in.AreaM2 <= 0 || abs(in.AreaM2-m.AreaM2) > 1e-6*m.AreaM2 {
		t.Errorf("area %v, stored %v", in.AreaM2, m.AreaM2)
	}
	if abs(in.AreaHa*1e4-in.AreaM2) > 1e-6 || abs(in.AreaMu*666.6666666666666-in.AreaM2) > 1e-3 {
		t.Errorf("ha %v mu %v for %v m²", in.AreaHa, in.AreaMu, in.AreaM2)
	}
	if !in.GKOK || in.GKEast < 36e6 || in.GKEast > 37e6 || abs(in.GKEast-36e6-in.GKPlainE) > 1e-6 {
		t.Errorf("GK %v %v plain %v", in.GKEast, in.GKNorth, in.GKPlainE)
	}
	if in.PerimeterM <= 0 || in.Problem != nil || in.Swapped {
		t.Errorf("perimeter %v problem %v swapped %v", in.PerimeterM, in.Problem, in.Swapped)
	}
	bad := &models.Feature{Layer: models.LayerMines, Geometry: orb.MultiPolygon{{{{39.6, 106.8}, {39.7, 106.8}, {39.7, 106.9}, {39.6, 106.8}}}}}
	if in := Inspect(bad); !in.Swapped {
		t.Error("lat/lon swapped polygon not noticed")
	}
	bowtie := &models.Feature{Layer: models.LayerMines, Geometry: orb.MultiPolygon{{{{106.8, 39.6}, {106.9, 39.7}, {106.9, 39.6}, {106.8, 39.7}, {106.8, 39.6}}}}}
	if in := Inspect(bowtie); in.Problem == nil {
		t.Error("self-intersection not reported")
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestSetAttributeUndo(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	var mines []*models.Feature
	_ = st.Features(ctx, models.LayerMines, nil, func(f *models.Feature) error { mines = append(mines, f); return nil })
	a, b := mines[0], mines[1]
	got, err := SetAttribute(ctx, st, models.LayerMines, a.ID, "status", "关闭")
	if err != nil {
		t.Fatal(err)
	}
	if got.Attrs.Status != models.StatusClosed {
		t.Errorf("status %q", got.Attrs.Status)
	}
	tests := []struct {
		key, value string
		code       string
	}{
		{"status", "挖掘中", models.AttrErrUnknownStatus},
		{"licence", b.Attrs.Licence, models.AttrErrDuplicate},
		{"name", "", models.AttrErrEmpty},
	}
	for _, tc := range tests {
		_, err := SetAttribute(ctx, st, models.LayerMines, a.ID, tc.key, tc.value)
		var ae *models.AttrError
		if !errors.As(err, &ae) || ae.Code != tc.code {
			t.Errorf("%s=%q: %v, want %s", tc.key, tc.value, err, tc.code)
			continue
		}
		for _, l := range i18n.Langs {
			if msg := Message(l, err); strings.Contains(msg, "err.attr") || msg == "" {
				t.Errorf("%s: untranslated message %q", l, msg)
			}
		}
	}
	if _, err := Undo(ctx, st); err != nil {
		t.Fatal(err)
	}
	es := st.(models.EditStore)
	f, _ := es.Feature(ctx, models.LayerMines, a.ID)
	if f.Attrs.Status != a.Attrs.Status || string(f.Props) != string(a.Props) {
		t.Errorf("after undo: %q %s, want %q %s", f.Attrs.Status, f.Props, a.Attrs.Status, a.Props)
	}
	if _, err := Undo(ctx, st); !errors.Is(err, models.ErrNothingToUndo) {
		t.Errorf("second undo: %v", err)
	}
	if msg := Message(i18n.ZH, models.ErrNothingToUndo); msg != "没有可撤销的编辑。" {
		t.Errorf("message %q", msg)
	}
}

func TestRenderOverlay(t *testing.T) {
	st := sampleProject(t)
	v := sampleView(t, st, 400, 300)
	m := firstFeature(t, st, models.LayerMines)
	c := v.ToLonLat(20, 20)
	img, err := RenderOverlay(context.Background(), v, Overlay{Selection: []*models.Feature{m}, Mark: &c}, 1)
	if err != nil {
		t.Fatal(err)
	}
	cyan := countPixels(img, near(selectStroke, 40))
	if cyan == 0 {
		t.Error("no highlight drawn")
	}
	if n := countPixels(img, near(markStroke, 40)); n == 0 {
		t.Error("no place mark drawn")
	}
	empty, _ := RenderOverlay(context.Background(), v, Overlay{}, 1)
	if n := countPixels(empty, func(r, g, b, a uint8) bool { return a != 0 }); n != 0 {
		t.Errorf("empty overlay has %d painted pixels", n)
	}
}
