package app

import (
	"errors"

	"minerehab/app/i18n"
	"minerehab/models"
)

// SurveyMessage words an error of the screening, nature-reserve and survey
// use cases in the user's language (a bad distance, a river selection that
// matches nothing, an unknown saved screening…), and any other error as
// Message does.
func SurveyMessage(l i18n.Lang, err error) string {
	if s, ok := surveyMessage(l, err); ok {
		return s
	}
	return Message(l, err)
}

// surveyMessage words screening, reserve and survey errors; ok is false
// for other errors (Message calls it).
func surveyMessage(l i18n.Lang, err error) (string, bool) {
	var se *models.ScreenError
	if errors.As(err, &se) {
		return i18n.T(l, "err.screen."+se.Code, i18n.Args{"detail": se.Detail, "max": models.MaxScreenDistanceM}), true
	}
	if errors.Is(err, ErrNoScreening) {
		return i18n.T(l, "err.screen.unsupported", nil), true
	}
	var sv *models.SurveyError
	if errors.As(err, &sv) {
		return i18n.T(l, "err.survey."+sv.Code, i18n.Args{"field": sv.Field, "value": sv.Value}), true
	}
	if errors.Is(err, ErrNoSurveys) {
		return i18n.T(l, "err.survey.unsupported", nil), true
	}
	if errors.Is(err, ErrNoReserveCheck) {
		return i18n.T(l, "err.reserve.unsupported", nil), true
	}
	return "", false
}
