package gui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// conflictView shows a record both sides changed since the package left:
// mine and theirs side by side, field by field. For each field that
// differs the planner picks mine or theirs; Keep mine / Keep theirs take
// one side whole, Keep merged the picks. Nothing is decided silently.
type conflictView struct {
	su     *surveyUI
	parent fyne.Window
	cs     []models.SurveyConflict
	i      int
	picks  map[string]*widget.RadioGroup // differing field → "mine" or "theirs"
	dlg    *dialog.CustomDialog
	busy   bool
}

// showConflicts reads the waiting conflicts and shows the first.
func (su *surveyUI) showConflicts(parent fyne.Window) {
	m := su.m
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		cs, err := app.SurveyConflicts(m.ctx, m.store)
		m.ui(func() {
			if err != nil {
				m.showError(m.t("surveyform.conflict.read_failed", nil), err)
				return
			}
			if len(cs) == 0 {
				m.status.show("surveyform.conflict.none", nil)
				return
			}
			cv := &conflictView{su: su, parent: parent, cs: cs}
			su.conflictView = cv
			cv.showCurrent()
		})
	})
}

// choiceText are the radio options' labels.
func (cv *conflictView) choiceText() (mine, theirs string) {
	return cv.su.m.t("surveyform.conflict.mine", nil), cv.su.m.t("surveyform.conflict.theirs", nil)
}

// showCurrent lays out the current conflict.
func (cv *conflictView) showCurrent() {
	m := cv.su.m
	l := m.lang
	c := cv.cs[cv.i]
	mineT, theirsT := cv.choiceText()
	cv.picks = map[string]*widget.RadioGroup{}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	cells := []fyne.CanvasObject{bold(m.t("surveyform.conflict.field", nil)), bold(m.t("surveyform.conflict.mine_col", nil)),
		bold(m.t("surveyform.conflict.theirs_col", nil)), bold(m.t("surveyform.conflict.keep", nil))}
	// The fields to decide first, then those both sides agree on.
	order := slices.Clone(surveyFields)
	slices.SortStableFunc(order, func(a, b string) int {
		return sameRank(c, a) - sameRank(c, b)
	})
	for _, field := range order {
		same := sameField(c.Mine, c.Theirs, field)
		name := widget.NewLabel(fieldLabel(l, field))
		a, b := widget.NewLabel(fieldText(l, c.Mine, field)), widget.NewLabel(fieldText(l, c.Theirs, field))
		a.Wrapping, b.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
		var pick fyne.CanvasObject
		if same {
			s := widget.NewLabel(m.t("surveyform.conflict.same", nil))
			s.Importance = widget.LowImportance
			pick = s
		} else {
			name.TextStyle.Bold = true
			a.Importance, b.Importance = widget.WarningImportance, widget.WarningImportance
			rg := widget.NewRadioGroup([]string{mineT, theirsT}, nil)
			rg.Horizontal = true
			rg.Required = true
			rg.SetSelected(mineT)
			cv.picks[field] = rg
			pick = rg
		}
		cells = append(cells, name, a, b, pick)
	}
	grid := container.New(&conflictGrid{}, cells...)
	head := widget.NewLabel(m.t("surveyform.conflict.head", i18n.Args{"name": c.Mine.SiteName, "i": cv.i + 1, "n": len(cv.cs),
		"fields": len(cv.picks)}))
	head.Wrapping = fyne.TextWrapWord
	keepMine := widget.NewButton(m.t("surveyform.conflict.keep_mine", nil), func() { cv.choose("mine") })
	keepTheirs := widget.NewButton(m.t("surveyform.conflict.keep_theirs", nil), func() { cv.choose("theirs") })
	merged := widget.NewButton(m.t("surveyform.conflict.keep_merged", nil), func() { cv.choose("merged") })
	merged.Importance = widget.HighImportance
	later := widget.NewButton(m.t("surveyform.import.later", nil), cv.close)
	buttons := container.NewHBox(later, layout.NewSpacer(), keepMine, keepTheirs, merged)
	body := container.NewBorder(head, buttons, nil, nil, container.NewVScroll(grid))
	if cv.dlg != nil {
		cv.dlg.Hide()
	}
	cv.dlg = dialog.NewCustomWithoutButtons(m.t("surveyform.conflict.title", nil), body, cv.parent)
	ps := cv.parent.Canvas().Size()
	cv.dlg.Resize(fyne.NewSize(fyne.Min(820, ps.Width*0.98), fyne.Min(640, ps.Height*0.98)))
	cv.dlg.Show()
}

