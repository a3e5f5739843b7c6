package gui

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// surveyForm is the survey form: every field of a record, its photos, and
// Save / Cancel / Delete. A mistake keeps the form open and says which
// field and why, in the planner's language.
type surveyForm struct {
	su    *surveyUI
	orig  *models.Survey // the record as opened (a copy; UID "" when new)
	isNew bool
	sk    *sketchTool // the drawing it finishes (nil when editing)
	dlg   *dialog.CustomDialog

	district    *widget.SelectEntry
	districts   []string // its options: the project's districts
	site        *widget.Entry
	date        *widget.Entry
	surveyors   *widget.Entry
	disturbance *widget.Select
	area        *widget.Entry
	hazards     map[models.Hazard]*widget.Check
	landCover   *widget.Entry
	measures    *widget.Entry
	reuse       *widget.Select
	priority    *widget.Select
	notes       *widget.Entry
	photos      *photoStrip
	errLabel    *widget.Label
	saveBtn     *widget.Button

	distLabels  map[string]models.Disturbance
	reuseLabels map[string]string
	prioLabels  map[string]int
	saving      bool
}

func (f *surveyForm) t(key string, args i18n.Args) string { return f.su.m.t(key, args) }

// showForm opens the form for s (a new site when isNew).
func (su *surveyUI) showForm(s *models.Survey, isNew bool, sk *sketchTool) {
	m := su.m
	l := m.lang
	f := &surveyForm{su: su, orig: s, isNew: isNew, sk: sk, hazards: map[models.Hazard]*widget.Check{},
		distLabels: map[string]models.Disturbance{}, reuseLabels: map[string]string{}, prioLabels: map[string]int{}}

	f.district = widget.NewSelectEntry(nil)
	f.district.SetText(s.District)
	f.district.SetPlaceHolder(f.t("surveyform.hint.district", nil))
	f.site = widget.NewEntry()
	f.site.SetText(s.SiteName)
	f.date = widget.NewEntry()
	f.date.SetText(s.Date)
	f.date.SetPlaceHolder("2021-03-05")
	f.surveyors = widget.NewEntry()
	f.surveyors.SetText(strings.Join(s.Surveyors, ", "))
	f.surveyors.SetPlaceHolder(f.t("surveyform.hint.surveyors", nil))

	var dl []string
	for _, d := range models.Disturbances {
		t := disturbanceText(l, d)
		dl = append(dl, t)
		f.distLabels[t] = d
	}
	f.disturbance = widget.NewSelect(dl, nil)
	f.disturbance.PlaceHolder = f.t("surveyform.unset", nil)
	if s.Disturbance != "" {
		f.disturbance.SetSelected(disturbanceText(l, s.Disturbance))
	}
	f.area = widget.NewEntry()
	if s.DisturbedM2 > 0 {
		f.area.SetText(strconv.FormatFloat(math.Round(s.DisturbedM2*10)/10, 'f', -1, 64))
	}
	f.area.SetPlaceHolder("0")
	var checks []fyne.CanvasObject
	for _, h := range models.Hazards {
		c := widget.NewCheck(hazardText(l, h), nil)
		for _, x := range s.Hazards {
			if x == h {
				c.SetChecked(true)
			}
		}
		f.hazards[h] = c
		checks = append(checks, c)
	}
	f.landCover = widget.NewEntry()
	f.landCover.SetText(s.LandCover)
	f.landCover.SetPlaceHolder(f.t("surveyform.hint.land_cover", nil))
	f.measures = widget.NewMultiLineEntry()
	f.measures.SetText(s.Measures)
	f.measures.SetMinRowsVisible(2)
	f.measures.Wrapping = fyne.TextWrapWord
	var rl []string
	for _, r := range surveyReuse {
		t := reuseText(l, r)
		rl = append(rl, t)
		f.reuseLabels[t] = r
	}
	if s.Reuse != "" && reuseKey[s.Reuse] == "" { // a consultant's own words: kept
		rl = append(rl, s.Reuse)
		f.reuseLabels[s.Reuse] = s.Reuse
	}
	f.reuse = widget.NewSelect(rl, nil)
	f.reuse.PlaceHolder = f.t("surveyform.unset", nil)
	if s.Reuse != "" {
		f.reuse.SetSelected(reuseText(l, s.Reuse))
	}
	var pl []string
	for p := 1; p <= 3; p++ {
		t := priorityText(l, p)
		pl = append(pl, t)
		f.prioLabels[t] = p
	}
	f.priority = widget.NewSelect(pl, nil)
	f.priority.PlaceHolder = f.t("surveyform.unset", nil)
	if s.Priority > 0 {
		f.priority.SetSelected(priorityText(l, s.Priority))
	}
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(s.Notes)
	f.notes.SetMinRowsVisible(2)
	f.notes.Wrapping = fyne.TextWrapWord
	f.photos = newPhotoStrip(f)
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord

	req := func(key string) string { return fieldLabel(l, key) + " *" }
	site := widget.NewLabel(geometryText(l, s.Geometry))
	site.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(fieldLabel(l, "geometry"), site),
		widget.NewFormItem(req("district"), f.district),
		widget.NewFormItem(req("site_name"), f.site),
		widget.NewFormItem(req("survey_date"), f.date),
		widget.NewFormItem(fieldLabel(l, "surveyors"), f.surveyors),
		widget.NewFormItem(fieldLabel(l, "disturbance"), f.disturbance),
		widget.NewFormItem(fieldLabel(l, "disturbed_m2"), f.area),
		widget.NewFormItem(fieldLabel(l, "hazards"), container.NewGridWithColumns(2, checks...)),
		widget.NewFormItem(fieldLabel(l, "land_cover"), f.landCover),
		widget.NewFormItem(fieldLabel(l, "measures"), f.measures),
		widget.NewFormItem(fieldLabel(l, "reuse"), f.reuse),
		widget.NewFormItem(fieldLabel(l, "priority"), f.priority),
		widget.NewFormItem(fieldLabel(l, "notes"), f.notes),
	)
	f.saveBtn = widget.NewButton(f.t("surveyform.save", nil), func() { f.submit() })
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(f.t("gui.button.cancel", nil), f.cancel)
	left := container.NewHBox()
	if !isNew {
		del := widget.NewButton(f.t("surveyform.delete", nil), func() {
			su.confirmDelete(m.win, f.orig, f.close)
		})
		del.Importance = widget.DangerImportance
		zoom := widget.NewButton(f.t("surveyform.zoom", nil), func() { su.zoomTo(f.orig) })
		left = container.NewHBox(del, zoom)
	}
	// A mistake is said between the buttons, in red.
	buttons := container.NewBorder(nil, nil, left, container.NewHBox(cancel, f.saveBtn), f.errLabel)
	title := f.t("surveyform.title.new", nil)
	if !isNew {
		title = f.t("surveyform.title.edit", i18n.Args{"name": s.SiteName})
	}
	photos := container.NewBorder(nil, nil, container.NewHBox(widget.NewSeparator()), nil, f.photos.box)
	body := container.NewBorder(nil, buttons, nil, photos, container.NewVScroll(form))
	f.dlg = dialog.NewCustomWithoutButtons(title, body, m.win)
	ws := m.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(fyne.Min(1080, ws.Width*0.96), fyne.Min(780, ws.Height*0.96)))
	su.form = f
	su.setCurrent(s.UID)
	f.dlg.Show()
	f.loadExtras()
}

