package render_test

import (
	"bytes"
	"context"
	"fmt"
	"image/color"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
)

// A map widget renders off the UI goroutine: fit the view to the data, draw
// into a raster, show (or encode) the image, and draw a scale bar.
func ExampleDraw() {
	site := orb.Polygon{
		{{106.80, 39.60}, {106.85, 39.60}, {106.85, 39.64}, {106.80, 39.64}, {106.80, 39.60}},
		{{106.81, 39.61}, {106.82, 39.61}, {106.82, 39.62}, {106.81, 39.61}},
	}
	layers := []render.Layer{{
		Name:    "sites",
		Opacity: 1,
		Features: []render.Feature{{
			Geometry: site,
			Style: render.Style{
				Fill:   color.NRGBA{200, 230, 200, 255},
				Stroke: color.NRGBA{200, 30, 30, 255}, StrokeWidth: 2,
				Hatch: render.HatchDiagonal, HatchSpacing: 8,
			},
		}},
	}}
	v := render.FitView(site.Bound(), 400, 300, 10)
	r := render.NewRaster(v.Width, v.Height, color.NRGBA{255, 255, 255, 255})
	if err := render.Draw(context.Background(), r, v, layers); err != nil {
		fmt.Println(err)
		return
	}
	var png bytes.Buffer
	if err := render.EncodePNG(&png, r.Image()); err != nil {
		fmt.Println(err)
		return
	}
	m, px := render.ScaleBar(v, 120)
	fmt.Printf("%d×%d, 1:%.0f at 96 dpi, scale bar %g m = %.0f px\n", v.Width, v.Height, v.Scale(96), m, px)
	// Output: 400×300, 1:59947 at 96 dpi, scale bar 1000 m = 63 px
}