// merged is the record the picks make: mine, with the fields picked as
// theirs taken from theirs.
func (cv *conflictView) merged() *models.Survey {
	c := cv.cs[cv.i]
	k := *c.Mine
	k.Surveyors, k.Hazards = slices.Clone(c.Mine.Surveyors), slices.Clone(c.Mine.Hazards)
	_, theirsT := cv.choiceText()
	for field, rg := range cv.picks {
		if rg.Selected == theirsT {
			copyField(&k, c.Theirs, field)
		}
	}
	return &k
}

// choose settles the current conflict: "mine", "theirs" or "merged"; the
// decision is one undoable edit. Then the next conflict, if any.
func (cv *conflictView) choose(how string) {
	if cv.busy {
		return
	}
	su, m := cv.su, cv.su.m
	c := cv.cs[cv.i]
	var keep *models.Survey
	switch how {
	case "mine":
		k := *c.Mine
		keep = &k
	case "theirs":
		k := *c.Theirs
		keep = &k
	default:
		keep = cv.merged()
	}
	keep.UID = c.UID
	cv.busy = true
	name := keep.SiteName
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		err := app.ResolveSurveyConflict(su.labelled("edit.survey.resolve", name), m.store, keep)
		h := m.readHistory()
		m.ui(func() {
			cv.busy = false
			m.history = h
			m.refreshEditMenu()
			if err != nil {
				m.showError(m.t("surveyform.conflict.failed", i18n.Args{"name": name}), err)
				return
			}
			m.status.show("surveyform.conflict.resolved", i18n.Args{"name": name})
			su.reload()
			cv.i++
			if cv.i < len(cv.cs) {
				cv.showCurrent()
				return
			}
			cv.close()
		})
	})
}

func (cv *conflictView) close() {
	if cv.dlg != nil {
		cv.dlg.Hide()
	}
	if cv.su.conflictView == cv {
		cv.su.conflictView = nil
	}
}

// conflictGrid lays out four columns: the field name, mine and theirs
// (sharing what is left, wrapped) and the pick.
type conflictGrid struct{}

func (g *conflictGrid) widths(total float32, objs []fyne.CanvasObject) (name, side, pick float32) {
	for i := 0; i+3 < len(objs); i += 4 {
		name = max(name, objs[i].MinSize().Width)
		pick = max(pick, objs[i+3].MinSize().Width)
	}
	side = max(120, (total-name-pick-3*4)/2)
	return
}

func (g *conflictGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	name, side, pick := g.widths(size.Width, objs)
	y := float32(0)
	for i := 0; i+3 < len(objs); i += 4 {
		ws := []float32{name, side, side, pick}
		h := float32(0)
		for k := range 4 {
			objs[i+k].Resize(fyne.NewSize(ws[k], objs[i+k].MinSize().Height))
			h = max(h, objs[i+k].MinSize().Height)
		}
		x := float32(0)
		for k := range 4 {
			objs[i+k].Move(fyne.NewPos(x, y))
			objs[i+k].Resize(fyne.NewSize(ws[k], h))
			x += ws[k] + 4
		}
		y += h + 2
	}
}

func (g *conflictGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	name, _, pick := g.widths(0, objs)
	h := float32(0)
	for i := 0; i+3 < len(objs); i += 4 {
		rh := float32(0)
		for k := range 4 {
			rh = max(rh, objs[i+k].MinSize().Height)
		}
		h += rh + 2
	}
	return fyne.NewSize(name+pick+2*120+12, h)
}

// sameRank orders a conflict's fields: those that differ (0) first.
func sameRank(c models.SurveyConflict, field string) int {
	if sameField(c.Mine, c.Theirs, field) {
		return 1
	}
	return 0
}