// loadExtras reads, on the I/O worker, the district names (and the
// district the new site lies in) and the stored photos.
func (f *surveyForm) loadExtras() {
	m := f.su.m
	g, uid, isNew := f.orig.Geometry, f.orig.UID, f.isNew
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		names, here, _ := app.SurveyDistricts(m.ctx, m.store, g)
		var stored []photoItem
		var perr error
		if !isNew {
			stored, perr = readPhotoItems(m, uid)
		}
		m.ui(func() {
			if f.su.form != f {
				return
			}
			f.districts = names
			f.district.SetOptions(names)
			if isNew && f.district.Text == "" && here != "" {
				f.district.SetText(here)
			}
			if perr != nil {
				f.photos.setMessage(m.errorText(perr), true)
			}
			f.photos.setStored(stored)
		})
	})
}

// collect reads the form into a record; a mistake comes back as a
// sentence naming the field, with the widget to focus.
func (f *surveyForm) collect() (*models.Survey, string, fyne.Focusable) {
	l := f.su.m.lang
	s := *f.orig
	s.District = strings.TrimSpace(f.district.Text)
	s.SiteName = strings.TrimSpace(f.site.Text)
	s.Surveyors = splitSurveyors(f.surveyors.Text)
	s.Disturbance = f.distLabels[f.disturbance.Selected]
	s.LandCover = strings.TrimSpace(f.landCover.Text)
	s.Measures = strings.TrimSpace(f.measures.Text)
	s.Reuse = f.reuseLabels[f.reuse.Selected]
	s.Priority = f.prioLabels[f.priority.Selected]
	s.Notes = strings.TrimSpace(f.notes.Text)
	s.Hazards = nil
	for _, h := range models.Hazards {
		if f.hazards[h].Checked {
			s.Hazards = append(s.Hazards, h)
		}
	}
	required := func(field string) string {
		return i18n.T(l, "surveyform.err.required", i18n.Args{"field": fieldLabel(l, field)})
	}
	if s.District == "" {
		return nil, required("district"), f.district
	}
	if s.SiteName == "" {
		return nil, required("site_name"), f.site
	}
	date := strings.TrimSpace(f.date.Text)
	if date == "" {
		return nil, required("survey_date"), f.date
	}
	d, err := models.ParseDate(date)
	if err != nil {
		return nil, i18n.T(l, "surveyform.err.date", i18n.Args{"field": fieldLabel(l, "survey_date"), "value": date}), f.date
	}
	if d.Sub(models.Today()) > 0 {
		return nil, i18n.T(l, "surveyform.err.future", i18n.Args{"field": fieldLabel(l, "survey_date"), "value": d.String()}), f.date
	}
	s.Date = d.String()
	a, ok := parseArea(f.area.Text)
	if !ok {
		return nil, i18n.T(l, "surveyform.err.area", i18n.Args{"field": fieldLabel(l, "disturbed_m2"), "value": strings.TrimSpace(f.area.Text)}), f.area
	}
	s.DisturbedM2 = a
	if err := s.Validate(); err != nil {
		return nil, f.errorText(err), nil
	}
	return &s, "", nil
}

