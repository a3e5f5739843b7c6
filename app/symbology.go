package app

import (
	"image/color"
	"strings"

	"golang.org/x/image/font/opentype"

	"minerehab/gis/geojson"
	"minerehab/gis/render"
	"minerehab/models"
)

// The default map symbology: what a planner reads at a glance. Mines are
// outlined in dark orange over a light fill; spoil heaps are brown, pits
// blue-grey, gangue heaps dark grey, waste yards khaki; fire points are
// red markers, filled while burning and hollow grey once extinguished;
// roads are grey lines, rivers blue, the nature reserve green-hatched,
// districts dashed grey outlines; consolidation zones and plan units are
// semi-transparent with bold outlines. Sizes are pixels.

func rgba(r, g, b, a uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: a} }

// Layer colours, also used by the layer panel's swatches.
var (
	colMine       = rgba(0xc2, 0x5a, 0x0c, 0xff) // dark orange
	colMineFill   = rgba(0xff, 0xd8, 0xa8, 0x70)
	colSpoil      = rgba(0xa8, 0x73, 0x3c, 0xff) // brown
	colPit        = rgba(0x6b, 0x84, 0x9c, 0xff) // blue-grey
	colGangue     = rgba(0x45, 0x45, 0x48, 0xff) // dark grey
	colWaste      = rgba(0xb0, 0xa2, 0x4e, 0xff) // khaki
	colOtherSite  = rgba(0x9a, 0x94, 0x8c, 0xff)
	colFire       = rgba(0xe0, 0x1e, 0x1e, 0xff) // red
	colFireDark   = rgba(0x7a, 0x08, 0x08, 0xff)
	colFireOut    = rgba(0x80, 0x80, 0x80, 0xff) // grey
	colRoad       = rgba(0x70, 0x66, 0x5c, 0xff)
	colRiver      = rgba(0x2f, 0x7f, 0xd0, 0xff) // blue
	colReserve    = rgba(0x2e, 0x8b, 0x3e, 0xff) // green
	colDistrict   = rgba(0x78, 0x78, 0x78, 0xff) // grey
	colReference  = rgba(0x5b, 0x8d, 0xb8, 0xff)
	colZone       = rgba(0x8e, 0x4b, 0xbf, 0xff) // purple
	colPlanUnit   = rgba(0x1f, 0x9e, 0x6e, 0xff) // teal green
	colLabel      = rgba(0x3a, 0x22, 0x0a, 0xff)
	colLabelHalo  = rgba(0xff, 0xff, 0xff, 0xe0)
	colBackground = rgba(0xf4, 0xf1, 0xea, 0xff) // pale desert beige
)

// MapBackground is the colour of the map where nothing is drawn.
var MapBackground = colBackground

