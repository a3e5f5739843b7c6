package gui

import (
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// surveyList is the survey list window (Tools → Field survey → Survey
// records…): the records by district with date, disturbance, priority and
// photo count; a click on a row opens its form. From here the bureau
// exports a district's package for the consultants and imports it back.
type surveyList struct {
	su       *surveyUI
	win      fyne.Window
	district *widget.Select // "all" or one district
	onMap    *widget.Check  // the survey sites on the map
	table    *widget.Table
	summary  *widget.Label
	export   *widget.Button
	imp      *widget.Button
	resolve  *widget.Button
	dossiers *widget.Button // surveyoutput.go
	tableOut *widget.Button

	rows      []*models.Survey // the rows shown, by district then newest first
	districts []string         // the districts in the filter, in order
	choice    string           // the district chosen, "" for all
}

// listColumns are the table's columns.
var listColumns = []string{"district", "site_name", "survey_date", "disturbance", "priority", "photos"}

// showSurveyList opens (or raises) the survey list window.
func (m *MainWindow) showSurveyList() {
	if m.path == "" || m.busy {
		return
	}
	su := m.surveys
	if su.list != nil {
		su.list.win.RequestFocus()
		return
	}
	sl := &surveyList{su: su, win: m.app.NewWindow("")}
	sl.district = widget.NewSelect(nil, func(string) { sl.pickDistrict() })
	sl.onMap = widget.NewCheck("", func(on bool) { su.setHidden(!on) })
	sl.onMap.SetChecked(!su.hidden)
	sl.summary = widget.NewLabel("")
	sl.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(sl.rows), len(listColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(sl.cell(id.Row, id.Col))
		})
	sl.table.ShowHeaderColumn = false
	sl.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	sl.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(sl.header(id.Col))
		}
	}
	for i, w := range []float32{110, 200, 110, 110, 110, 60} {
		sl.table.SetColumnWidth(i, w)
	}
	sl.table.OnSelected = func(id widget.TableCellID) {
		sl.table.UnselectAll()
		sl.openRow(id.Row)
	}
	sl.export = widget.NewButtonWithIcon("", theme.DocumentSaveIcon(), sl.pickExport)
	sl.imp = widget.NewButtonWithIcon("", theme.FolderOpenIcon(), sl.pickImport)
	sl.resolve = widget.NewButtonWithIcon("", theme.WarningIcon(), func() { su.showConflicts(sl.win) })
	wide := canvas.NewRectangle(color.Transparent)
	wide.SetMinSize(fyne.NewSize(220, 0))
	top := container.NewBorder(nil, nil, nil, sl.onMap, container.NewHBox(container.NewStack(wide, sl.district), sl.summary))
	sl.dossiers, sl.tableOut = sl.outputButtons()
	bottom := container.NewHBox(sl.export, sl.imp, sl.resolve, sl.dossiers, sl.tableOut)
	sl.win.SetContent(container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, sl.table))
	sl.win.Resize(fyne.NewSize(760, 520))
	sl.win.SetOnClosed(func() {
		if su.list == sl {
			su.list = nil
		}
	})
	su.list = sl
	sl.relabel()
	sl.win.Show()
	su.reload()
}

// relabel puts every label in the window's language.
func (sl *surveyList) relabel() {
	m := sl.su.m
	sl.win.SetTitle(m.t("surveyform.list.title", nil))
	sl.onMap.Text = m.t("surveyform.list.show", nil)
	sl.onMap.Refresh()
	sl.export.SetText(m.t("surveyform.list.export", nil))
	sl.imp.SetText(m.t("surveyform.list.import", nil))
	sl.dossiers.SetText(m.t("surveyout.dossiers", nil))
	sl.tableOut.SetText(m.t("surveyout.table", nil))
	sl.show()
}

func (sl *surveyList) header(col int) string {
	if listColumns[col] == "photos" {
		return sl.su.m.t("surveyform.field.photos", nil)
	}
	return fieldLabel(sl.su.m.lang, listColumns[col])
}

func (sl *surveyList) cell(row, col int) string {
	if row < 0 || row >= len(sl.rows) {
		return ""
	}
	s := sl.rows[row]
	if listColumns[col] == "photos" {
		return formatCount(sl.su.photos[s.UID])
	}
	return fieldText(sl.su.m.lang, s, listColumns[col])
}

// show fills the district filter and the rows from the loaded records.
func (sl *surveyList) show() {
	su, m := sl.su, sl.su.m
	count := map[string]int{}
	for _, s := range su.all {
		count[s.District]++
	}
	sl.districts = sl.districts[:0]
	for d := range count {
		sl.districts = append(sl.districts, d)
	}
	sort.Strings(sl.districts)
	opts := []string{m.t("surveyform.list.all", i18n.Args{"n": len(su.all)})}
	sel := opts[0]
	for _, d := range sl.districts {
		name := d
		if name == "" {
			name = m.t("surveyform.list.no_district", nil)
		}
		opts = append(opts, m.t("surveyform.list.district", i18n.Args{"name": name, "n": count[d]}))
		if d == sl.choice {
			sel = opts[len(opts)-1]
		}
	}
	if sl.choice != "" && count[sl.choice] == 0 {
		sl.choice = ""
	}
	sl.district.OnChanged = nil
	sl.district.Options = opts
	sl.district.SetSelected(sel)
	sl.district.OnChanged = func(string) { sl.pickDistrict() }

	sl.rows = sl.rows[:0]
	for _, s := range su.all {
		if sl.choice == "" || s.District == sl.choice {
			sl.rows = append(sl.rows, s)
		}
	}
	sort.SliceStable(sl.rows, func(i, j int) bool {
		a, b := sl.rows[i], sl.rows[j]
		if a.District != b.District {
			return a.District < b.District
		}
		if a.Date != b.Date {
			return a.Date > b.Date
		}
		return a.SiteName < b.SiteName
	})
	sl.summary.SetText(m.t("surveyform.list.summary", i18n.Args{"n": len(sl.rows)}))
	sl.resolve.SetText(m.t("surveyform.list.conflicts", i18n.Args{"n": su.conflicts}))
	if su.conflicts == 0 {
		sl.resolve.Disable()
	} else {
		sl.resolve.Enable()
	}
	sl.export.Enable()
	if len(sl.rows) == 0 {
		sl.export.Disable()
	}
	sl.table.Refresh()
}

