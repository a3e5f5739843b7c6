package app

import (
	"context"
	"image"
	"image/color"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
)

// Selection highlight colours: a cyan outline over a white halo reads on
// every fill of the default symbology (brown, grey, green, red markers).
var (
	selectStroke = color.NRGBA{0x00, 0xb4, 0xff, 0xff}
	selectHalo   = color.NRGBA{0xff, 0xff, 0xff, 0xe0}
	selectFill   = color.NRGBA{0x00, 0xb4, 0xff, 0x38}
	markStroke   = color.NRGBA{0xe0, 0x10, 0x60, 0xff}
	warnStroke   = color.NRGBA{0xe0, 0x20, 0x20, 0xff}
	warnFill     = color.NRGBA{0xe0, 0x20, 0x20, 0x30}
)

// RenderOverlay draws the selection highlight and an optional place mark
// (the go-to-coordinate target) on a transparent w×h image of view v. It
// is cheap (selections are small), so the window redraws it on its own
// whenever the selection or the view changes, without redrawing the map.
//
// warn are places a topology check found wrong (a zone overlapping
// another), drawn hatched in red.
func RenderOverlay(ctx context.Context, v render.View, sel []*models.Feature, warn []orb.Geometry, mark *orb.Point, ratio float64) (*image.RGBA, error) {
	if ratio <= 0 {
		ratio = 1
	}
	r := render.NewRaster(v.Width, v.Height, color.NRGBA{})
	halo := render.Layer{Name: "selection-halo", Opacity: 1}
	top := render.Layer{Name: "selection", Opacity: 1}
	for _, f := range sel {
		if f == nil || f.Geometry == nil {
			continue
		}
		halo.Features = append(halo.Features, render.Feature{Geometry: f.Geometry, Style: render.Style{
			Stroke: selectHalo, StrokeWidth: 5 * ratio, PointSize: 16 * ratio, PointShape: render.PointCircle}})
		top.Features = append(top.Features, render.Feature{Geometry: f.Geometry, Style: render.Style{
			Fill: selectFill, Stroke: selectStroke, StrokeWidth: 2.5 * ratio, PointSize: 14 * ratio, PointShape: render.PointCircle}})
	}
	for _, g := range warn {
		top.Features = append(top.Features, render.Feature{Geometry: g, Style: render.Style{
			Fill: warnFill, Stroke: warnStroke, StrokeWidth: 2 * ratio, Hatch: render.HatchDiagonal, HatchColor: warnStroke,
			HatchSpacing: 6 * ratio, HatchWidth: 1 * ratio}})
	}
	if mark != nil {
		top.Features = append(top.Features,
			render.Feature{Geometry: *mark, Style: render.Style{Stroke: selectHalo, StrokeWidth: 5 * ratio, PointSize: 22 * ratio, PointShape: render.PointCross}},
			render.Feature{Geometry: *mark, Style: render.Style{Stroke: markStroke, StrokeWidth: 2 * ratio, PointSize: 22 * ratio, PointShape: render.PointCross}})
	}
	if err := render.Draw(ctx, r, v, []render.Layer{halo, top}); err != nil {
		return nil, err
	}
	return r.Image(), nil
}
