package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SRS is one row of gpkg_spatial_ref_sys.
type SRS struct {
	Name           string // srs_name
	ID             int32  // srs_id, the number geometry blobs and tables refer to
	Organization   string // e.g. "EPSG", "NONE"
	OrganizationID int32  // organization_coordsys_id
	Definition     string // WKT, or "undefined"
	Description    string
}

// EPSG returns the EPSG code of the SRS when its organization is EPSG.
func (s SRS) EPSG() (int, bool) {
	if strings.EqualFold(s.Organization, "EPSG") && s.OrganizationID > 0 {
		return int(s.OrganizationID), true
	}
	return 0, false
}

// Spatial reference systems every package made here carries. The WKT is
// GDAL's (OGC WKT 1, as `gdalsrsinfo -o wkt1` prints it).
var (
	SRSUndefinedCartesian = SRS{
		Name: "Undefined Cartesian SRS", ID: -1, Organization: "NONE", OrganizationID: -1,
		Definition: "undefined", Description: "undefined Cartesian coordinate reference system",
	}
	SRSUndefinedGeographic = SRS{
		Name: "Undefined geographic SRS", ID: 0, Organization: "NONE", OrganizationID: 0,
		Definition: "undefined", Description: "undefined geographic coordinate reference system",
	}
	SRSWGS84 = SRS{
		Name: "WGS 84 geodetic", ID: 4326, Organization: "EPSG", OrganizationID: 4326,
		Definition:  `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`,
		Description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
	}
	SRSCGCS2000 = SRS{
		Name: "China Geodetic Coordinate System 2000", ID: 4490, Organization: "EPSG", OrganizationID: 4490,
		Definition:  `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]`,
		Description: "longitude/latitude coordinates in decimal degrees on the CGCS2000 ellipsoid",
	}
)

// DefaultSRS lists the rows InitCore inserts.
var DefaultSRS = []SRS{SRSUndefinedCartesian, SRSUndefinedGeographic, SRSWGS84, SRSCGCS2000}

// AddSRS inserts an SRS unless its srs_id is already present.
func AddSRS(ctx context.Context, q Querier, s SRS) error {
	var desc any
	if s.Description != "" {
		desc = s.Description
	}
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO gpkg_spatial_ref_sys
		(srs_name, srs_id, organization, organization_coordsys_id, definition, description)
		VALUES (?, ?, ?, ?, ?, ?)`, s.Name, s.ID, s.Organization, s.OrganizationID, s.Definition, desc)
	if err != nil {
		return fmt.Errorf("gpkg: adding srs %d: %w", s.ID, err)
	}
	return nil
}

// LookupSRS reads the gpkg_spatial_ref_sys row of srsID, so a caller can
// learn, e.g., the EPSG code of a table (SRS.EPSG).
func LookupSRS(ctx context.Context, q Querier, srsID int32) (SRS, error) {
	s := SRS{ID: srsID}
	var desc sql.NullString
	err := q.QueryRowContext(ctx, `SELECT srs_name, organization, organization_coordsys_id, definition, description
		FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, srsID).
		Scan(&s.Name, &s.Organization, &s.OrganizationID, &s.Definition, &desc)
	if errors.Is(err, sql.ErrNoRows) {
		return s, &Error{Code: CodeNoSRS, Detail: fmt.Sprintf("srs_id %d is not in gpkg_spatial_ref_sys", srsID)}
	}
	if err != nil {
		return s, fmt.Errorf("gpkg: reading srs %d: %w", srsID, err)
	}
	s.Description = desc.String
	return s, nil
}
