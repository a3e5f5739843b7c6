package basemap

import (
	"errors"
	"fmt"
)

// ErrNoTile is returned by Source.Tile when the source has no tile at the
// address asked for. It is not an error to show: the area is simply blank.
var ErrNoTile = errors.New("no tile")

// Error codes carried by *Error. The app maps them to user-facing text.
const (
	// CodeNotFound: the path does not exist.
	CodeNotFound = "not-found"
	// CodeUnknownFormat: the path is not a tile source this package reads;
	// the message says what it looks like instead.
	CodeUnknownFormat = "unknown-format"
	// CodeCorrupt: the file is of a known format but damaged (bad header,
	// directory or tile bytes, offsets beyond the end of the file).
	CodeCorrupt = "corrupt"
	// CodeUnsupported: a known format holding something this package cannot
	// draw: vector tiles (MVT), WebP or AVIF images, brotli or zstd
	// compression, PMTiles version 1 or 2, a non-Mercator tiling.
	CodeUnsupported = "unsupported"
)

// Error is the error type of Open and of Source.Tile (other than ErrNoTile).
type Error struct {
	Code string // one of the Code* constants
	Path string // the file or folder concerned
	Err  error  // what exactly; may be nil
}

func (e *Error) Error() string {
	s := "basemap: " + e.Code
	if e.Path != "" {
		s += ": " + e.Path
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

func newError(code, path, format string, args ...any) *Error {
	var err error
	if format != "" {
		err = fmt.Errorf(format, args...)
	}
	return &Error{Code: code, Path: path, Err: err}
}
