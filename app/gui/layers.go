package gui

import (
	"image/color"

	"minerehab/app/i18n"
	"minerehab/models"
)

// layerName is the display name of a layer in the user's language.
func layerName(l i18n.Lang, layer string) string {
	return i18n.T(l, "gui.layer."+layer, nil)
}

// panelLayers lists the layers as a layer panel shows them: the layer drawn
// on top first, as in QGIS (models.Layers is bottom first).
func panelLayers() []models.LayerDef {
	out := make([]models.LayerDef, len(models.Layers))
	for i, d := range models.Layers {
		out[len(out)-1-i] = d
	}
	return out
}

// isPolygonal reports whether a layer's features have an area worth showing.
func isPolygonal(d models.LayerDef) bool { return d.Geometry == models.KindMultiPolygon }

// layerInfo finds a layer's summary in info; ok is false when the store did
// not report the layer.
func layerInfo(info *models.Info, layer string) (models.LayerInfo, bool) {
	if info == nil {
		return models.LayerInfo{}, false
	}
	for _, li := range info.Layers {
		if li.Name == layer {
			return li, true
		}
	}
	return models.LayerInfo{}, false
}

// areaText is "12.34 公顷 · 185.1 亩" (or "12.34 ha · 185.1 mu").
func areaText(l i18n.Lang, m2 float64) string {
	ha := hectares(m2)
	return i18n.T(l, "gui.area", i18n.Args{"ha": formatFixed(ha, 2), "mu": formatFixed(ha*muPerHectare, 1)})
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}
