package app

import (
	"context"

	"minerehab/models"
)

// MeasureView is a measure with where it stands on a date (the plan
// screen's rows and `minerehab plan`).
type MeasureView struct {
	models.Measure
	models.MeasureState
	Total models.ProgressTotal `json:"total"`
}

// UnitView is a plan unit with its mine's licence and its measures.
type UnitView struct {
	models.PlanUnit
	Licence  string        `json:"licence,omitempty"`
	Measures []MeasureView `json:"measures"`
	// BudgetWan sums the measures' budgets (万元).
	BudgetWan float64 `json:"budget_wan"`
}

// PlanOn lists every plan unit with its measures' status on d.
func PlanOn(ctx context.Context, ps models.PlanningStore, d models.Date) ([]UnitView, error) {
	units, err := ps.PlanUnits(ctx)
	if err != nil {
		return nil, err
	}
	mines, err := ps.MineFacts(ctx)
	if err != nil {
		return nil, err
	}
	licence := map[int64]string{}
	for _, m := range mines {
		licence[m.ID] = m.Licence
	}
	measures, err := ps.Measures(ctx, 0)
	if err != nil {
		return nil, err
	}
	totals, err := ps.ProgressTotals(ctx, d)
	if err != nil {
		return nil, err
	}
	index := map[int64]int{}
	out := make([]UnitView, len(units))
	for i, u := range units {
		out[i] = UnitView{PlanUnit: u, Licence: licence[u.MineID], Measures: []MeasureView{}}
		index[u.ID] = i
	}
	for _, m := range measures {
		i, ok := index[m.UnitID]
		if !ok {
			continue
		}
		t := totals[m.ID]
		out[i].Measures = append(out[i].Measures, MeasureView{Measure: m, MeasureState: models.MeasureStatusOnTotal(m, t, d), Total: t})
		out[i].BudgetWan += m.BudgetWan
	}
	return out, nil
}

// AddUnit adds a plan unit for the mine with licence (may be "") or zone.
func AddUnit(ctx context.Context, ps models.PlanningStore, name, licence string, zoneID int64) (int64, error) {
	u := models.PlanUnit{Name: name, ZoneID: zoneID}
	if licence != "" {
		id, err := MineByLicence(ctx, ps, licence)
		if err != nil {
			return 0, err
		}
		u.MineID = id
	}
	if u.Name == "" {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "plan_unit"}
	}
	return ps.PutPlanUnit(ctx, u)
}
