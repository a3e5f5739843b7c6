package app

import (
	"errors"

	"minerehab/app/i18n"
	"minerehab/models"
)

// PlanMessage words an error of the planning use cases in the user's
// language (a bad row of a spreadsheet with its file and row number, an
// unknown licence, an impossible date…), and any other error as Message does.
func PlanMessage(l i18n.Lang, err error) string {
	if s, ok := planMessage(l, err); ok {
		return s
	}
	return Message(l, err)
}

// planMessage words planning errors; ok is false for other errors.
func planMessage(l i18n.Lang, err error) (string, bool) {
	var pe *models.PlanError
	if errors.As(err, &pe) {
		field := pe.Field
		if field == "" {
			field = "value"
		}
		{
			if s := i18n.T(l, "plan.field."+field, nil); s != "plan.field."+field {
				field = s
			}
		}
		detail := pe.Detail
		if s := i18n.T(l, "plan.detail."+detail, nil); detail != "" && s != "plan.detail."+detail {
			detail = s
		}
		reason := i18n.T(l, "err.plan."+pe.Code, i18n.Args{"field": field, "value": pe.Value, "detail": detail})
		if pe.Row > 0 {
			reason = i18n.T(l, "err.plan.row", i18n.Args{"row": pe.Row, "reason": reason})
		}
		var fe *RecordFileError
		if errors.As(err, &fe) {
			return i18n.T(l, "err.plan.file", i18n.Args{"file": fe.File, "reason": reason}), true
		}
		return reason, true
	}
	if errors.Is(err, ErrNoPlanning) {
		return i18n.T(l, "err.plan.no-planning", nil), true
	}
	return "", false
}
