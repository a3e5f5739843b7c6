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
	bandStroke   = color.NRGBA{0x15, 0x65, 0xc0, 0xc0}
	bandFill     = color.NRGBA{0x42, 0xa5, 0xf5, 0x30}
)

// bandStyle is how a screening band is drawn, in the window and on plates:
// a translucent blue strip, hatched so that it reads in black and white.
var bandStyle = render.Style{Fill: bandFill, Stroke: bandStroke, StrokeWidth: 1.5, Hatch: render.HatchDiagonal, HatchColor: bandStroke,
	HatchSpacing: 10, HatchWidth: 0.6}

// Overlay is what the window draws over the map without redrawing it: the
// selection, topology warnings, the go-to mark and screening bands.
type Overlay struct {
	Selection []*models.Feature
	// Warnings are places a topology check found wrong (a zone
	// overlapping another), drawn hatched in red.
	Warnings []orb.Geometry
	Mark     *orb.Point // the go-to-coordinate target
	// Bands are the strips a river screening covers, drawn under the rest
	// as a translucent blue band.
	Bands []orb.MultiPolygon
}

// Empty reports whether there is nothing to draw.
func (o Overlay) Empty() bool {
	return len(o.Selection) == 0 && len(o.Warnings) == 0 && o.Mark == nil && len(o.Bands) == 0
}

// RenderOverlay draws o on a transparent w×h image of view v. It is cheap
// (selections are small), so the window redraws it on its own whenever the
// selection or the view changes, without redrawing the map.
func RenderOverlay(ctx context.Context, v render.View, o Overlay, ratio float64) (*image.RGBA, error) {
	if ratio <= 0 {
		ratio = 1
	}
	r := render.NewRaster(v.Width, v.Height, color.NRGBA{})
	band := render.Layer{Name: "screening-band", Opacity: 1}
	for _, b := range o.Bands {
		band.Features = append(band.Features, render.Feature{Geometry: b, Style: scaleStyle(bandStyle, ratio)})
	}
	sel, warn, mark := o.Selection, o.Warnings, o.Mark
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
	if err := render.Draw(ctx, r, v, []render.Layer{band, halo, top}); err != nil {
		return nil, err
	}
	return r.Image(), nil
}
