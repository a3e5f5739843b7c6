package proximity

import "fmt"

// Error codes carried by *Error, stable for callers and translations.
const (
	// CodeNoLines: the line set has no line with at least two distinct vertices.
	CodeNoLines = "no-lines"
	// CodeEmptyGeometry: the measured geometry has no coordinates (or is not
	// a geometry this package measures).
	CodeEmptyGeometry = "empty-geometry"
	// CodeBadDistance: a distance that is negative, NaN or infinite.
	CodeBadDistance = "bad-distance"
	// CodeBadCoordinate: a coordinate that is not finite or outside ±180/±90.
	CodeBadCoordinate = "bad-coordinate"
	// CodeProjection: the geometry cannot be projected into the Gauss-Kruger
	// zone measured in (too far from its central meridian, or outside the
	// CGCS2000 zones 25–45); Err is the *crs.Error.
	CodeProjection = "projection"
)

// Error is the error type of this package.
type Error struct {
	Code   string
	Detail string
	Err    error
}

func (e *Error) Error() string {
	msg := "proximity: " + e.Code
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

func newError(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...), Err: err}
}
