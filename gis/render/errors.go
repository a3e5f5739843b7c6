package render

import "fmt"

// Error codes carried by *Error. The app maps them to user-facing text.
const (
	// CodeBadView: a View that cannot be drawn (non-finite centre, latitude
	// beyond ±89°, non-positive or non-finite MetresPerPixel, or a size that
	// is not positive or exceeds MaxViewSize).
	CodeBadView = "bad-view"
	// CodeCanceled: Draw stopped because its context was cancelled; the
	// canvas holds a partial picture.
	CodeCanceled = "canceled"
	// CodeBadFont: font data that cannot be parsed.
	CodeBadFont = "bad-font"
)

// Error is the error type returned by this package.
type Error struct {
	Code string // one of the Code* constants
	Err  error  // underlying cause, may be nil
}

func (e *Error) Error() string {
	if e.Err != nil {
		return "render: " + e.Code + ": " + e.Err.Error()
	}
	return "render: " + e.Code
}

func (e *Error) Unwrap() error { return e.Err }

func newError(code string, format string, args ...any) *Error {
	var err error
	if format != "" {
		err = fmt.Errorf(format, args...)
	}
	return &Error{Code: code, Err: err}
}
