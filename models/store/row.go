package store

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// Row is a feature encoded for its table: what Encode prepares, off the SQL
// goroutine, and Import.PutRow writes.
type Row struct {
	Layer   string
	Geom    []byte    // GeoPackage geometry blob, srs_id SRSID
	Bound   orb.Bound // extent of Geom; zero when Empty
	Empty   bool      // Geom has no coordinates (Encode refuses those)
	Attrs   models.Attrs
	Props   []byte // the feature's Props, shared, not copied: do not change them before PutRow
	AreaM2  float64
	SrcEPSG int    // 0 when the source was not projected
	SrcGeom []byte // WKB of the source geometry; nil when none
	// FID is set by PutRow: the fid of the row added or matched.
	FID int64
}

// Encode prepares f for its layer's table: it checks the layer and that
// the geometry fits it (promoting a Polygon or LineString to the Multi type
// a polygon or line layer holds) and is not empty, and encodes the geometry
// blob and the source geometry. It reads f only and is safe to call from many goroutines
// at once, so an importer can encode in parallel and leave the SQL
// goroutine nothing but inserts.
func Encode(f *models.Feature) (*Row, error) {
	def, ok := models.LayerByName(f.Layer)
	if !ok {
		return nil, &Error{Code: CodeUnknownLayer, Op: "encode", Err: fmt.Errorf("no layer %q", f.Layer)}
	}
	if f.Geometry == nil {
		return nil, &Error{Code: CodeNoGeometry, Op: "encode", Err: errors.New("feature has no geometry")}
	}
	g := f.Geometry
	if !models.Fits(def.Geometry, g) {
		return nil, &Error{Code: CodeGeometryType, Op: "encode",
			Err: fmt.Errorf("a %s does not fit layer %s (%s)", g.GeoJSONType(), def.Name, def.Geometry)}
	}
	switch def.Geometry {
	case models.KindMultiPolygon:
		if p, ok := g.(orb.Polygon); ok {
			g = orb.MultiPolygon{p}
		}
	case models.KindMultiLineString:
		if l, ok := g.(orb.LineString); ok {
			g = orb.MultiLineString{l}
		}
	}
	blob, err := gpkg.Encode(g, SRSID)
	if err != nil {
		return nil, &Error{Code: CodeEncode, Op: "encode", Err: err}
	}
	bd, nonEmpty, err := gpkg.Bound(blob)
	if err != nil {
		return nil, &Error{Code: CodeEncode, Op: "encode", Err: err}
	}
	if !nonEmpty {
		// GeoPackage allows empty geometries, but nothing can draw or
		// find them, and GDAL 3.6's validator misreads their flag.
		return nil, &Error{Code: CodeEmptyGeometry, Op: "encode", Err: fmt.Errorf("the %s has no coordinates", g.GeoJSONType())}
	}
	r := &Row{Layer: def.Name, Geom: blob, Bound: bd, Attrs: f.Attrs, Props: f.Props, AreaM2: f.AreaM2}
	if f.Source != nil && f.Source.Geometry != nil {
		if r.SrcGeom, err = gpkg.EncodeWKB(f.Source.Geometry); err != nil {
			return nil, &Error{Code: CodeEncode, Op: "encode source geometry of", Err: err}
		}
		r.SrcEPSG = f.Source.EPSG
	}
	return r, nil
}
