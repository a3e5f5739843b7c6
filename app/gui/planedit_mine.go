package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The mine records editor: tabs for the status history, the green-mine
// records (with indicator scores against a scoring sheet), the mine's
// planning facts, its problem list and its plan units with measures and
// progress (planedit_problems.go, planedit_units.go).

// mineEditor is the records window of one mine.
type mineEditor struct {
	*planEditor
	id   int64
	name string
	rec  *app.MineRecords

	head *widget.Label
	tabs *container.AppTabs

	statusNow  *widget.Label
	statusList *fyne.Container
	statusDate *widget.Entry
	statusPick *choice
	statusNote *widget.Entry

	greenNow   *widget.Label
	greenList  *fyne.Container
	greenDate  *widget.Entry
	greenState *choice
	greenLevel *choice
	greenScore *widget.Entry
	greenSheet *choice
	greenNote  *widget.Entry
	scores     *fyne.Container // the indicator scores of one record
	scoresFor  int64           // that record's id, 0 when none shown

	info     infoForm
	problems problemsTab
	units    unitsTab
}

// infoForm edits the mine's planning facts and two layer attributes.
type infoForm struct {
	owner, from, to, note, mineral, method *widget.Entry
	three                                  *widget.Check
	zone                                   *choice
	shown                                  *app.MineRecords // what the form was last filled from
}

// showMineRecords opens the records window of a mine.
func (m *MainWindow) showMineRecords(id int64, name string) *mineEditor {
	var me *mineEditor
	if e := m.planEditor(fmt.Sprint("mine:", id)); e != nil {
		e.win.RequestFocus()
		e.load()
		return nil
	}
	title := m.t("planedit.mine.title", i18n.Args{"name": name})
	m.openPlanEditor(fmt.Sprint("mine:", id), title, fyne.NewSize(1340, 780), func(e *planEditor) fyne.CanvasObject {
		me = &mineEditor{planEditor: e, id: id, name: name}
		e.load = me.load
		return me.build()
	})
	return me
}

