package crs

import "fmt"

// Error codes carried by *Error. The app maps them to user-facing text.
const (
	// CodeUnsupportedCRS: the CRS is well formed but not one this package implements.
	CodeUnsupportedCRS = "unsupported-crs"
	// CodeBadCRSName: the CRS string could not be understood at all.
	CodeBadCRSName = "bad-crs-name"
	// CodeOutOfZone: the point is too far (more than MaxCMDistance degrees of
	// longitude) from the central meridian of a transverse Mercator CRS, or an
	// easting/northing maps outside that range.
	CodeOutOfZone = "out-of-zone"
	// CodeOutOfRange: latitude beyond ±90°, longitude beyond ±180°, or a
	// latitude the projection cannot represent (Web Mercator poles).
	CodeOutOfRange = "out-of-range"
	// CodeBadCoordinate: a coordinate is NaN or infinite.
	CodeBadCoordinate = "bad-coordinate"
	// CodeBadZone: a zone number outside the supported Gauss-Kruger zones.
	CodeBadZone = "bad-zone"
)

// Error is the error type returned by this package.
type Error struct {
	Code  string // one of the Code* constants
	Input string // the offending input (CRS string, code or coordinate), as text
	Err   error  // underlying cause, may be nil
}

func (e *Error) Error() string {
	msg := "crs: " + e.Code
	if e.Input != "" {
		msg += fmt.Sprintf(" %q", e.Input)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

func newError(code, input, format string, args ...any) *Error {
	var err error
	if format != "" {
		err = fmt.Errorf(format, args...)
	}
	return &Error{Code: code, Input: input, Err: err}
}

func coordInput(a, b float64) string {
	return fmt.Sprintf("%g %g", a, b)
}
