package render

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// sharedData returns the path of a file under /work/shared/data (found
// relative to the module root), skipping the test when the folder is absent.
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	if _, err := os.Stat(sharedDataPath("")); err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	return filepath.FromSlash(sharedDataPath(rel))
}

func loadFC(t testing.TB, rel string) *geojson.FeatureCollection {
	t.Helper()
	data, err := os.ReadFile(sharedData(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	fc, err := unmarshalFC(data)
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

func unmarshalFC(data []byte) (*geojson.FeatureCollection, error) {
	return geojson.UnmarshalFeatureCollection(data)
}

// wuhaiLayers builds the districts (clockwise exterior rings, as DataV
// ships them) and the Yellow River.
func wuhaiLayers(t testing.TB, ls *LabelStyle) ([]Layer, orb.Bound) {
	districts := loadFC(t, "admin/wuhai_districts_150300.json")
	river := loadFC(t, "rivers/yellow_river_ne50m.geojson")
	fills := []color.NRGBA{{230, 214, 170, 255}, {200, 226, 190, 255}, {214, 206, 232, 255}}
	var dl, rl Layer
	dl.Opacity, rl.Opacity = 1, 1
	dl.LabelStyle, rl.LabelStyle = ls, ls
	b := districts.Features[0].Geometry.Bound()
	for i, f := range districts.Features {
		b = b.Union(f.Geometry.Bound())
		dl.Features = append(dl.Features, Feature{
			Geometry: f.Geometry,
			Style:    Style{Fill: fills[i%len(fills)], Stroke: color.NRGBA{90, 90, 90, 255}, StrokeWidth: 1.2, Dash: []float64{6, 3}},
			Label:    f.Properties.MustString("name", ""),
		})
	}
	for _, f := range river.Features {
		rl.Features = append(rl.Features, Feature{
			Geometry: f.Geometry,
			Style:    Style{Stroke: color.NRGBA{70, 130, 220, 255}, StrokeWidth: 4},
			Label:    f.Properties.MustString("name_zh", ""),
		})
	}
	return []Layer{dl, rl}, b
}

func TestRenderWuhai(t *testing.T) {
	f := cjkFont(t)
	ls := &LabelStyle{Font: f, Size: 16, Color: color.NRGBA{20, 20, 20, 255}, Halo: white, HaloWidth: 2}
	layers, b := wuhaiLayers(t, ls)
	v := FitView(b, 800, 600, 20)
	r := NewRaster(v.Width, v.Height, white)
	st, err := drawLayers(context.Background(), r, v, layers)
	if err != nil {
		t.Fatal(err)
	}
	writePNG(t, "wuhai", r)
	if st.features != 3+1 {
		t.Errorf("drew %d features, want 3 districts and the river segment in view", st.features)
	}
	if st.labels != 4 {
		t.Errorf("placed %d labels, want 3 districts and 黄河", st.labels)
	}
	// Each district's published centre point lies in its own fill colour
	// (or under its label, which is dark and white).
	img := r.Image()
	for i, c := range []orb.Point{{106.817762, 39.673527}, {106.884789, 39.44153}, {106.722711, 39.502288}} {
		x, y := v.ToPixel(c)
		got := img.RGBAAt(int(x), int(y)+25) // below the label
		want := layers[0].Features[i].Style.Fill
		if absDiff(got.R, want.R) > 2 || absDiff(got.G, want.G) > 2 || absDiff(got.B, want.B) > 2 {
			t.Errorf("district %d near its centre: %v, want %v", i, got, want)
		}
	}
}
