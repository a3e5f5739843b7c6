package app

import (
	"errors"
	"fmt"
)

// FeatureError says why one feature of a file could not be imported.
type FeatureError struct {
	File   string
	Index  int    // 0-based position in the file
	ID     string // the feature's id, if it had one
	Name   string // its mapped name, if any
	Line   int    // 1-based line where it starts, 0 if unknown
	Code   string // machine-readable reason, e.g. "self-intersection"
	Detail string
	Err    error
}

func (e *FeatureError) Error() string {
	s := fmt.Sprintf("%s: feature %d", e.File, e.Index)
	if e.ID != "" {
		s += " (id " + e.ID + ")"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" at line %d", e.Line)
	}
	s += ": " + e.Code
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func (e *FeatureError) Unwrap() error { return e.Err }

// FileError says why a whole file could not be imported.
type FileError struct {
	File string
	Code string // e.g. "missing-file", "crs-needed", or the reader's code
	Err  error
}

func (e *FileError) Error() string {
	if e.Err != nil {
		return e.File + ": " + e.Err.Error()
	}
	return e.File + ": " + e.Code
}

func (e *FileError) Unwrap() error { return e.Err }

// ErrCanceled is returned when the caller cancels an import; nothing is written.
var ErrCanceled = errors.New("import canceled")
