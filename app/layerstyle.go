package app

import (
	"sort"
	"strings"

	"minerehab/gis/render"
	"minerehab/models"
)

// Layer styles a planner set in the layer panel (kept in the project file,
// models.LayerStyle) applied over the default symbology: colours, outline
// width, opacity, drawing order and the labelled field.

// LabelFields are the fields a layer can be labelled with ("" = none).
// The map reads names only (see renderFields), so the choice is names or
// none; other fields would cost a wider read for every frame.
var LabelFields = []string{"", string(models.FieldName)}

// LayerOrder returns the layers bottom first: by each style's Order, ties
// in the default order. Layers without a style keep their default place.
func LayerOrder(styles []models.LayerStyle) []string {
	rank := map[string]int{}
	for i, l := range models.Layers {
		rank[l.Name] = i
	}
	for _, s := range styles {
		if _, ok := rank[s.Layer]; ok {
			rank[s.Layer] = s.Order
		}
	}
	out := make([]string, len(models.Layers))
	def := map[string]int{}
	for i, l := range models.Layers {
		out[i] = l.Name
		def[l.Name] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if rank[out[i]] != rank[out[j]] {
			return rank[out[i]] < rank[out[j]]
		}
		return def[out[i]] < def[out[j]]
	})
	return out
}

// HiddenLayers is the layers styles hide (the layer panel's unticked
// boxes), as MapOptions.Hidden takes them.
func HiddenLayers(styles []models.LayerStyle) map[string]bool {
	hidden := map[string]bool{}
	for _, s := range styles {
		if !s.Visible {
			hidden[s.Layer] = true
		}
	}
	return hidden
}

// StyleOf finds a layer's style in styles (the default when absent).
func StyleOf(styles []models.LayerStyle, layer string) models.LayerStyle {
	for _, s := range styles {
		if s.Layer == layer {
			return s
		}
	}
	return models.DefaultLayerStyle(layer)
}

// StyledStyle is f's default style with the layer style's colours and
// outline width put over it. Fill replaces the interior colour (and a
// marker's body); Stroke the outline, line or marker outline.
func StyledStyle(f *models.Feature, ls models.LayerStyle) render.Style {
	return paletteStyle(StyleFor(f), ls)
}

// paletteStyle puts a layer style's colours and outline width over one of
// the default symbology's styles (the map keeps a palette per layer).
func paletteStyle(s render.Style, ls models.LayerStyle) render.Style {
	if ls.Fill != nil {
		if s.Hatch != render.HatchNone && s.HatchColor.A == 0 {
			s.HatchColor = s.Stroke
		}
		s.Fill = *ls.Fill
	}
	if ls.Stroke != nil {
		s.Stroke = *ls.Stroke
	}
	if ls.StrokePx > 0 {
		s.StrokeWidth = ls.StrokePx
	}
	return s
}

// StyledLabel is what f is labelled with under the layer style: the
// default (LabelFor) when the style names no field, nothing for "".
func StyledLabel(f *models.Feature, ls models.LayerStyle) string {
	if ls.LabelField == nil {
		return LabelFor(f)
	}
	switch *ls.LabelField {
	case string(models.FieldName):
		return strings.TrimSpace(f.Attrs.Name)
	case string(models.FieldLicence):
		return f.Attrs.Licence
	case string(models.FieldDistrict):
		return f.Attrs.District
	case string(models.FieldMineral):
		return f.Attrs.Mineral
	}
	return ""
}

// Labelled reports whether a layer carries labels under its style.
func Labelled(layer string, ls models.LayerStyle) bool {
	if ls.LabelField == nil {
		return layer == models.LayerMines
	}
	return *ls.LabelField != ""
}
