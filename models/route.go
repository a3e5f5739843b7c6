package models

import (
	"strings"

	"github.com/paulmach/orb"
)

// typeRoutes maps a source's type value (feature_type / type / 类型) to a layer.
var typeRoutes = map[string]string{
	"mine_boundary": LayerMines, "mine": LayerMines, "mines": LayerMines, "矿山": LayerMines, "矿区范围": LayerMines, "矿界": LayerMines,
	"fire_point": LayerFirePoints, "fire": LayerFirePoints, "火点": LayerFirePoints, "自燃火点": LayerFirePoints,
	"haul_road": LayerRoads, "road": LayerRoads, "道路": LayerRoads, "运输道路": LayerRoads,
	"river": LayerReference, "reserve": LayerReference, "district": LayerReference, "boundary": LayerReference,
	"河流": LayerReference, "自然保护区": LayerReference, "保护区": LayerReference, "行政区": LayerReference,
	"zone": LayerZones, "整合区": LayerZones,
	"plan_unit": LayerPlanUnits,
}

// Route picks the layer of a feature for `--layer auto`: by its type value
// first, then by geometry. A value naming a site kind routes to sites. The
// reason says why, for the import summary.
func Route(a Attrs, g orb.Geometry) (layer string, reason string) {
	t := strings.ToLower(strings.TrimSpace(a.FeatureType))
	if l, ok := typeRoutes[t]; ok {
		return l, "type:" + a.FeatureType
	}
	if _, ok := ParseSiteKind(t); ok && t != "" && t != "other" && t != "其他" {
		return LayerSites, "type:" + a.FeatureType
	}
	if a.Kind != "" && a.Kind != SiteOther {
		return LayerSites, "kind:" + string(a.Kind)
	}
	// Without a usable type, only a licence number says "mine"; everything
	// else goes to reference, where nothing is counted as a mine by mistake.
	switch g.(type) {
	case orb.Polygon, orb.MultiPolygon:
		if a.Licence != "" {
			return LayerMines, "licence"
		}
	}
	return LayerReference, "geometry"
}

// Fits reports whether a geometry may be stored in a layer of the given kind.
func Fits(kind GeomKind, g orb.Geometry) bool {
	switch kind {
	case KindMultiPolygon:
		switch g.(type) {
		case orb.Polygon, orb.MultiPolygon:
			return true
		}
	case KindPoint:
		_, ok := g.(orb.Point)
		return ok
	case KindMultiLineString:
		switch g.(type) {
		case orb.LineString, orb.MultiLineString:
			return true
		}
	case KindAny:
		return g != nil
	}
	return false
}
