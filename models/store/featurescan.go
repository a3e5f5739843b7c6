package store

import (
	"database/sql"
	"fmt"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// featureSelect is the column list featureScan reads, after "SELECT ".
const featureSelect = "fid, geom, name, licence, district, mineral, method, status, kind, feature_type, area_m2, properties, src_epsg, src_geom"

// featureScan receives one row of featureSelect.
type featureScan struct {
	fid                              int64
	geom, props, srcGeom             []byte
	name, lic, dist, mineral, method sql.NullString
	status, kind, ftype              sql.NullString
	area                             sql.NullFloat64
	srcEPSG                          sql.NullInt64
}

func (sc *featureScan) dest() []any {
	sc.props, sc.srcGeom = nil, nil
	return []any{&sc.fid, &sc.geom, &sc.name, &sc.lic, &sc.dist, &sc.mineral, &sc.method, &sc.status, &sc.kind,
		&sc.ftype, &sc.area, &sc.props, &sc.srcEPSG, &sc.srcGeom}
}

// feature decodes the scanned row. The byte slices become the feature's:
// call dest again before the next Scan.
func (sc *featureScan) feature(layer, path string) (*models.Feature, error) {
	f := &models.Feature{
		ID:    sc.fid,
		Layer: layer,
		Attrs: models.Attrs{
			Name: sc.name.String, Licence: sc.lic.String, District: sc.dist.String, Mineral: sc.mineral.String,
			Method: sc.method.String, Status: models.MineStatus(sc.status.String), Kind: models.SiteKind(sc.kind.String),
			FeatureType: sc.ftype.String,
		},
		AreaM2: sc.area.Float64,
	}
	if sc.props != nil {
		f.Props = sc.props // Scan copies: the slice is ours
	}
	if sc.geom != nil {
		// An undecodable blob (another program's damage) costs its
		// feature the geometry, not the whole scan: the map, picking and
		// search go on, and the inspector says what is wrong.
		g, _, err := gpkg.Decode(sc.geom)
		if err != nil {
			f.GeomErr = &models.GeometryError{Layer: layer, ID: sc.fid, Err: err}
		}
		f.Geometry = g
	}
	if sc.srcGeom != nil {
		g, err := gpkg.DecodeWKB(sc.srcGeom)
		if err != nil {
			return nil, &Error{Code: CodeSQL, Op: fmt.Sprintf("decode source geometry of %s fid %d in", layer, sc.fid), Path: path, Err: err}
		}
		f.Source = &models.Source{EPSG: int(sc.srcEPSG.Int64), Geometry: g}
	}
	return f, nil
}
