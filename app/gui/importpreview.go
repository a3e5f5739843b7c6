package gui

import (
	"minerehab/app"
	"minerehab/app/i18n"
)

// showRow says, under the preview, where the feature of a table row goes
// and why (the automatic choice's reason), or in full why it would be
// refused: the table's last column has room for neither. Row 0 is the
// header and leaves the hint.
func (f *importForm) showRow(row int) {
	m := f.m
	if row < 1 || row > len(f.rows) {
		f.detail.SetText(m.t("gui.import.row_hint", nil))
		return
	}
	r := f.rows[row-1]
	args := i18n.Args{"index": formatCount(r.Index + 1)}
	if r.Err != nil {
		args["reason"] = app.FeatureReason(m.lang, r.Err)
		f.detail.SetText(m.t("gui.import.row_refused", args))
		return
	}
	args["layer"] = layerName(m.lang, r.Feature.Layer)
	args["reason"] = app.RouteReason(m.lang, r.Reason)
	f.detail.SetText(m.t("gui.import.row_route", args))
}