func withA(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

// LayerColor is the main colour of a layer's symbol (for legends and the
// layer panel's swatches).
func LayerColor(layer string) color.NRGBA {
	switch layer {
	case models.LayerMines:
		return colMine
	case models.LayerSites:
		return colSpoil
	case models.LayerFirePoints:
		return colFire
	case models.LayerRoads:
		return colRoad
	case models.LayerZones:
		return colZone
	case models.LayerPlanUnits:
		return colPlanUnit
	}
	return colReference
}

// FireState is a fire point's state as the map shows it.
type FireState int

// Fire states.
const (
	FireUnknown FireState = iota
	FireBurning
	FireExtinguished
)

// fireValues maps status words (Chinese and English) to a state.
var fireValues = map[string]FireState{
	"燃烧中": FireBurning, "燃烧": FireBurning, "在燃": FireBurning, "复燃": FireBurning, "burning": FireBurning, "active": FireBurning,
	"已熄灭": FireExtinguished, "熄灭": FireExtinguished, "已治理": FireExtinguished, "extinguished": FireExtinguished, "out": FireExtinguished,
}

// FireStateOf reads a fire point's state: its mapped status (the property
// 状态 / status), else a top-level status property, else a boolean
// "extinguished" / 已熄灭 property. Only the top level of the properties
// is scanned, without decoding nested values.
func FireStateOf(f *models.Feature) FireState {
	if s, ok := fireValues[strings.ToLower(strings.TrimSpace(string(f.Attrs.Status)))]; ok {
		return s
	}
	if len(f.Props) == 0 {
		return FireUnknown
	}
	state := FireUnknown
	_ = geojson.TopLevel(f.Props, func(key string, raw []byte) bool {
		switch key {
		case "状态", "status", "火点状态", "fire_status":
			if v, ok := geojson.StringValue(raw); ok {
				if s, ok := fireValues[strings.ToLower(strings.TrimSpace(v))]; ok {
					state = s
					return false
				}
			}
		case "extinguished", "已熄灭":
			switch strings.TrimSpace(string(raw)) {
			case "true":
				state = FireExtinguished
				return false
			case "false":
				state = FireBurning
				return false
			}
		}
		return true
	})
	return state
}

// ReferenceKind classifies a reference feature by its type value.
type ReferenceKind int

// Reference kinds.
const (
	RefOther ReferenceKind = iota
	RefDistrict
	RefReserve
	RefRiver
)

// ReferenceKindOf classifies a reference feature by Attrs.FeatureType
// (river/河流, reserve/自然保护区/保护区, district/boundary/行政区).
func ReferenceKindOf(f *models.Feature) ReferenceKind {
	switch strings.ToLower(strings.TrimSpace(f.Attrs.FeatureType)) {
	case "river", "河流", "河道", "水系":
		return RefRiver
	case "reserve", "nature_reserve", "自然保护区", "保护区":
		return RefReserve
	case "district", "boundary", "行政区", "行政区界", "区界":
		return RefDistrict
	}
	return RefOther
}

// Styles that do not depend on the feature, shared (render only reads them).
var (
	districtDash = []float64{7, 4}

	styleMine = render.Style{Fill: colMineFill, Stroke: colMine, StrokeWidth: 2}

	styleSpoil  = render.Style{Fill: withA(colSpoil, 0xb0), Stroke: rgba(0x6e, 0x45, 0x1c, 0xff), StrokeWidth: 1}
	stylePit    = render.Style{Fill: withA(colPit, 0xb8), Stroke: rgba(0x3e, 0x52, 0x66, 0xff), StrokeWidth: 1}
	styleGangue = render.Style{Fill: withA(colGangue, 0xc8), Stroke: rgba(0x1e, 0x1e, 0x20, 0xff), StrokeWidth: 1}
	styleWaste  = render.Style{Fill: withA(colWaste, 0xb0), Stroke: rgba(0x6e, 0x64, 0x22, 0xff), StrokeWidth: 1}
	styleSite   = render.Style{Fill: withA(colOtherSite, 0xa0), Stroke: rgba(0x5a, 0x56, 0x50, 0xff), StrokeWidth: 1}

	styleBurning      = render.Style{Fill: colFire, Stroke: colFireDark, StrokeWidth: 1.5, PointShape: render.PointTriangle, PointSize: 12}
	styleExtinguished = render.Style{Fill: rgba(0xff, 0xff, 0xff, 0xa0), Stroke: colFireOut, StrokeWidth: 1.5, PointShape: render.PointCircle, PointSize: 9}
	styleFireUnknown  = render.Style{Fill: rgba(0xff, 0xff, 0xff, 0xa0), Stroke: colFire, StrokeWidth: 2, PointShape: render.PointCircle, PointSize: 10}

	styleRoad = render.Style{Stroke: colRoad, StrokeWidth: 1.5}

	styleRiver    = render.Style{Fill: withA(colRiver, 0x60), Stroke: colRiver, StrokeWidth: 2.5}
	styleReserve  = render.Style{Fill: withA(colReserve, 0x26), Stroke: colReserve, StrokeWidth: 1.5, Hatch: render.HatchDiagonal, HatchColor: withA(colReserve, 0xa0), HatchSpacing: 9, HatchWidth: 1.2}
	styleDistrict = render.Style{Stroke: colDistrict, StrokeWidth: 1.3, Dash: districtDash}
	styleRefOther = render.Style{Fill: withA(colReference, 0x30), Stroke: colReference, StrokeWidth: 1, PointSize: 6}

	styleZone     = render.Style{Fill: withA(colZone, 0x40), Stroke: colZone, StrokeWidth: 3}
	stylePlanUnit = render.Style{Fill: withA(colPlanUnit, 0x50), Stroke: colPlanUnit, StrokeWidth: 2.5}
)

// StyleFor returns the default style of a feature, chosen by its layer and
// attributes (site kind, fire state, reference type).
func StyleFor(f *models.Feature) render.Style {
	switch f.Layer {
	case models.LayerMines:
		return styleMine
	case models.LayerSites:
		switch f.Attrs.Kind {
		case models.SiteSpoilHeap:
			return styleSpoil
		case models.SitePit:
			return stylePit
		case models.SiteGangueHeap:
			return styleGangue
		case models.SiteWasteYard:
			return styleWaste
		}
		return styleSite
	case models.LayerFirePoints:
		switch FireStateOf(f) {
		case FireBurning:
			return styleBurning
		case FireExtinguished:
			return styleExtinguished
		}
		return styleFireUnknown
	case models.LayerRoads:
		return styleRoad
	case models.LayerReference:
		switch ReferenceKindOf(f) {
		case RefRiver:
			return styleRiver
		case RefReserve:
			return styleReserve
		case RefDistrict:
			return styleDistrict
		}
		return styleRefOther
	case models.LayerZones:
		return styleZone
	case models.LayerPlanUnits:
		return stylePlanUnit
	}
	return styleRefOther
}

// LabelFor returns the text a feature is labelled with on the map: mines
// by their name, nothing else ("" for no label). A name that starts with
// the mine's district ("海南区赛汗乌素煤矿" in 海南区) is shown without
// it: the district outlines are on the map, and shorter labels collide
// less.
func LabelFor(f *models.Feature) string {
	if f.Layer != models.LayerMines {
		return ""
	}
	name := strings.TrimSpace(f.Attrs.Name)
	if d := strings.TrimSpace(f.Attrs.District); d != "" && len(name) > len(d) {
		name = strings.TrimSpace(strings.TrimPrefix(name, d))
	}
	return name
}

// mineLabelSize is the em size of mine labels, pixels.
const mineLabelSize = 13

// LabelStyleFor returns how a layer's labels are drawn with font fnt, or
// nil when the layer has no labels or there is no font. ratio multiplies
// text sizes (the screen's pixel density; 1 for ordinary pictures).
func LabelStyleFor(layer string, fnt *opentype.Font, ratio float64) *render.LabelStyle {
	if fnt == nil || layer != models.LayerMines {
		return nil
	}
	return &render.LabelStyle{Font: fnt, Size: mineLabelSize * ratio, Color: colLabel, Halo: colLabelHalo, HaloWidth: 2 * ratio}
}

// scaleStyle multiplies the pixel sizes of s by k.
func scaleStyle(s render.Style, k float64) render.Style {
	if k == 1 {
		return s
	}
	s.StrokeWidth *= k
	s.HatchSpacing *= k
	s.HatchWidth *= k
	s.PointSize *= k
	if s.Dash != nil {
		d := make([]float64, len(s.Dash))
		for i, v := range s.Dash {
			d[i] = v * k
		}
		s.Dash = d
	}
	return s
}
