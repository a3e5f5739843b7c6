package plate

import "fmt"

// Error codes, machine-readable so an application can translate them.
const (
	CodeBadPaper    = "plate.bad-paper"     // unknown paper name or size out of range
	CodeEmptyExtent = "plate.empty-extent"  // nothing to show
	CodeScaleTooBig = "plate.scale-too-big" // the extent does not fit the frame at the asked scale
	CodeNoFont      = "plate.no-font"       // no font given
	CodeTooLarge    = "plate.too-large"     // raster output beyond the pixel limit
	CodeCanceled    = "plate.canceled"
)

// Error is an error of this package with a machine-readable Code. For
// CodeScaleTooBig, Scale is the largest scale denominator needed to fit.
type Error struct {
	Code  string
	Scale float64
	Err   error
}

func (e *Error) Error() string { return "plate: " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func newError(code, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
