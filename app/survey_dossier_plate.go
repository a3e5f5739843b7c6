package app

import (
	"context"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/pdf"
	"minerehab/gis/plate"
	"minerehab/gis/render"
	"minerehab/models"
)

// The dossier's map plate: the built-in survey plate (mines with abandoned
// ones emphasised, sites, roads, fire points, districts, rivers, the
// reserve; graticule, inset, north arrow, scale bar) centred on the site,
// with the site itself drawn over everything in red and labelled.

// dossierMinHalfM is the least distance, metres, the plate shows on each
// side of the site's centre: a point site still shows its surroundings.
const dossierMinHalfM = 1500

// dossierExtent is the plate's lon/lat box: the site's box grown by 60%,
// at least dossierMinHalfM each way from its centre.
func dossierExtent(g orb.Geometry) orb.Bound {
	b := g.Bound()
	c := b.Center()
	const mPerDeg = 111320.0
	mLon := mPerDeg * math.Cos(c[1]*math.Pi/180)
	halfW := max((b.Max[0]-b.Min[0])*mLon*0.8, dossierMinHalfM)
	halfH := max((b.Max[1]-b.Min[1])*mPerDeg*0.8, dossierMinHalfM)
	dx, dy := halfW/mLon, halfH/mPerDeg
	return orb.Bound{Min: orb.Point{c[0] - dx, c[1] - dy}, Max: orb.Point{c[0] + dx, c[1] + dy}}
}

// Colours of the surveyed site on the plate.
var (
	colSurveySite = rgba(0xd8, 0x10, 0x28, 0xff)
	colSurveyHalo = rgba(0xff, 0xff, 0xff, 0xe8)
)

// siteStyles returns the styles (dots at ratio) drawing the site: for a
// polygon, a red outline over a light red wash; for a point, a red dot
// inside a red ring. The first is the legend swatch.
func siteStyles(g orb.Geometry, ratio float64) ([]render.Style, plate.GeomKind) {
	if _, ok := g.(orb.Point); ok {
		return []render.Style{
			scaleStyle(render.Style{Fill: colSurveySite, Stroke: colSurveyHalo, StrokeWidth: 1.5, PointShape: render.PointCircle, PointSize: 9}, ratio),
			scaleStyle(render.Style{Stroke: colSurveySite, StrokeWidth: 2.5, PointShape: render.PointCircle, PointSize: 28}, ratio),
		}, plate.SwatchPoint
	}
	return []render.Style{
		scaleStyle(render.Style{Fill: withA(colSurveySite, 0x38), Stroke: colSurveySite, StrokeWidth: 3}, ratio),
	}, plate.SwatchPolygon
}

// dossierPlateSpec builds the plate of survey s on A4 landscape; pageLabel
// numbers it in the dossier.
func dossierPlateSpec(ctx context.Context, st models.Store, s *models.Survey, l i18n.Lang, font *pdf.Font, pageLabel string) (*plate.Spec, error) {
	t, err := LoadPlateTemplate("survey")
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(s.SiteName)
	if name == "" {
		name = s.UID
	}
	number := s.UID
	if len(number) > 8 {
		number = number[:8]
	}
	opt := PlateOptions{
		Template: t, Paper: "A4", Landscape: true, Lang: l, Font: font, Date: s.UpdatedAt,
		Extent:   PlateExtent{Kind: "survey", Key: s.UID, Name: name, Bound: dossierExtent(s.Geometry)},
		Title:    dtr(l, "plate.title", i18n.Args{"site": name}),
		Subtitle: dtr(l, "plate.subtitle", i18n.Args{"district": orUnset(l, s.District), "date": orUnset(l, s.Date)}),
		TitleBlock: plate.TitleBlock{
			Author: strings.Join(s.Surveyors, dtr(l, "list-sep", nil)),
			Date:   s.Date,
			Number: "DC-" + number,
		},
	}
	spec, err := PlateSpec(ctx, st, opt)
	if err != nil {
		return nil, err
	}
	spec.PageLabel = pageLabel
	base := spec.Layers
	legend := dtr(l, "legend.site", nil)
	spec.Layers = func(ctx context.Context, v render.View, dpi float64) (plate.Content, error) {
		c, err := base(ctx, v, dpi)
		if err != nil {
			return c, err
		}
		ratio := printRatio(dpi)
		styles, kind := siteStyles(s.Geometry, ratio)
		site := render.Layer{Name: "survey-site", Opacity: 1}
		for i := len(styles) - 1; i >= 0; i-- {
			site.Features = append(site.Features, render.Feature{Geometry: s.Geometry, Style: styles[i]})
		}
		label := render.Layer{Name: "survey-site-label", Opacity: 1,
			LabelStyle: &render.LabelStyle{Font: font.Face(), Size: 15 * ratio, Color: colSurveySite, Halo: colSurveyHalo, HaloWidth: 2.5 * ratio},
			Features:   []render.Feature{{Geometry: labelAnchor(s.Geometry, v, ratio), Label: name}}}
		c.Layers = append(c.Layers, site, label)
		entry := plate.LegendEntry{Label: legend, Kind: kind, Style: styles[0]}
		if fin := c.Finish; fin != nil {
			c.Finish = func() ([]plate.LegendEntry, error) {
				e, err := fin()
				return append([]plate.LegendEntry{entry}, e...), err
			}
		} else {
			c.Legend = append([]plate.LegendEntry{entry}, c.Legend...)
		}
		return c, nil
	}
	return spec, nil
}

// labelAnchor is what the site's name is set on: a polygon's name on the
// polygon, a point's name centred above its ring, as a short invisible
// line there (a point label would be kept off the ring and off its own
// marker, and might not be set at all).
func labelAnchor(g orb.Geometry, v render.View, ratio float64) orb.Geometry {
	p, ok := g.(orb.Point)
	if !ok {
		return g
	}
	x0, y0 := v.ToPixel(p)
	x1, y1 := v.ToPixel(orb.Point{p[0] + 1, p[1] + 1})
	pxLon, pxLat := math.Abs(x1-x0), math.Abs(y1-y0)
	if !(pxLon > 0 && pxLat > 0) {
		return g
	}
	// The ring's radius and outline (15.25), a gap, half the text's height.
	up := 28 * ratio / pxLat
	dx := 2 * ratio / pxLon
	return orb.LineString{{p[0] - dx, p[1] + up}, {p[0] + dx, p[1] + up}}
}
