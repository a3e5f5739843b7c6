package gpkg

import (
	"errors"
	"fmt"
)

// Error codes carried by *Error, stable for callers and translations.
const (
	CodeBadHeader        = "gpkg-bad-header"        // not a GeoPackage geometry blob header
	CodeExtended         = "gpkg-extended"          // ExtendedGeoPackageBinary, not supported
	CodeTruncated        = "wkb-truncated"          // the WKB ends before its declared content
	CodeBadWKB           = "wkb-invalid"            // byte order, type or structure not valid WKB
	CodeUnsupportedType  = "wkb-unsupported-type"   // curve, surface, TIN... types
	CodeNonFinite        = "geometry-non-finite"    // NaN or infinite coordinate
	CodeUnsupportedGeom  = "geometry-unsupported"   // an orb type that has no WKB form (nil)
	CodeBadGeomType      = "gpkg-bad-geometry-type" // not a GeoPackage geometry type name
	CodeNoTable          = "gpkg-no-table"          // the table is not a registered feature table
	CodeEnvelopeMismatch = "gpkg-envelope-mismatch" // header envelope or empty flag contradicts the wkb
	CodeNoSRS            = "gpkg-no-srs"            // srs_id missing from gpkg_spatial_ref_sys
)

// ErrFormat is matched (errors.Is) by every *Error about the bytes of a blob.
var ErrFormat = errors.New("invalid geopackage geometry")

// Error is a typed error of this package.
type Error struct {
	Code   string // one of the Code* constants
	Detail string // lower-case human detail
	Err    error  // wrapped cause, may be nil
}

func (e *Error) Error() string {
	msg := "gpkg: " + e.Detail
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is reports format errors as ErrFormat.
func (e *Error) Is(target error) bool {
	if target != ErrFormat {
		return false
	}
	switch e.Code {
	case CodeBadHeader, CodeExtended, CodeTruncated, CodeBadWKB, CodeUnsupportedType, CodeEnvelopeMismatch:
		return true
	}
	return false
}

func errorf(code, format string, args ...any) error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...)}
}
