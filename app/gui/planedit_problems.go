package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// The mine editor's problem list (问题清单): every item with its deadline
// status on the editor's date (overdue in red with the days late); items
// are added, edited (Edit fills the form, Save writes it) and closed after
// their check.

// problemsTab is the problem list's widgets.
type problemsTab struct {
	list                                                    *fyne.Container
	editing                                                 int64 // the problem in the form, 0 for a new one
	mode                                                    *widget.Label
	found, category, desc, deadline, resp, closed, evidence *widget.Entry
	state                                                   *choice
}

var problemCols = cols{100, 90, 0, 100, 110, 90, 140, 270}

func problemValues() []string {
	return []string{string(models.ProblemOpen), string(models.ProblemRectifying), string(models.ProblemClosed)}
}

func (me *mineEditor) buildProblems() fyne.CanvasObject {
	m, t := me.m, &me.problems
	t.list = container.NewVBox()
	t.mode = widget.NewLabel("")
	t.mode.TextStyle.Bold = true
	t.found = entryWith("", models.Today().String())
	t.category = entryWith("", m.t("planedit.problem.category_hint", nil))
	t.desc = entryWith("", "")
	t.deadline = entryWith("", m.t("planedit.optional", nil))
	t.resp = entryWith("", m.t("planedit.optional", nil))
	t.closed = entryWith("", m.t("planedit.optional", nil))
	t.evidence = entryWith("", m.t("planedit.optional", nil))
	t.state = m.newChoice("planedit.problem.", problemValues(), string(models.ProblemOpen))
	save := widget.NewButtonWithIcon(m.t("planedit.save", nil), theme.DocumentSaveIcon(), me.saveProblem)
	save.Importance = widget.HighImportance
	clear := widget.NewButtonWithIcon(m.t("planedit.new", nil), theme.ContentClearIcon(), me.newProblem)
	form := formGrid(2,
		m.lbl("plan.field.found"), t.found, m.lbl("plan.field.category"), t.category,
		m.lbl("plan.field.description"), t.desc, m.lbl("plan.field.deadline"), t.deadline,
		m.lbl("plan.field.responsible"), t.resp, m.lbl("plan.field.state"), t.state,
		m.lbl("plan.field.closed"), t.closed, m.lbl("plan.field.evidence"), t.evidence)
	head := row(problemCols, headCell(m.heading("plan.field.found")), headCell(m.heading("plan.field.category")), headCell(m.heading("plan.field.description")),
		headCell(m.heading("plan.field.deadline")), headCell(m.heading("plan.field.responsible")), headCell(m.heading("plan.field.state")),
		headCell(m.heading("planedit.col.on_date")), widget.NewLabel(""))
	me.newProblem()
	bottom := container.NewVBox(widget.NewSeparator(), t.mode, form, container.NewHBox(save, clear))
	return container.NewBorder(head, bottom, nil, nil, me.vscroll(t.list))
}

// newProblem empties the form for a new item.
func (me *mineEditor) newProblem() {
	t := &me.problems
	t.editing = 0
	t.mode.SetText(me.t("planedit.problem.adding", nil))
	for _, e := range []*widget.Entry{t.found, t.category, t.desc, t.deadline, t.resp, t.closed, t.evidence} {
		e.SetText("")
	}
	t.state.set(string(models.ProblemOpen))
}

// editProblem fills the form with an item.
func (me *mineEditor) editProblem(p models.MineProblem) {
	t := &me.problems
	t.editing = p.ID
	t.mode.SetText(me.t("planedit.problem.editing", i18n.Args{"found": p.Found.String(), "description": p.Description}))
	t.found.SetText(p.Found.String())
	t.category.SetText(p.Category)
	t.desc.SetText(p.Description)
	t.deadline.SetText(p.Deadline.String())
	t.resp.SetText(p.Responsible)
	t.closed.SetText(p.Closed.String())
	t.evidence.SetText(p.Evidence)
	t.state.set(string(p.State))
}

func (me *mineEditor) showProblems() {
	r, m, t := me.rec, me.m, &me.problems
	t.list.RemoveAll()
	if len(r.Problems) == 0 {
		t.list.Add(widget.NewLabel(m.t("planedit.none", nil)))
	}
	for _, p := range r.Problems {
		edit := smallButton(m.t("planedit.edit", nil), theme.DocumentCreateIcon(), func() { me.editProblem(p.MineProblem) })
		closeB := smallButton(m.t("planedit.problem.close", nil), theme.ConfirmIcon(), func() {
			d := r.AsOf
			me.write(editLabel("problem_close", me.labelArgs("description", p.Description)), func(ctx context.Context, ps app.Planning) (string, error) {
				return "", app.CloseProblem(ctx, ps, p.MineProblem, d)
			}, nil)
		})
		if p.State == models.ProblemClosed {
			closeB.Disable()
		}
		del := smallButton(m.t("planedit.delete", nil), theme.DeleteIcon(), func() {
			me.write(editLabel("problem_delete", me.labelArgs("description", p.Description)), func(ctx context.Context, ps app.Planning) (string, error) {
				return "", ps.DeleteProblem(ctx, p.ID)
			}, func() {
				if me.problems.editing == p.ID {
					me.newProblem()
				}
			})
		})
		me.problems.list.Add(row(problemCols, cell(p.Found.String()), cell(p.Category), cell(p.Description), cell(dateOrDash(p.Deadline)),
			cell(p.Responsible), cell(m.valueText("planedit.problem.", string(p.State))), m.statusCell(p.Status, p.DaysLate),
			container.NewHBox(edit, closeB, del)))
	}
	t.list.Refresh()
	open, overdue := problemSummary(r.Problems)
	title := m.t("planedit.tab.problems", nil)
	if open > 0 {
		title = m.t("planedit.tab.problems_n", i18n.Args{"open": open, "overdue": overdue})
	}
	if it := me.tabs.Items[3]; it.Text != title {
		it.Text = title
		me.tabs.Refresh()
	}
}

func (me *mineEditor) saveProblem() {
	t := &me.problems
	f := app.ProblemForm{ID: t.editing, MineID: me.id, Found: t.found.Text, Category: t.category.Text, Description: t.desc.Text,
		Deadline: t.deadline.Text, Responsible: t.resp.Text, State: t.state.value(), Closed: t.closed.Text, Evidence: t.evidence.Text}
	key := "problem_add"
	if f.ID != 0 {
		key = "problem_edit"
	}
	me.write(editLabel(key, me.labelArgs("description", f.Description)), func(ctx context.Context, ps app.Planning) (string, error) {
		_, err := app.SaveProblem(ctx, ps, f)
		return "", err
	}, me.newProblem)
}

// problemSummary counts a mine's open and overdue problems (the tab's title).
func problemSummary(ps []app.ProblemView) (open, overdue int) {
	for _, p := range ps {
		if p.Status != models.Done {
			open++
		}
		if p.Status == models.Overdue {
			overdue++
		}
	}
	return
}