// errorText words a store error, naming the field of a bad-field error.
func (f *surveyForm) errorText(err error) string {
	l := f.su.m.lang
	var se *models.SurveyError
	if errors.As(err, &se) && se.Code == models.CodeSurveyBadField && se.Field != "" {
		return i18n.T(l, "surveyform.err.bad", i18n.Args{"field": fieldLabel(l, se.Field), "value": se.Value})
	}
	return f.su.m.errorText(err)
}

// submit checks the form and saves; false when a mistake keeps it open.
func (f *surveyForm) submit() bool {
	if f.saving {
		return false
	}
	s, msg, focus := f.collect()
	if s == nil {
		f.showError(msg)
		if focus != nil {
			f.su.m.win.Canvas().Focus(focus)
		}
		return false
	}
	f.saving = true
	f.saveBtn.Disable()
	su, m := f.su, f.su.m
	photos := f.photos.pendingData()
	su.save(s, f.isNew, photos, func(err, perr error) {
		f.saving = false
		f.saveBtn.Enable()
		if err != nil {
			f.showError(f.errorText(err))
			return
		}
		if f.sk != nil && m.mapView.tool == f.sk {
			m.endTool()
		}
		key := "surveyform.status.changed"
		if f.isNew {
			key = "surveyform.status.added"
		}
		m.status.show(key, i18n.Args{"name": s.SiteName})
		if perr != nil {
			m.showError(m.t("surveyform.error.photo", i18n.Args{"name": s.SiteName}), perr)
		}
		f.close()
	})
	return true
}

func (f *surveyForm) showError(msg string) { f.errLabel.SetText(msg) }

// cancel closes the form; a drawing stays on the map to go on with (Esc
// drops it).
func (f *surveyForm) cancel() {
	f.close()
	if f.sk != nil && f.su.m.mapView.tool == f.sk {
		f.su.m.win.Canvas().Focus(f.su.m.mapView)
	}
}

// close hides the form without saving.
func (f *surveyForm) close() {
	f.dlg.Hide()
	if f.su.form == f {
		f.su.form = nil
		f.su.setCurrent("")
	}
}