func (me *mineEditor) build() fyne.CanvasObject {
	m := me.m
	me.head = widget.NewLabelWithStyle(me.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	me.tabs = container.NewAppTabs(
		container.NewTabItem(m.t("planedit.tab.status", nil), me.buildStatus()),
		container.NewTabItem(m.t("planedit.tab.green", nil), me.buildGreen()),
		container.NewTabItem(m.t("planedit.tab.info", nil), me.buildInfo()),
		container.NewTabItem(m.t("planedit.tab.problems", nil), me.buildProblems()),
		container.NewTabItem(m.t("planedit.tab.units", nil), me.buildUnits()),
	)
	return container.NewBorder(container.NewPadded(me.head), nil, nil, nil, me.tabs)
}

// load re-reads the mine's records.
func (me *mineEditor) load() {
	d, ok := me.date()
	if !ok {
		return
	}
	me.read(func(ctx context.Context, p app.Planning) (any, error) {
		return app.MineRecordsOn(ctx, p, me.id, d)
	}, func(v any) {
		me.rec = v.(*app.MineRecords)
		me.show()
	})
}

// show puts the loaded records on every tab.
func (me *mineEditor) show() {
	r, m := me.rec, me.m
	if r.Mine.Name != "" {
		me.name = r.Mine.Name
	}
	me.head.SetText(m.t("planedit.mine.head", i18n.Args{"name": me.name, "licence": r.Mine.Licence, "district": r.Mine.District}))
	me.showStatus()
	me.showGreen()
	me.showInfo()
	me.showProblems()
	me.showUnits()
	me.relayout()
}

// labelArgs names the mine in history labels.
func (me *mineEditor) labelArgs(kv ...string) map[string]string {
	a := map[string]string{"name": me.name}
	for i := 0; i+1 < len(kv); i += 2 {
		a[kv[i]] = kv[i+1]
	}
	return a
}

// ---- Status history ----

var statusCols = cols{130, 160, 0, 110}

func (me *mineEditor) buildStatus() fyne.CanvasObject {
	m := me.m
	me.statusNow = widget.NewLabel("")
	me.statusNow.TextStyle.Bold = true
	me.statusList = container.NewVBox()
	me.statusDate = entryWith("", models.Today().String())
	me.statusPick = m.newChoice("plan.mine-status.", statusValues(), "")
	me.statusNote = entryWith("", m.t("planedit.optional", nil))
	add := widget.NewButtonWithIcon(m.t("planedit.add", nil), theme.ContentAddIcon(), me.addStatus)
	add.Importance = widget.HighImportance
	form := formGrid(1, m.lbl("plan.field.date"), me.statusDate, m.lbl("plan.field.status"), me.statusPick,
		m.lbl("plan.field.note"), me.statusNote)
	head := row(statusCols, headCell(m.heading("plan.field.date")), headCell(m.heading("plan.field.status")), headCell(m.heading("plan.field.note")), widget.NewLabel(""))
	list := container.NewBorder(container.NewVBox(me.statusNow, head), nil, nil, nil, me.vscroll(me.statusList))
	return sideForm(list, heading(m.t("planedit.status.add", nil)), form, container.NewHBox(add))
}

func (me *mineEditor) showStatus() {
	r, m := me.rec, me.m
	me.statusNow.SetText(m.t("planedit.status.now", i18n.Args{"date": r.AsOf.String(), "status": m.valueText("plan.mine-status.", string(r.StatusOn)),
		"layer": m.valueText("plan.mine-status.", string(r.Mine.Status))}))
	me.statusList.RemoveAll()
	if len(r.Status) == 0 {
		me.statusList.Add(widget.NewLabel(m.t("planedit.none", nil)))
	}
	for i := len(r.Status) - 1; i >= 0; i-- {
		s := r.Status[i]
		del := smallButton(m.t("planedit.delete", nil), theme.DeleteIcon(), func() {
			me.write(editLabel("status_delete", me.labelArgs("date", s.Date.String())), func(ctx context.Context, p app.Planning) (string, error) {
				return "", p.DeleteStatus(ctx, s.ID)
			}, nil)
		})
		me.statusList.Add(row(statusCols, cell(s.Date.String()), cell(m.valueText("plan.mine-status.", string(s.Status))), cell(s.Note), del))
	}
	me.statusList.Refresh()
}

func (me *mineEditor) addStatus() {
	date, status, note := me.statusDate.Text, me.statusPick.value(), me.statusNote.Text
	if date == "" {
		date = models.Today().String()
	}
	unchanged := me.t("planedit.unchanged", nil)
	me.write(editLabel("status_add", me.labelArgs("date", date)), func(ctx context.Context, p app.Planning) (string, error) {
		added, err := app.AddStatusRecord(ctx, p, me.id, date, status, note)
		if err == nil && !added {
			return unchanged, nil
		}
		return "", err
	}, func() { me.statusNote.SetText("") })
}

// ---- Green-mine records ----

var greenCols = cols{100, 80, 90, 60, 0, 200}

func greenValues() []string {
	out := make([]string, len(models.GreenStates))
	for i, g := range models.GreenStates {
		out[i] = string(g)
	}
	return out
}

func (me *mineEditor) buildGreen() fyne.CanvasObject {
	m := me.m
	me.greenNow = widget.NewLabel("")
	me.greenNow.TextStyle.Bold = true
	me.greenList = container.NewVBox()
	me.greenDate = entryWith("", models.Today().String())
	me.greenState = m.newChoice("plan.green.", greenValues(), "")
	me.greenLevel = m.newChoice("planedit.level.", []string{"", string(models.LevelRegional), string(models.LevelNational)}, "")
	me.greenScore = entryWith("", m.t("planedit.optional", nil))
	me.greenSheet = m.newChoice("", nil, "")
	me.greenNote = entryWith("", m.t("planedit.optional", nil))
	me.scores = container.NewVBox()
	add := widget.NewButtonWithIcon(m.t("planedit.add", nil), theme.ContentAddIcon(), me.addGreen)
	add.Importance = widget.HighImportance
	form := formGrid(1, m.lbl("plan.field.date"), me.greenDate, m.lbl("plan.field.state"), me.greenState,
		m.lbl("plan.field.level"), me.greenLevel, m.lbl("plan.field.score"), me.greenScore,
		m.lbl("plan.field.sheet"), me.greenSheet, m.lbl("plan.field.note"), me.greenNote)
	head := row(greenCols, headCell(m.heading("plan.field.date")), headCell(m.heading("plan.field.state")), headCell(m.heading("plan.field.level")),
		headCell(m.heading("plan.field.score")), headCell(m.heading("plan.field.note")), widget.NewLabel(""))
	hint := widget.NewLabel(m.t("planedit.green.hint", nil))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	list := container.NewBorder(container.NewVBox(me.greenNow, head), nil, nil, nil, me.vscroll(container.NewVBox(me.greenList, me.scores)))
	return sideForm(list, heading(m.t("planedit.green.add", nil)), form, container.NewHBox(add), hint)
}

func (me *mineEditor) showGreen() {
	r, m := me.rec, me.m
	now := m.t("planedit.green.none_yet", nil)
	if r.GreenOn != "" {
		now = m.valueText("plan.green.", string(r.GreenOn))
	}
	key := "planedit.green.now_not"
	if r.GreenOn.Green() {
		key = "planedit.green.now_green"
	}
	me.greenNow.SetText(m.t(key, i18n.Args{"date": r.AsOf.String(), "state": now}))
	if r.GreenOn.Green() {
		me.greenNow.Importance = widget.SuccessImportance
	} else {
		me.greenNow.Importance = widget.MediumImportance
	}
	me.greenNow.Refresh()
	// The sheets for the choice.
	var ids []string
	for _, s := range r.Sheets {
		ids = append(ids, s.ID)
	}
	cur := me.greenSheet.value()
	labels := make([]string, len(ids))
	for i, s := range r.Sheets {
		labels[i] = sheetTitle(m.lang, s)
	}
	me.greenSheet.values = ids
	me.greenSheet.Options = labels
	me.greenSheet.set(cur)
	me.greenList.RemoveAll()
	if len(r.Green) == 0 {
		me.greenList.Add(widget.NewLabel(m.t("planedit.none", nil)))
	}
	for i := len(r.Green) - 1; i >= 0; i-- {
		g := r.Green[i]
		score := "—"
		if g.HasScore() {
			score = number(g.Score, false)
		}
		level := "—"
		if g.Level != models.LevelNone {
			level = m.valueText("plan.level.", string(g.Level))
		}
		st := cell(m.valueText("plan.green.", string(g.State)))
		if g.State.Green() {
			st.Importance = widget.SuccessImportance
		}
		scores := smallButton(m.t("planedit.green.scores", nil), theme.DocumentIcon(), func() { me.openScores(g) })
		del := smallButton(m.t("planedit.delete", nil), theme.DeleteIcon(), func() {
			me.write(editLabel("green_delete", me.labelArgs("date", g.Date.String(), "state", string(g.State))), func(ctx context.Context, p app.Planning) (string, error) {
				return "", p.DeleteGreen(ctx, g.ID)
			}, nil)
		})
		me.greenList.Add(row(greenCols, cell(g.Date.String()), st, cell(level), cell(score), cell(g.Note), container.NewHBox(scores, del)))
	}
	me.greenList.Refresh()
	// The scores shown belong to a record that may have gone.
	if me.scoresFor != 0 {
		found := false
		for _, g := range r.Green {
			if g.ID == me.scoresFor {
				found = true
				me.openScores(g)
			}
		}
		if !found {
			me.scoresFor = 0
			me.scores.RemoveAll()
			me.scores.Refresh()
		}
	}
}

// sheetTitle is a scoring sheet's title in l (its id when none).
func sheetTitle(l i18n.Lang, s *models.ScoringSheet) string {
	if t := s.Title[string(l)]; t != "" {
		return t
	}
	if t := s.Title["zh-CN"]; t != "" {
		return t
	}
	return s.ID
}

func (me *mineEditor) addGreen() {
	f := app.GreenForm{Date: me.greenDate.Text, State: me.greenState.value(), Level: me.greenLevel.value(), Score: me.greenScore.Text,
		Sheet: me.greenSheet.value(), Note: me.greenNote.Text}
	if f.Date == "" {
		f.Date = models.Today().String()
	}
	unchanged := me.t("planedit.unchanged", nil)
	me.write(editLabel("green_add", me.labelArgs("date", f.Date, "state", f.State)), func(ctx context.Context, p app.Planning) (string, error) {
		id, err := app.AddGreenRecord(ctx, p, me.id, f)
		if err == nil && id == 0 {
			return unchanged, nil
		}
		return "", err
	}, func() {
		me.greenScore.SetText("")
		me.greenNote.SetText("")
	})
}

// openScores shows the indicator scores of a green record under its sheet
// (the first sheet when it names none), editable.
func (me *mineEditor) openScores(g models.GreenRecord) {
	m := me.m
	var sheet *models.ScoringSheet
	for _, s := range me.rec.Sheets {
		if s.ID == g.Sheet || (sheet == nil && g.Sheet == "") {
			sheet = s
		}
	}
	me.scoresFor = g.ID
	me.scores.RemoveAll()
	if sheet == nil {
		me.scores.Add(widget.NewLabel(m.t("planedit.green.no_sheet", i18n.Args{"sheet": g.Sheet})))
		me.relayout()
		return
	}
	me.read(func(ctx context.Context, p app.Planning) (any, error) {
		return p.GreenScores(ctx, g.ID)
	}, func(v any) {
		if me.scoresFor != g.ID {
			return
		}
		me.showScores(g, sheet, v.(map[string]float64))
	})
}

func (me *mineEditor) showScores(g models.GreenRecord, sheet *models.ScoringSheet, have map[string]float64) {
	m := me.m
	me.scores.RemoveAll()
	me.scores.Add(widget.NewSeparator())
	me.scores.Add(heading(m.t("planedit.green.scores_of", i18n.Args{"date": g.Date.String(), "state": m.valueText("plan.green.", string(g.State)),
		"sheet": sheetTitle(m.lang, sheet)})))
	entries := map[string]*widget.Entry{}
	for _, in := range sheet.Indicators {
		name := in.Name[string(m.lang)]
		if name == "" {
			name = in.ID
		}
		v := ""
		if x, ok := have[in.ID]; ok {
			v = number(x, false)
		}
		e := entryWith(v, "")
		entries[in.ID] = e
		maxText := m.t("planedit.green.max_unknown", nil)
		if in.Max != nil {
			maxText = m.t("planedit.green.max", i18n.Args{"max": number(in.Max.Value, false)})
			if !in.Max.Confirmed {
				maxText = m.t("planedit.green.max_unconfirmed", i18n.Args{"max": number(in.Max.Value, false)})
			}
		}
		me.scores.Add(row(cols{260, 120, 0}, cell(name), e, cell(maxText)))
	}
	verdict := widget.NewLabel("")
	verdict.Wrapping = fyne.TextWrapWord
	showVerdict := func(ev models.Evaluation) {
		key := "planedit.green.verdict_fail"
		verdict.Importance = widget.DangerImportance
		if ev.Passed {
			key, verdict.Importance = "planedit.green.verdict_pass", widget.SuccessImportance
		}
		verdict.SetText(m.t(key, i18n.Args{"total": number(ev.Total, false), "pass": number(sheet.Pass.Value, false),
			"short": len(ev.Short), "unchecked": len(ev.Unchecked)}))
	}
	if len(have) > 0 {
		showVerdict(sheet.Evaluate(have))
	}
	save := widget.NewButtonWithIcon(m.t("planedit.save", nil), theme.DocumentSaveIcon(), func() {
		typed := map[string]string{}
		for id, e := range entries {
			typed[id] = e.Text
		}
		var ev models.Evaluation
		me.write(editLabel("scores", me.labelArgs("date", g.Date.String())), func(ctx context.Context, p app.Planning) (string, error) {
			var err error
			ev, err = app.SaveGreenScores(ctx, p, g.ID, sheet, typed)
			return "", err
		}, func() { showVerdict(ev) })
	})
	me.scores.Add(container.NewHBox(save))
	me.scores.Add(verdict)
	me.relayout()
}

// ---- Mine info ----

func (me *mineEditor) buildInfo() fyne.CanvasObject {
	m := me.m
	f := &me.info
	f.owner = entryWith("", "")
	f.from = entryWith("", "2021-03-05")
	f.to = entryWith("", "2031-03-04")
	f.note = entryWith("", m.t("planedit.optional", nil))
	f.mineral = entryWith("", "")
	f.method = entryWith("", "")
	f.three = widget.NewCheck(m.t("planedit.info.three_rights", nil), nil)
	f.zone = m.newChoice("", nil, "")
	save := widget.NewButtonWithIcon(m.t("planedit.save", nil), theme.DocumentSaveIcon(), me.saveInfo)
	save.Importance = widget.HighImportance
	hint := widget.NewLabel(m.t("planedit.info.hint", nil))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	form := container.New(layout.NewFormLayout(),
		m.lbl("planedit.field.owner"), f.owner,
		m.lbl("plan.field.licence_from"), f.from,
		m.lbl("plan.field.licence_to"), f.to,
		m.lbl("field.mineral"), f.mineral,
		m.lbl("field.method"), f.method,
		widget.NewLabel(""), f.three,
		m.lbl("plan.field.zones"), f.zone,
		m.lbl("plan.field.note"), f.note)
	return me.vscroll(container.NewPadded(container.NewVBox(form, container.NewHBox(save), hint)))
}

func (me *mineEditor) showInfo() {
	r, m, f := me.rec, me.m, &me.info
	// Zones for the choice: none first (membership by overlap).
	values := []string{""}
	labels := []string{m.t("planedit.info.zone_none", nil)}
	for _, z := range r.Zones {
		values = append(values, fmt.Sprint(z.ID))
		labels = append(labels, fmt.Sprintf("%s (#%d)", z.Name, z.ID))
	}
	f.zone.values, f.zone.Options = values, labels
	// Keep what the planner is typing unless the stored facts changed.
	if f.shown != nil && f.shown.Info == r.Info && f.shown.Mineral == r.Mineral && f.shown.Method == r.Method {
		f.zone.Refresh()
		return
	}
	f.shown = r
	f.owner.SetText(r.Info.Owner)
	f.from.SetText(r.Info.LicenceFrom.String())
	f.to.SetText(r.Info.LicenceTo.String())
	f.note.SetText(r.Info.Note)
	f.mineral.SetText(r.Mineral)
	f.method.SetText(r.Method)
	f.three.SetChecked(r.Info.ThreeRights)
	zone := ""
	if r.Info.ZoneID != 0 {
		zone = fmt.Sprint(r.Info.ZoneID)
	}
	f.zone.set(zone)
}

func (me *mineEditor) saveInfo() {
	f := &me.info
	form := app.MineInfoForm{MineID: me.id, Owner: f.owner.Text, From: f.from.Text, To: f.to.Text, Note: f.note.Text, ThreeRights: f.three.Checked}
	fmt.Sscan(f.zone.value(), &form.ZoneID)
	mineral, method := f.mineral.Text, f.method.Text
	var oldMineral, oldMethod string
	if f.shown != nil {
		oldMineral, oldMethod = f.shown.Mineral, f.shown.Method
	}
	me.write(editLabel("info", me.labelArgs()), func(ctx context.Context, p app.Planning) (string, error) {
		if err := app.SaveMineInfo(ctx, p, form); err != nil {
			return "", err
		}
		// The mineral and the method are attributes of the mines layer:
		// feature edits of their own in the history.
		for _, a := range []struct{ key, v, old string }{{string(models.FieldMineral), mineral, oldMineral}, {string(models.FieldMethod), method, oldMethod}} {
			if a.v != a.old {
				if _, err := app.SetAttribute(me.m.ctx, p, models.LayerMines, me.id, a.key, a.v); err != nil {
					return "", err
				}
			}
		}
		return "", nil
	}, func() { f.shown = nil })
}
