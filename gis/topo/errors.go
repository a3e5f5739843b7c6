package topo

import (
	"errors"
	"fmt"

	"github.com/twpayne/go-geos"
)

// Error codes carried by *Error. The app maps them to user-facing text.
const (
	// CodeInvalidInput: an argument cannot be used: a coordinate that is
	// not finite, a ring with fewer than three distinct positions, a
	// polygon that crosses itself (see MakeValid and Crossings), a distance
	// that is not finite, or data outside the CGCS2000 Gauss-Kruger zones
	// (75°E–135°E) for Buffer.
	CodeInvalidInput = "invalid-input"
	// CodeGEOS: GEOS failed on input it accepted (a topology exception).
	CodeGEOS = "geos"
)

// ErrNoSplit is returned by Split when the line does not cut the polygon
// into at least two parts: it misses the polygon, stops inside it, or only
// runs along its boundary.
var ErrNoSplit = errors.New("topo: line does not split the polygon")

// Error is the error type returned by this package (besides ErrNoSplit).
type Error struct {
	Code string // CodeInvalidInput or CodeGEOS
	Err  error  // the cause, never nil
}

func (e *Error) Error() string {
	return "topo: " + e.Code + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

func invalidf(format string, args ...any) *Error {
	return &Error{Code: CodeInvalidInput, Err: fmt.Errorf(format, args...)}
}

func geosFailed(op string) *Error {
	return &Error{Code: CodeGEOS, Err: fmt.Errorf("geos %s failed", op)}
}

// run calls f with a fresh GEOS context, destroys every geometry f
// registered when it returns, and turns a GEOS error that go-geos raises as
// a panic into an *Error with CodeGEOS. Panics of any other kind are bugs
// and propagate.
func run(op string, f func(s *session) error) (err error) {
	s := &session{ctx: geos.NewContext()}
	defer s.close()
	defer func() {
		if r := recover(); r != nil {
			ge, ok := r.(geos.Error)
			if !ok {
				panic(r)
			}
			err = &Error{Code: CodeGEOS, Err: fmt.Errorf("geos %s: %w", op, ge)}
		}
	}()
	return f(s)
}

// session is one operation's GEOS context and the geometries to free when
// it ends (GEOS memory is invisible to Go's garbage collector, so freeing
// eagerly keeps repeated edits from piling it up until the next GC).
type session struct {
	ctx   *geos.Context
	owned []*geos.Geom
}

// keep registers g for destruction at the end of the session and returns
// it; a nil g (GEOS reported an error) becomes a CodeGEOS *Error.
func (s *session) keep(op string, g *geos.Geom) (*geos.Geom, error) {
	if g == nil {
		return nil, geosFailed(op)
	}
	s.owned = append(s.owned, g)
	return g, nil
}

func (s *session) close() {
	for i := len(s.owned) - 1; i >= 0; i-- {
		s.owned[i].Destroy()
	}
	s.owned = nil
}
