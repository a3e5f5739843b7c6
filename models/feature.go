package models

import "github.com/paulmach/orb"

// Feature is one row of a feature table.
type Feature struct {
	ID       int64        // fid within its layer; 0 before it is stored
	Layer    string       // one of the Layer* names
	Geometry orb.Geometry // lon/lat, RFC 7946 winding, multi-type for polygon and line layers
	Attrs    Attrs        // typed attributes mapped from the properties
	// Props is the original properties object, byte-exact JSON (nil when there were none).
	// Every key is kept, mapped or not, so an export gives back what came in.
	Props []byte
	// Source keeps the geometry as it was before conversion to lon/lat when the
	// source file was projected, so licence corner coordinates survive exactly.
	Source *Source
	// AreaM2 is the ellipsoidal area of polygonal geometry, 0 otherwise.
	AreaM2 float64
	// GeomErr says why the stored geometry could not be decoded (a
	// *GeometryError; Geometry is then nil): a blob another program
	// damaged leaves its feature readable, not its whole layer.
	GeomErr error
}

// Source is a feature's geometry in the coordinate system it arrived in.
type Source struct {
	EPSG     int
	Geometry orb.Geometry // in the source CRS's units and axis order (easting, northing)
}

// Attrs are the attributes minerehab understands; everything else stays in Props.
type Attrs struct {
	Name        string
	Licence     string
	District    string
	Mineral     string
	Method      string
	Status      MineStatus
	Kind        SiteKind
	FeatureType string // the source's own type value (feature_type / type / 类型), as given
}
