package app

import (
	"context"
	"errors"

	"minerehab/app/i18n"
	"minerehab/gis/pdf"
	"minerehab/gis/plate"
)

// PlateMessage translates an error of making a plate into l, or returns
// "" when err is not one of the plate errors (the caller then uses
// Message).
func PlateMessage(l i18n.Lang, err error) string {
	var ape *AtlasPageError
	prefix := ""
	if errors.As(err, &ape) {
		prefix = i18n.T(l, "plate.err.page", i18n.Args{"n": ape.Page, "name": ape.Name}) + " "
	}
	var ee *PlateExtentError
	var te *PlateTemplateError
	var pe *plate.Error
	var fe *pdf.Error
	switch {
	case errors.Is(err, ErrNoPlateFont):
		return prefix + i18n.T(l, "plate.err.no-font", nil)
	case errors.Is(err, context.Canceled):
		return prefix + i18n.T(l, "plate.err.canceled", nil)
	case errors.As(err, &ee):
		return prefix + i18n.T(l, "plate.err.extent."+ee.Code, i18n.Args{"extent": ee.Spec})
	case errors.As(err, &te):
		detail := ""
		if te.Err != nil {
			detail = te.Err.Error()
		}
		return prefix + i18n.T(l, "plate.err.template."+te.Code, i18n.Args{"name": te.Name, "detail": detail})
	case errors.As(err, &pe):
		switch pe.Code {
		case plate.CodeScaleTooBig:
			if pe.Scale > 0 {
				return prefix + i18n.T(l, "plate.err.scale-too-big", i18n.Args{"fits": plate.FormatScale(pe.Scale)})
			}
			return prefix + i18n.T(l, "plate.err.bad-scale", nil)
		case plate.CodeEmptyExtent:
			return prefix + i18n.T(l, "plate.err.extent.empty-extent", i18n.Args{"extent": ""})
		case plate.CodeBadPaper:
			return prefix + i18n.T(l, "plate.err.bad-paper", nil)
		case plate.CodeTooLarge:
			return prefix + i18n.T(l, "plate.err.too-large", i18n.Args{"detail": pe.Err.Error()})
		}
		return prefix + pe.Error()
	case errors.As(err, &fe):
		return prefix + fe.Error()
	}
	if prefix != "" {
		return prefix + Message(l, ape.Err)
	}
	return ""
}
