package cli

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app"
	"minerehab/gis/render"
	"minerehab/models"
)

// TestRenderSurveys: `render` draws the survey sites over the map as the
// window lays its survey overlay over its map (app.RenderSurveys, none
// current), --layers or not (they are no layer); a project without
// survey sites is drawn as before.
func TestRenderSurveys(t *testing.T) {
	const bbox, w, h = "106.7,39.4,107.0,39.8", 400, 300
	plain, surveyed := sampleFile(t), sampleFile(t)
	marker := &models.Survey{Geometry: orb.Point{106.85, 39.6}, District: "海南区", SiteName: "甲采坑", Disturbance: models.DisturbPit, Priority: 1}
	area := &models.Survey{Geometry: orb.Polygon{{{106.74, 39.70}, {106.78, 39.70}, {106.78, 39.73}, {106.74, 39.73}, {106.74, 39.70}}},
		District: "乌达区", SiteName: "乙排土场", Disturbance: models.DisturbHeap}
	addSurveys(t, surveyed, marker, area)
	v := render.FitView(orb.Bound{Min: orb.Point{106.7, 39.4}, Max: orb.Point{107.0, 39.8}}, w, h, 0) // as render fits --bbox
	overlay, err := app.RenderSurveys(context.Background(), v, []*models.Survey{marker, area}, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	mx, my := v.ToPixel(marker.Geometry.(orb.Point))
	dir := t.TempDir()
	renderPNG := func(name, p string, args ...string) []byte {
		t.Helper()
		out := filepath.Join(dir, name+".png")
		mustRun(t, append([]string{"render", p, "-o", out, "--size", "400x300", "--bbox", bbox}, args...)...)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		args []string
	}{
		{"as the project shows its layers", nil},
		{"--layers mines", []string{"--layers", "mines"}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := renderPNG("plain"+string(rune('a'+i)), plain, tc.args...)
			got := mustDecode(t, renderPNG("surveyed"+string(rune('a'+i)), surveyed, tc.args...))
			if c := color.NRGBAModel.Convert(got.At(int(mx), int(my))).(color.NRGBA); c != (color.NRGBA{0xe5, 0x39, 0x35, 0xff}) {
				t.Errorf("at the priority-1 site's marker (%.0f, %.0f): %v, want its red", mx, my, c)
			}
			// The map without surveys with the window's overlay laid over
			// it: the same picture, but for rounding (the window composites its
			// overlay drawn apart; here the sites are drawn on the map).
			want := image.NewRGBA(image.Rect(0, 0, w, h))
			draw.Draw(want, want.Rect, mustDecode(t, before), image.Point{}, draw.Src)
			draw.Draw(want, want.Rect, overlay, image.Point{}, draw.Over)
			if d, at := maxDiff(got, want); d > 3 {
				t.Errorf("differs from the map with the window's survey overlay by %d at %v", d, at)
			}
		})
	}

	// Without survey sites (none left), the map is the one of a project
	// that never had any.
	st, err := app.OpenProject(surveyed, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*models.Survey{marker, area} {
		if err := app.DeleteSurvey(context.Background(), st, s.UID); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if !bytes.Equal(renderPNG("deleted", surveyed), renderPNG("never", plain)) {
		t.Error("a project whose survey sites were deleted draws differently from one that never had any")
	}
}

// maxDiff is the largest difference of a colour channel between a and b,
// and where.
func maxDiff(a, b image.Image) (int, image.Point) {
	worst, at := 0, image.Point{}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			p, q := color.NRGBAModel.Convert(a.At(x, y)).(color.NRGBA), color.NRGBAModel.Convert(b.At(x, y)).(color.NRGBA)
			for _, d := range []int{int(p.R) - int(q.R), int(p.G) - int(q.G), int(p.B) - int(q.B), int(p.A) - int(q.A)} {
				if d < 0 {
					d = -d
				}
				if d > worst {
					worst, at = d, image.Point{X: x, Y: y}
				}
			}
		}
	}
	return worst, at
}
