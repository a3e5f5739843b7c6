package store

import (
	"reflect"
	"testing"

	"minerehab/models"
)

// TestSchedulesAreMeasuresAndProblemsLessText: the deadline board's lean
// reads give what the full ones give, less the text the board does not
// show, in the same order.
func TestSchedulesAreMeasuresAndProblemsLessText(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	uid, err := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "一号坑", MineID: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []models.Measure{
		{UnitID: uid, Kind: models.MeasureBackfill, AreaHa: 2.5, VolumeM3: 12000, BudgetWan: 80, Responsible: "海勃湾区自然资源局", Start: d("2022-03-01"), End: d("2023-06-30"), Note: "分两期"},
		{UnitID: uid, Kind: models.MeasureFire, Note: "无日期"},
		{UnitID: uid, Kind: models.MeasureRevegetate, AreaHa: 0.75, End: d("2024-10-31")},
	} {
		if _, err := s.PutMeasure(bgctx, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []models.MineProblem{
		{MineID: 2, Found: d("2022-05-01"), Category: "边坡", Description: "边坡不稳", Deadline: d("2022-12-31"), Responsible: "矿山企业", State: models.ProblemOpen, Evidence: "照片"},
		{MineID: 1, Found: d("2021-07-10"), Category: "扬尘", Description: "未覆盖", State: models.ProblemClosed, Closed: d("2021-09-01")},
		{MineID: 1, Found: d("2021-07-10"), Category: "自燃", Description: "火点", Deadline: d("2021-08-01"), State: models.ProblemRectifying},
	} {
		if _, err := s.PutProblem(bgctx, p); err != nil {
			t.Fatal(err)
		}
	}
	full, err := s.Measures(bgctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range full {
		full[i].BudgetWan, full[i].Responsible, full[i].Note = 0, "", ""
	}
	lean, err := s.MeasureSchedules(bgctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(lean) != 3 || !reflect.DeepEqual(lean, full) {
		t.Errorf("measure schedules\n%+v\nwant\n%+v", lean, full)
	}
	fullP, err := s.Problems(bgctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range fullP {
		fullP[i].Description, fullP[i].Responsible, fullP[i].Evidence = "", "", ""
	}
	leanP, err := s.ProblemSchedules(bgctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(leanP) != 3 || !reflect.DeepEqual(leanP, fullP) {
		t.Errorf("problem schedules\n%+v\nwant\n%+v", leanP, fullP)
	}
}
