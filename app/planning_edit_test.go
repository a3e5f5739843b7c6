package app

import (
	"context"
	"errors"
	"math"
	"testing"

	"minerehab/models"
)

// The window's record writes check what is typed as `minerehab record`
// checks a spreadsheet row, and name the field they refuse.
func TestEditUseCasesRefuse(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	if err := SaveMineInfo(ctx, p, MineInfoForm{MineID: 1, From: "2022年1月1日", To: "2032/12/31"}); err != nil {
		t.Fatal(err)
	}
	unit, err := AddMineUnit(ctx, p, 1, "北部排土场")
	if err != nil {
		t.Fatal(err)
	}
	measure, err := SaveMeasure(ctx, p, MeasureForm{UnitID: unit, Kind: "覆土", Area: "10", Start: "2023-01-01", End: "2023-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AddProgressEntry(ctx, p, measure, "2023-06-01", "6", "", ""); err != nil {
		t.Fatal(err)
	}
	sheets, err := ScoringSheets(ctx, p)
	if err != nil || len(sheets) == 0 {
		t.Fatalf("sheets %v, %v", sheets, err)
	}
	green, err := AddGreenRecord(ctx, p, 1, GreenForm{Date: "2023-03-05", State: "已入库"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		op          func() error
		code, field string
	}{
		{"impossible date", func() error { _, err := AddStatusRecord(ctx, p, 2, "2022-13-45", "停产", ""); return err }, models.CodeBadDate, "date"},
		{"no date", func() error { _, err := AddStatusRecord(ctx, p, 2, " ", "停产", ""); return err }, models.CodeMissingField, "date"},
		{"unknown status", func() error { _, err := AddStatusRecord(ctx, p, 2, "2022-01-01", "maybe", ""); return err }, models.CodeBadStatus, "status"},
		{"green before the licence", func() error {
			_, err := AddGreenRecord(ctx, p, 1, GreenForm{Date: "2021/12/31", State: "listed"})
			return err
		}, models.CodeBeforeLicence, "date"},
		{"negative score", func() error {
			_, err := AddGreenRecord(ctx, p, 2, GreenForm{Date: "2022-01-01", State: "listed", Score: "-5"})
			return err
		}, models.CodeBadQuantity, "score"},
		{"unknown level", func() error {
			_, err := AddGreenRecord(ctx, p, 2, GreenForm{Date: "2022-01-01", State: "listed", Level: "city"})
			return err
		}, models.CodeBadGreenLevel, "level"},
		{"negative budget", func() error {
			_, err := SaveMeasure(ctx, p, MeasureForm{UnitID: unit, Kind: "backfill", Budget: "-1"})
			return err
		}, models.CodeBadQuantity, "budget_wan"},
		{"end before start", func() error {
			_, err := SaveMeasure(ctx, p, MeasureForm{UnitID: unit, Kind: "backfill", Start: "2023-05-01", End: "2023-04-30"})
			return err
		}, models.CodeEndBeforeStart, "end"},
		{"progress beyond 100%", func() error { _, err := AddProgressEntry(ctx, p, measure, "2023-07-01", "4.5", "", ""); return err }, models.CodeOverPlanned, "area_ha"},
		{"negative progress", func() error { _, err := AddProgressEntry(ctx, p, measure, "2023-07-01", "", "-2", ""); return err }, models.CodeBadQuantity, "volume_m3"},
		{"problem without description", func() error {
			_, err := SaveProblem(ctx, p, ProblemForm{MineID: 1, Found: "2023-01-01", State: "open"})
			return err
		}, models.CodeMissingField, "description"},
		{"problem closed before found", func() error {
			_, err := SaveProblem(ctx, p, ProblemForm{MineID: 1, Found: "2023-01-01", Description: "x", State: "已销号", Closed: "2022-12-31"})
			return err
		}, models.CodeEndBeforeStart, "closed"},
		{"rate 0", func() error { _, err := SaveTarget(ctx, p, 0, "2024-12-31", "0", "", ""); return err }, models.CodeBadRate, "rate"},
		{"negative count", func() error { _, err := SaveTarget(ctx, p, 0, "2024-12-31", "50%", "-1", ""); return err }, models.CodeBadCount, "min_count"},
		{"share above 1", func() error { return SetZoneShareText(ctx, p, 1, "1.5") }, models.CodeBadShare, "share"},
		{"milestone without due date", func() error { _, err := SaveMilestone(ctx, p, 1, "plan", "", "", ""); return err }, models.CodeMissingField, "due"},
		{"fire state", func() error { _, err := AddFireLog(ctx, p, 1, "2022-05-01", "smoking", ""); return err }, models.CodeBadFireState, "state"},
		{"score above the maximum", func() error {
			_, err := SaveGreenScores(ctx, p, green, sheets[0], map[string]string{"mine-environment": "221"})
			return err
		}, CodeScoreOverMax, "score"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var pe *models.PlanError
			if err := tc.op(); !errors.As(err, &pe) || pe.Code != tc.code || pe.Field != tc.field {
				t.Errorf("got %v, want %s in %s", err, tc.code, tc.field)
			}
		})
	}
	// Nothing refused was written.
	if es, _ := p.Progress(ctx, measure); len(es) != 1 {
		t.Errorf("%d progress entries", len(es))
	}
	if h, _ := p.GreenHistory(ctx, 1); len(h) != 1 {
		t.Errorf("%d green records of mine 1", len(h))
	}
}

func TestEditUseCasesAccept(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	for _, date := range []string{"2021-03-05", "2021/3/5", "2021年3月5日", "２０２１－０３－０５"} {
		added, err := AddStatusRecord(ctx, p, 2, date, "停产", "")
		if err != nil {
			t.Fatalf("%s: %v", date, err)
		}
		if added != (date == "2021-03-05") {
			t.Errorf("%s: added %v (the same record again is left as it is)", date, added)
		}
	}
	h, _ := p.StatusHistory(ctx, 2)
	if len(h) != 1 || h[0].Date != models.MustDate("2021-03-05") || h[0].Status != models.StatusSuspended {
		t.Errorf("history %+v", h)
	}
	// A problem closed without a date is closed today; CloseProblem dates it.
	id, err := SaveProblem(ctx, p, ProblemForm{MineID: 1, Found: "2023-01-01", Description: "扬尘", Deadline: "2023-03-31", State: "open"})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := p.Problems(ctx, 1)
	if err := CloseProblem(ctx, p, ps[0], models.MustDate("2023-04-10")); err != nil {
		t.Fatal(err)
	}
	recs, err := MineRecordsOn(ctx, p, 1, models.MustDate("2023-06-30"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs.Problems) != 1 || recs.Problems[0].ID != id || recs.Problems[0].Status != models.Done || recs.Problems[0].Closed != models.MustDate("2023-04-10") {
		t.Errorf("problems %+v", recs.Problems)
	}
	// The targets line up with what ProgressOn evaluates.
	if _, err := SaveTarget(ctx, p, 0, "2024-06-30", "80%", "4", "mid"); err != nil {
		t.Fatal(err)
	}
	rows, prog, err := TargetsOn(ctx, p, models.MustDate("2024-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1].Label != "mid" || rows[1].Progress.Date != rows[1].Date || rows[1].Progress.Needed != models.Needed(0.8, 4, prog.Counted, prog.Green) {
		t.Errorf("targets %+v", rows)
	}
	// Zones: saving one milestone keeps the defaults when asked to.
	if err := KeepDefaultMilestones(ctx, p, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveMilestone(ctx, p, 1, "plan", "2021-04-30", "2021/5/10", ""); err != nil {
		t.Fatal(err)
	}
	z, err := ZoneOn(ctx, p, 1, models.MustDate("2022-01-15"))
	if err != nil {
		t.Fatal(err)
	}
	if len(z.Milestones) != 4 || z.Milestones[0].Status != models.Done || z.Milestones[0].DaysLate != 10 || z.Milestones[1].Status != models.Overdue {
		t.Errorf("milestones %+v", z.Milestones)
	}
}

// FuzzParsePlanQuantity: a typed quantity is either refused with a
// *models.PlanError naming the field or a finite number of zero or more.
func FuzzParsePlanQuantity(f *testing.F) {
	for _, s := range []string{"", "0", "12.5", "1,200", "-3", "NaN", "+Inf", "1e400", " 7 ", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParsePlanQuantity("area_ha", s)
		if err != nil {
			var pe *models.PlanError
			if !errors.As(err, &pe) || pe.Field != "area_ha" {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if !(v >= 0) || math.IsInf(v, 0) {
			t.Fatalf("%q gave %v", s, v)
		}
	})
}
