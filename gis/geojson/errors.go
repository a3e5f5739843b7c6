package geojson

import (
	"fmt"
	"strconv"
	"strings"
)

// File-level error codes, carried by *SyntaxError. A file-level error is
// fatal: the reader returns it again from every later Next.
const (
	CodeEmptyFile       = "empty-file"       // zero bytes, or only whitespace / a BOM
	CodeBadJSON         = "bad-json"         // not JSON; Detail says what was expected
	CodeTooDeep         = "too-deep"         // nesting deeper than Options.MaxDepth
	CodeNotUTF8         = "not-utf8"         // invalid UTF-8 inside a string
	CodeGBK             = "gbk"              // invalid UTF-8 that decodes cleanly as GBK/GB18030 Chinese
	CodeUTF16           = "utf16"            // UTF-16/32 byte order mark, or NUL bytes at the start
	CodeBinary          = "binary"           // not text; Detail is one of the Binary* names
	CodeNaN             = "nan"              // NaN / Infinity literal (not JSON)
	CodeNotGeoJSON      = "not-geojson"      // valid JSON, but the root is not an object with a GeoJSON type
	CodeBadRootType     = "bad-root-type"    // root "type" unknown, miscased, or not a string
	CodeTooLarge        = "too-large"        // one feature (or root member) larger than Options.MaxFeatureBytes
	CodeBadFeatures     = "bad-features"     // FeatureCollection without a "features" array
	CodeBadCRS          = "bad-crs"          // legacy "crs" member present but unusable (not an object, unknown type, link)
	CodeDuplicateMember = "duplicate-member" // the same GeoJSON member twice in one object (file or feature level)
)

// Feature-level error codes, carried by *FeatureError. A feature error is
// recoverable: the reader is already positioned at the next feature.
const (
	CodeNoGeometryMember  = "no-geometry-member" // a Feature without a "geometry" member
	CodeBadGeometryType   = "bad-geometry-type"  // unknown, miscased or missing geometry type; geometry not an object
	CodeBadCoordinates    = "bad-coordinates"    // wrong nesting, non-numbers, position with <2 or >4 numbers
	CodeNestedCollection  = "nested-collection"  // a GeometryCollection inside a GeometryCollection
	CodeBadProperties     = "bad-properties"     // "properties" neither an object nor null
	CodeDuplicateProperty = "duplicate-property" // the same key twice at the top level of "properties"
	CodeBadFeatureType    = "bad-feature-type"   // "type" missing or not exactly "Feature"; feature not an object
	CodeBadID             = "bad-id"             // "id" neither a string nor a number (null counts as absent)
)

// Detail values of a CodeBinary *SyntaxError: what the first bytes look like.
const (
	BinaryShapefile = "shapefile" // ESRI .shp/.shx, file code 0x0000270A
	BinaryDBase     = "dbase"     // .dbf attribute table
	BinaryZip       = "zip"       // zipped shapefile, KMZ, XLSX, …
	BinarySQLite    = "sqlite"    // SQLite database (GeoPackage, SpatiaLite)
	BinaryPDF       = "pdf"
	BinaryPNG       = "png"
	BinaryJPEG      = "jpeg"
	BinaryGIF       = "gif"
	BinaryGzip      = "gzip"
	BinaryUnknown   = "unknown" // control bytes, no known signature
)

// SyntaxError is a fatal, file-level problem. Offset is the 0-based byte
// offset in the file (a UTF-8 BOM counts), Line is 1-based and Col is the
// 1-based byte column within that line.
type SyntaxError struct {
	Code   string
	Offset int64
	Line   int
	Col    int
	Detail string
}

func (e *SyntaxError) Error() string {
	var b strings.Builder
	b.WriteString("geojson: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d, column %d (byte %d): ", e.Line, e.Col, e.Offset)
	} else {
		fmt.Fprintf(&b, "byte %d: ", e.Offset)
	}
	b.WriteString(e.Code)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// FeatureError is a problem with one feature (or one record of a text
// sequence, or the single feature/geometry at the root). It is recoverable:
// the next call to Next continues with the following feature.
//
// Index, Offset and Line locate the feature itself (as in Feature);
// ProblemOffset, ProblemLine and ProblemCol locate the offending member or
// token inside it. ID is the feature's id as text ("" if none or not yet read).
type FeatureError struct {
	Code   string
	Index  int
	ID     string
	Offset int64
	Line   int
	Detail string

	ProblemOffset int64
	ProblemLine   int
	ProblemCol    int
}

func (e *FeatureError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "geojson: feature %d", e.Index)
	if e.ID != "" {
		fmt.Fprintf(&b, " (id %s)", strconv.Quote(e.ID))
	}
	if e.ProblemLine > 0 {
		fmt.Fprintf(&b, " at line %d, column %d", e.ProblemLine, e.ProblemCol)
	} else if e.Line > 0 {
		fmt.Fprintf(&b, " at line %d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Code)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// LateCRSError is returned by Next when a FeatureCollection's legacy "crs"
// member follows its "features" array: the features already returned were
// read without knowing their CRS. CRS is the value also reported by
// Reader.CRS. The caller should discard what it read and start again with
// the CRS known; calling Next again continues (normally with io.EOF).
type LateCRSError struct {
	CRS string
}

func (e *LateCRSError) Error() string {
	return fmt.Sprintf("geojson: crs member %s comes after the features; read the file again with this crs", strconv.Quote(e.CRS))
}

// describeByte names a byte for an error message.
func describeByte(c byte) string {
	switch {
	case c == '"':
		return `'"'`
	case c >= 0x21 && c < 0x7f:
		return "'" + string(rune(c)) + "'"
	case c == ' ':
		return "a space"
	case c == '\n':
		return "a line break"
	default:
		return fmt.Sprintf("byte 0x%02x", c)
	}
}
