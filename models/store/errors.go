package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"minerehab/models"
)

// Error codes carried by *Error, stable for callers and translations.
const (
	CodeNoFile        = "store-no-file"
	CodeNotSQLite     = "store-not-sqlite"
	CodeNotProject    = "store-not-project"
	CodeCorrupt       = "store-corrupt" // SQLite, but damaged; wraps models.ErrNotSQLite
	CodeTooNew        = "store-too-new"
	CodeReadOnly      = "store-read-only"
	CodeLocked        = "store-locked"
	CodeExists        = "store-exists"
	CodeUnknownLayer  = "store-unknown-layer"
	CodeGeometryType  = "store-geometry-type" // the geometry does not fit the layer
	CodeNoGeometry    = "store-no-geometry"
	CodeEmptyGeometry = "store-empty-geometry"
	CodeEncode        = "store-encode" // the geometry cannot be encoded (NaN, infinite...)
	CodeImportBusy    = "store-import-busy"
	CodeImportDone    = "store-import-done" // Put after Commit or Rollback
	CodeBadProperties = "store-bad-properties"
	CodeSQL           = "store-sql" // an unexpected database error
)

// Error is the typed error of this package. Errors of opening wrap the
// sentinels of package models (models.ErrNoFile, ErrNotSQLite, ...), so
// errors.Is works on them; Code tells every case apart.
type Error struct {
	Code string
	Op   string // what was being done, e.g. "open", "put"
	Path string // the project file
	Err  error  // the cause: a models sentinel, a gpkg or SQLite error
}

func (e *Error) Error() string {
	msg := "store: " + e.Op
	if e.Path != "" {
		msg += " " + e.Path
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// sentinelCodes gives the code of each models sentinel.
var sentinelCodes = map[error]string{
	models.ErrNoFile:     CodeNoFile,
	models.ErrNotSQLite:  CodeNotSQLite,
	models.ErrNotProject: CodeNotProject,
	models.ErrTooNew:     CodeTooNew,
	models.ErrReadOnly:   CodeReadOnly,
	models.ErrLocked:     CodeLocked,
}

// refuse builds the error of a refused open: the sentinel, with detail.
func refuse(op, path string, sentinel error, format string, args ...any) error {
	err := sentinel
	if format != "" {
		err = fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
	}
	return &Error{Code: sentinelCodes[sentinel], Op: op, Path: path, Err: err}
}

// sqliteCode returns the primary SQLite result code of err, 0 if none.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// classify turns SQLite's busy, read-only and not-a-database errors into
// the models sentinels; anything else becomes CodeSQL.
func classify(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var own *Error
	if errors.As(err, &own) {
		return err
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &Error{Code: CodeLocked, Op: op, Path: path, Err: fmt.Errorf("%w: %w", models.ErrLocked, err)}
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return &Error{Code: CodeReadOnly, Op: op, Path: path, Err: fmt.Errorf("%w: %w", models.ErrReadOnly, err)}
	case sqlite3.SQLITE_NOTADB:
		return &Error{Code: CodeNotSQLite, Op: op, Path: path, Err: fmt.Errorf("%w: %w", models.ErrNotSQLite, err)}
	case sqlite3.SQLITE_CORRUPT:
		return &Error{Code: CodeCorrupt, Op: op, Path: path, Err: fmt.Errorf("%w: the database is damaged: %w", models.ErrNotSQLite, err)}
	}
	return &Error{Code: CodeSQL, Op: op, Path: path, Err: err}
}
