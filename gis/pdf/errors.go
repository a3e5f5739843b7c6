package pdf

import "fmt"

// Error codes, machine-readable so an application can translate them.
const (
	CodeBadFont     = "pdf.bad-font"     // not a font this package can embed
	CodeCFFFont     = "pdf.cff-font"     // CFF (PostScript) outlines: only TrueType glyf fonts can be subset
	CodeBadArgument = "pdf.bad-argument" // page size, image or other argument out of range
)

// Error is an error of this package with a machine-readable Code.
type Error struct {
	Code string
	Err  error
}

func (e *Error) Error() string { return "pdf: " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func newError(code, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}
