package app

import (
	"errors"

	"minerehab/app/i18n"
	"minerehab/gis/basemap"
	"minerehab/gis/coord"
	"minerehab/gis/topo"
	"minerehab/models"
)

// editMessage words the errors of editing, selecting and going to a
// coordinate; ok is false for other errors.
func editMessage(l i18n.Lang, err error) (string, bool) {
	var ae *models.AttrError
	var ce *coord.Error
	var fe *models.FormError
	var de *DrawError
	var te *topo.Error
	var be *basemap.Error
	switch {
	case errors.As(err, &be):
		return i18n.T(l, "err.basemap."+be.Code, i18n.Args{"path": be.Path, "detail": rootText(be.Err)}), true
	case errors.As(err, &fe):
		return i18n.T(l, "err.form."+fe.Code, i18n.Args{"field": i18n.T(l, "form."+fe.Key, nil), "value": fe.Value}), true
	case errors.As(err, &de):
		return i18n.T(l, "err.draw."+de.Code, nil), true
	case errors.Is(err, topo.ErrNoSplit):
		return i18n.T(l, "err.topo.no-split", nil), true
	case errors.As(err, &te):
		return i18n.T(l, "err.topo."+te.Code, i18n.Args{"detail": te.Err.Error()}), true
	case errors.As(err, &ae):
		return i18n.T(l, "err.attr."+ae.Code, i18n.Args{"field": FieldLabel(l, ae.Key), "value": ae.Value, "max": models.MaxAttrLen}), true
	case errors.As(err, &ce):
		return i18n.T(l, "err.coord."+ce.Code, i18n.Args{"input": ce.Input}), true
	case errors.Is(err, models.ErrEditConflict):
		return i18n.T(l, "err.edit.conflict", nil), true
	case errors.Is(err, models.ErrNoFeature):
		return i18n.T(l, "err.edit.no-feature", nil), true
	case errors.Is(err, models.ErrNothingToUndo):
		return i18n.T(l, "err.edit.nothing-to-undo", nil), true
	case errors.Is(err, models.ErrNothingToRedo):
		return i18n.T(l, "err.edit.nothing-to-redo", nil), true
	case errors.Is(err, ErrNotEditable), errors.Is(err, models.ErrReadOnly):
		return i18n.T(l, "err.edit.read-only", nil), true
	}
	return "", false
}

// FieldLabel is the name of a mapped field (name, licence, …) in the
// user's language; a property key is shown as it is.
func FieldLabel(l i18n.Lang, key string) string {
	if _, ok := models.FieldOf(key); ok {
		return i18n.T(l, "field."+key, nil)
	}
	return key
}

// rootText is the innermost error's text.
func rootText(err error) string {
	if err == nil {
		return ""
	}
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}
