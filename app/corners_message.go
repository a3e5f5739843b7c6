package app

import (
	"errors"

	"minerehab/app/i18n"
	"minerehab/gis/corners"
)

// CornerMessage words one error of a corner-coordinate text: where (the
// line and what it says) and why, in the user's language.
func CornerMessage(l i18n.Lang, e *corners.Error) string {
	return cornerSentence(l, e.Code, e.Line, e.Text, e.Detail)
}

// CornerWarningMessage words a warning of a corner-coordinate text (X and Y
// swapped and fixed, a header line skipped, …).
func CornerWarningMessage(l i18n.Lang, w *corners.Warning) string {
	return cornerSentence(l, w.Code, w.Line, w.Text, w.Detail)
}

func cornerSentence(l i18n.Lang, code string, line int, text, detail string) string {
	reason := i18n.T(l, "corners.reason."+code, i18n.Args{"detail": detail})
	if reason == "corners.reason."+code {
		reason = code
		if detail != "" {
			reason += " (" + detail + ")"
		}
	}
	if line <= 0 {
		if text != "" {
			return i18n.T(l, "corners.at-text", i18n.Args{"text": text, "reason": reason})
		}
		return reason
	}
	return i18n.T(l, "corners.at-line", i18n.Args{"line": line, "text": text, "reason": reason})
}

// cornersReason is the reason part of a file message whose error comes
// from the corners parser: the first error, and how many more there are.
// ok is false for other errors.
func cornersReason(l i18n.Lang, err error) (string, bool) {
	var es *corners.Errors
	if !errors.As(err, &es) || len(es.List) == 0 {
		return "", false
	}
	r := CornerMessage(l, es.List[0])
	if n := len(es.List) - 1; n > 0 || es.More {
		key := "corners.more"
		if es.More {
			key = "corners.more-plus"
		}
		r += i18n.T(l, key, i18n.Args{"count": n})
	}
	return r, true
}
