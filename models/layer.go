package models

// Layer names: the feature tables of a project file.
const (
	LayerMines      = "mines"
	LayerSites      = "sites"
	LayerFirePoints = "fire_points"
	LayerRoads      = "roads"
	LayerReference  = "reference"
	LayerZones      = "zones"
	LayerPlanUnits  = "plan_units"
)

// GeomKind is the geometry a layer accepts.
type GeomKind string

// Geometry kinds, spelled as GeoPackage geometry type names.
const (
	KindMultiPolygon    GeomKind = "MULTIPOLYGON"
	KindPoint           GeomKind = "POINT"
	KindMultiLineString GeomKind = "MULTILINESTRING"
	KindAny             GeomKind = "GEOMETRY"
)

// LayerDef describes one feature table.
type LayerDef struct {
	Name     string
	Geometry GeomKind
	// Importable is false for layers that are drawn in the app, not imported.
	Importable bool
}

// Layers lists every feature table in drawing order (bottom first).
var Layers = []LayerDef{
	{LayerReference, KindAny, true},
	{LayerZones, KindMultiPolygon, false},
	{LayerMines, KindMultiPolygon, true},
	{LayerPlanUnits, KindMultiPolygon, false},
	{LayerSites, KindMultiPolygon, true},
	{LayerRoads, KindMultiLineString, true},
	{LayerFirePoints, KindPoint, true},
}

// LayerByName returns the definition of a layer.
func LayerByName(name string) (LayerDef, bool) {
	for _, l := range Layers {
		if l.Name == name {
			return l, true
		}
	}
	return LayerDef{}, false
}