// pickDistrict follows the district filter.
func (sl *surveyList) pickDistrict() {
	i := sl.district.SelectedIndex()
	sl.choice = ""
	if i > 0 && i-1 < len(sl.districts) {
		sl.choice = sl.districts[i-1]
	}
	sl.show()
}

// openRow opens the form of a row's record and shows its site.
func (sl *surveyList) openRow(row int) {
	if row < 0 || row >= len(sl.rows) {
		return
	}
	s := sl.rows[row]
	sl.su.zoomTo(s)
	sl.su.openForm(s)
	sl.su.m.win.RequestFocus()
}

// pickExport asks where to write the package of the chosen district.
func (sl *surveyList) pickExport() {
	m := sl.su.m
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		// The dialog leaves an empty file; the package is a new file.
		if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
			os.Remove(path)
		}
		sl.exportTo(path)
	}, sl.win)
	m.setupFileDialogIn(d, sl.win, gpkgFilter, "surveyform.list.export_ok")
	d.SetFileName(m.t("surveyform.list.package_name", i18n.Args{"district": sl.districtName(), "date": models.Today().String()}) + ".gpkg")
	d.Show()
}

// exportTo writes the package of the chosen district to path.
func (sl *surveyList) exportTo(path string) {
	m := sl.su.m
	district := sl.choice
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		n, err := app.ExportSurveyPackage(m.ctx, m.store, path, district)
		m.ui(func() {
			if err != nil {
				sl.message(true, m.t("surveyform.list.export_failed", nil), m.errorText(err))
				return
			}
			sl.message(false, m.t("surveyform.list.exported_title", nil), m.t("surveyform.list.exported", i18n.Args{"n": n, "path": path}))
			m.status.show("surveyform.list.exported", i18n.Args{"n": n, "path": path})
		})
	})
}

// pickImport asks for a package to merge back.
func (sl *surveyList) pickImport() {
	m := sl.su.m
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		sl.importFrom(path)
	}, sl.win)
	m.setupFileDialogIn(d, sl.win, gpkgFilter, "surveyform.list.import_ok")
	d.Show()
}

// importFrom merges a package and shows the report; a package from
// another project, a newer program or not a package at all is refused
// with the reason, and nothing changes.
func (sl *surveyList) importFrom(path string) {
	su, m := sl.su, sl.su.m
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		rep, err := app.ImportSurveyPackage(m.ctx, m.store, path)
		m.ui(func() {
			if err != nil {
				sl.message(true, m.t("surveyform.import.failed", i18n.Args{"file": filepath.Base(path)}), m.errorText(err))
				return
			}
			su.reload()
			sl.showReport(rep)
		})
	})
}

// reportText words an import report: the counts, then the conflicts by name.
func reportText(l i18n.Lang, rep *models.SurveyImport) string {
	lines := []string{i18n.T(l, "surveyform.import.report", i18n.Args{"added": len(rep.Added), "updated": len(rep.Updated),
		"unchanged": len(rep.Unchanged), "kept": len(rep.KeptMine), "conflicts": len(rep.Conflicts), "photos": rep.Photos})}
	for _, c := range rep.Conflicts {
		name := c.UID
		if c.Mine != nil && c.Mine.SiteName != "" {
			name = c.Mine.SiteName
		}
		lines = append(lines, i18n.T(l, "surveyform.import.conflict", i18n.Args{"name": name}))
	}
	if len(rep.Conflicts) > 0 {
		lines = append(lines, i18n.T(l, "surveyform.import.decide", nil))
	}
	return strings.Join(lines, "\n")
}

// showReport shows what an import did, with a way to the conflicts.
func (sl *surveyList) showReport(rep *models.SurveyImport) {
	m := sl.su.m
	body := widget.NewLabel(reportText(m.lang, rep))
	body.Wrapping = fyne.TextWrapWord
	title := m.t("surveyform.import.title", i18n.Args{"file": filepath.Base(rep.Package)})
	if len(rep.Conflicts) == 0 {
		d := dialog.NewCustom(title, m.t("gui.button.ok", nil), body, sl.win)
		d.Resize(fyne.NewSize(480, d.MinSize().Height))
		d.Show()
		return
	}
	d := dialog.NewCustomConfirm(title, m.t("surveyform.import.resolve", nil), m.t("surveyform.import.later", nil), body, func(ok bool) {
		if ok {
			sl.su.showConflicts(sl.win)
		}
	}, sl.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
}

// message shows a short message in the list window.
func (sl *surveyList) message(isErr bool, head, body string) {
	icon := theme.InfoIcon()
	title := sl.su.m.t("surveyform.list.title", nil)
	if isErr {
		icon, title = theme.ErrorIcon(), sl.su.m.t("gui.error.title", nil)
	}
	h := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.Wrapping = fyne.TextWrapWord
	b := widget.NewLabel(body)
	b.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, sl.su.m.t("gui.button.ok", nil),
		container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, container.NewVBox(h, b)), sl.win)
	d.Resize(fyne.NewSize(fyne.Min(520, sl.win.Canvas().Size().Width*0.9), d.MinSize().Height))
	d.Show()
}
