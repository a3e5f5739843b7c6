package corners

import (
	"fmt"
	"strings"
)

// Error codes of *Error.
const (
	CodeEmpty         = "empty"           // no coordinates at all
	CodeEncoding      = "encoding"        // text that is neither UTF-8, UTF-16 nor GBK, or binary bytes
	CodeBadLine       = "bad-line"        // a line that reads as no coordinate, header or attribute
	CodeBadNumber     = "bad-number"      // a number that is out of every plausible range
	CodeMixedUnits    = "mixed-units"     // metres and degrees in one file
	CodeMixedZones    = "mixed-zones"     // eastings with different zone prefixes, or with and without
	CodeRingNotClosed = "ring-not-closed" // a ring whose last point does not repeat its first
	CodeRingTooShort  = "ring-too-short"  // a ring with fewer than 3 distinct corners
	CodeEmptyParcel   = "empty-parcel"    // a parcel header followed by no points
	CodeShape         = "shape"           // a parcel that is a line or point (图形属性 线/点), not an area
	CodeZoneMismatch  = "zone-mismatch"   // 带号 (or the caller's zone) differs from the eastings' prefix
	CodeZoneNeeded    = "zone-needed"     // eastings without prefix, no 带号 and no coordinate system given
	CodeBadZone       = "bad-zone"        // a 带号 or 几度分带 outside the supported zones
	CodeUnsupported   = "unsupported-crs" // a 坐标系 or EPSG code this program cannot convert
	CodeCRSMismatch   = "crs-mismatch"    // the caller's coordinate system does not fit the numbers
	CodeOutOfZone     = "out-of-zone"     // a point too far from its zone's central meridian
)

// Warning codes of *Warning.
const (
	WarnSwapped     = "swapped"      // X and Y were written the wrong way round; fixed
	WarnSkipped     = "skipped-line" // a header or text line was ignored
	WarnPointCount  = "point-count"  // 界址点数 differs from the points that follow
	WarnUnit        = "unit"         // 计量单位 disagrees with the numbers; the numbers win
	WarnCRSSibling  = "crs-sibling"  // the caller's GK system was taken with (or without) the zone prefix the numbers carry
	WarnCRSOverride = "crs-override" // the caller's coordinate system replaces the one the file declares
	WarnNoAt        = "header-no-at" // a parcel header line without the final @
)

// Error is one line that cannot be read, or a file-level problem.
type Error struct {
	Code   string
	Line   int    // 1-based; 0 when no single line is to blame
	Text   string // the line as written (shortened), or the attribute concerned
	Detail string // language-neutral extra: numbers, codes
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("corners: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.Code)
	if e.Detail != "" {
		b.WriteString(" (" + e.Detail + ")")
	}
	if e.Text != "" {
		fmt.Fprintf(&b, ": %q", e.Text)
	}
	return b.String()
}

// Warning is something read but fixed or ignored.
type Warning struct {
	Code   string
	Line   int
	Text   string
	Detail string
}

func (w *Warning) String() string {
	e := Error(*w)
	return strings.Replace(e.Error(), "corners: ", "corners: warning: ", 1)
}

// Errors is every error of a parse, in line order; the first is the one to
// show when there is room for one. More says the parse stopped at
// Options.MaxErrors.
type Errors struct {
	List []*Error
	More bool
}

func (e *Errors) Error() string {
	if len(e.List) == 0 {
		return "corners: no error"
	}
	s := e.List[0].Error()
	if n := len(e.List) - 1; n > 0 || e.More {
		more := ""
		if e.More {
			more = "+"
		}
		s += fmt.Sprintf(" (and %d%s more)", n, more)
	}
	return s
}

// Unwrap gives the individual errors, so errors.As finds the first *Error.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, x := range e.List {
		out[i] = x
	}
	return out
}

// First is the first error.
func (e *Errors) First() *Error {
	if len(e.List) == 0 {
		return nil
	}
	return e.List[0]
}

// shorten keeps error text readable: at most 80 characters.
func shorten(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:77]) + "…"
	}
	return s
}
