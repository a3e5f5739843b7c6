package gui

import (
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The survey list's printed outputs for the district chosen in it (or
// every district): a dossier PDF per site (location plate, every field,
// photos) into a folder, and the district summary table as XLSX or CSV.
// Both are written by app (the same code as `minerehab survey dossier` and
// `survey table`) on the I/O worker.

// outputButtons are the list window's dossier and table buttons.
func (sl *surveyList) outputButtons() (dossiers, table *widget.Button) {
	dossiers = widget.NewButtonWithIcon("", theme.DocumentPrintIcon(), sl.pickDossierFolder)
	table = widget.NewButtonWithIcon("", theme.GridIcon(), sl.pickTable)
	return dossiers, table
}

// districtName is the chosen district, or "all" in the user's language.
func (sl *surveyList) districtName() string {
	if sl.choice != "" {
		return sl.choice
	}
	return sl.su.m.t("surveyform.list.all_short", nil)
}

// pickDossierFolder asks for the folder to write the dossiers into.
func (sl *surveyList) pickDossierFolder() {
	m := sl.su.m
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		sl.writeDossiers(u.Path())
	}, sl.win)
	m.setupFileDialogIn(d, sl.win, nil, "surveyout.dossiers_ok")
	d.Show()
}

// writeDossiers writes the chosen district's dossiers into dir.
func (sl *surveyList) writeDossiers(dir string) {
	m := sl.su.m
	district, lang := sl.choice, m.lang
	sl.summary.SetText(m.t("surveyout.writing", nil))
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		files, err := app.WriteDistrictDossiers(m.ctx, m.store, district, lang, dir)
		m.ui(func() {
			sl.show()
			if err != nil {
				sl.message(true, m.t("surveyout.failed", nil), m.errorText(err))
				return
			}
			sl.message(false, m.t("surveyout.done_title", nil), m.t("surveyout.dossiers_done", i18n.Args{"n": len(files), "dir": dir}))
			m.status.show("surveyout.dossiers_done", i18n.Args{"n": len(files), "dir": dir})
		})
	})
}

// pickTable asks where to write the summary table (.xlsx or .csv).
func (sl *surveyList) pickTable() {
	m := sl.su.m
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		sl.writeTable(path)
	}, sl.win)
	m.setupFileDialogIn(d, sl.win, storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}), "surveyout.table_ok")
	d.SetFileName(m.t("surveyout.table_name", i18n.Args{"district": sl.districtName(), "date": models.Today().String()}) + ".xlsx")
	d.Show()
}

// writeTable writes the chosen district's table to path, whole or not at
// all (a temporary file renamed when complete).
func (sl *surveyList) writeTable(path string) {
	m := sl.su.m
	format := app.SurveyTableXLSX
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		format = app.SurveyTableCSV
	}
	district, lang := sl.choice, m.lang
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		err := app.WriteFileAtomic(path, func(w io.Writer) error {
			return app.WriteSurveyTable(m.ctx, m.store, district, format, lang, w)
		})
		m.ui(func() {
			if err != nil {
				sl.message(true, m.t("surveyout.failed", nil), m.errorText(err))
				return
			}
			sl.message(false, m.t("surveyout.done_title", nil), m.t("surveyout.table_done", i18n.Args{"path": path}))
			m.status.show("surveyout.table_done", i18n.Args{"path": path})
		})
	})
}
