package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"minerehab/app/i18n"
	"minerehab/gis/crs"
	"minerehab/gis/geojson"
	"minerehab/models"
)

// ProjectError says which project file an open or write failed on.
type ProjectError struct {
	Path string
	Err  error
}

func (e *ProjectError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *ProjectError) Unwrap() error { return e.Err }

// projectReasons maps the store's sentinel errors to message keys.
var projectReasons = []struct {
	err error
	key string
}{
	{models.ErrNoFile, "err.project.no-file"},
	{models.ErrNotSQLite, "err.project.not-sqlite"},
	{models.ErrNotProject, "err.project.not-project"},
	{models.ErrTooNew, "err.project.too-new"},
	{models.ErrLocked, "err.project.locked"},
	{models.ErrReadOnly, "err.project.read-only"},
}

// Message turns an error into one sentence in the user's language, naming the
// file, the feature and the reason wherever the error knows them.
func Message(l i18n.Lang, err error) string {
	if err == nil {
		return ""
	}
	var fe *FeatureError
	if errors.As(err, &fe) {
		where := i18n.T(l, "err.where.index", i18n.Args{"index": fe.Index})
		if fe.ID != "" {
			where += i18n.T(l, "err.where.id", i18n.Args{"id": fe.ID})
		}
		if fe.Name != "" {
			where += i18n.T(l, "err.where.name", i18n.Args{"name": fe.Name})
		}
		if fe.Line > 0 {
			where += i18n.T(l, "err.where.line", i18n.Args{"line": fe.Line})
		}
		return i18n.T(l, "err.feature", i18n.Args{"file": fe.File, "where": where, "reason": reason(l, fe.Code, fe.Detail)})
	}
	var pe *ProjectError
	if errors.As(err, &pe) {
		for _, r := range projectReasons {
			if errors.Is(err, r.err) {
				return i18n.T(l, r.key, i18n.Args{"path": pe.Path})
			}
		}
		return i18n.T(l, "err.project.other", i18n.Args{"path": pe.Path, "detail": pe.Err.Error()})
	}
	var fle *FileError
	if errors.As(err, &fle) {
		return fileMessage(l, fle)
	}
	if errors.Is(err, ErrCanceled) {
		return i18n.T(l, "err.canceled", nil)
	}
	for _, words := range []func(i18n.Lang, error) (string, bool){geometryMessage, editMessage, planMessage, surveyMessage, plateWords} {
		if s, ok := words(l, err); ok {
			return s
		}
	}
	return err.Error()
}

// plateWords words plate errors (PlateMessage gives "" for others).
func plateWords(l i18n.Lang, err error) (string, bool) {
	s := PlateMessage(l, err)
	return s, s != ""
}

// FeatureReason is why a feature was refused, without the file and place
// (for a table whose other columns say those).
func FeatureReason(l i18n.Lang, fe *FeatureError) string {
	return reason(l, fe.Code, fe.Detail)
}

func fileMessage(l i18n.Lang, e *FileError) string {
	var se *geojson.SyntaxError
	var ce *crs.Error
	var r string
	switch cr, isCorners := cornersReason(l, e.Err); {
	case isCorners:
		r = cr
	case errors.As(e.Err, &se):
		r = i18n.T(l, "reason."+se.Code, i18n.Args{"detail": se.Detail}) +
			i18n.T(l, "err.where.position", i18n.Args{"line": se.Line, "col": se.Col, "offset": se.Offset})
	case errors.As(e.Err, &ce):
		r = i18n.T(l, "reason.crs."+ce.Code, i18n.Args{"detail": ce.Input})
	case errors.Is(e.Err, fs.ErrNotExist):
		r = i18n.T(l, "reason.missing-file", nil)
	case errors.Is(e.Err, fs.ErrPermission) || errors.Is(e.Err, os.ErrPermission):
		r = i18n.T(l, "reason.no-permission", nil)
	default:
		detail := e.Code
		if e.Err != nil {
			detail = e.Err.Error()
		}
		r = reason(l, e.Code, detail)
	}
	if e.File == "" {
		return r
	}
	return i18n.T(l, "err.file", i18n.Args{"file": e.File, "reason": r})
}

// reason translates a machine-readable code; codes without a sentence of
// their own fall back to the detail text.
func reason(l i18n.Lang, code, detail string) string {
	key := "reason." + code
	if s := i18n.T(l, key, i18n.Args{"detail": detail}); s != key {
		return s
	}
	if detail == "" {
		return code
	}
	return fmt.Sprintf("%s (%s)", detail, code)
}
