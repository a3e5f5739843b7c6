package app

import (
	"context"
	"errors"
	"sort"

	"minerehab/models"
)

// ErrNoPlanning is returned when a store does not keep planning data.
var ErrNoPlanning = errors.New("this project store does not keep planning data")

// Planning is what the planning use cases need of an open project: the
// features and the planning tables (models/store's *Store is both).
type Planning interface {
	models.Store
	models.PlanningStore
}

// PlanningOf gives the planning side of an open project.
func PlanningOf(st models.Store) (Planning, error) {
	p, ok := st.(Planning)
	if !ok {
		return nil, ErrNoPlanning
	}
	return p, nil
}

// OpenPlanning opens a project for its planning data (see OpenProject).
func OpenPlanning(path string, readOnly bool) (Planning, error) {
	st, err := OpenProject(path, readOnly)
	if err != nil {
		return nil, err
	}
	p, err := PlanningOf(st)
	if err != nil {
		st.Close()
		return nil, err
	}
	return p, nil
}

// ProgressOn is the green-mine position on a date (0: today in Beijing):
// the figures `minerehab progress` prints and the dashboard shows.
func ProgressOn(ctx context.Context, ps models.PlanningStore, d models.Date) (*models.Progress, error) {
	if d.IsZero() {
		d = models.Today()
	}
	in, err := greenInput(ctx, ps)
	if err != nil {
		return nil, err
	}
	p := models.ComputeProgress(in, d, models.DefaultTrendDays)
	return &p, nil
}

// greenInput reads what the green-mine arithmetic needs, with each mine's
// overlap with the nature reserves (a mine in a reserve is never counted
// green) when the store can check reserves.
func greenInput(ctx context.Context, ps models.PlanningStore) (*models.GreenInput, error) {
	in, err := ps.GreenInput(ctx)
	if err != nil {
		return nil, err
	}
	if rc, ok := ps.(models.ReserveChecker); ok {
		c, err := rc.CheckReserves(ctx)
		if err != nil {
			return nil, err
		}
		in.FlagReserves(c)
	}
	return in, nil
}

// MinesOn lists every mine's state on d (the list behind a figure), in
// fid order; filter selects which (nil: all).
func MinesOn(ctx context.Context, ps models.PlanningStore, d models.Date, filter func(models.MineState) bool) ([]models.MineState, error) {
	in, err := greenInput(ctx, ps)
	if err != nil {
		return nil, err
	}
	all := models.MineStatesOn(in, d)
	if filter == nil {
		return all, nil
	}
	out := all[:0]
	for _, m := range all {
		if filter(m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// Dashboard is everything the dashboard shows for one date, computed in
// one pass over the project so that the window and the CLI agree.
type Dashboard struct {
	Progress *models.Progress `json:"progress"`
	// BurnUp is the green tally on every reporting day (15th and 30th) from
	// the plan's issue (2021-03-12) to the as-of date, and on the as-of date.
	BurnUp []models.SeriesPoint `json:"burn_up"`
	// Districts are the district names in order (by_district's keys).
	Districts []string `json:"districts"`
	// Fire is the count of active fire points on each BurnUp date.
	Fire      []FirePoint `json:"fire"`
	Deadlines *Deadlines  `json:"deadlines"`
}

// FirePoint is the count of active fire points on a date (dynamic zeroing).
type FirePoint struct {
	Date   models.Date `json:"date"`
	Active int         `json:"active"`
	Stale  int         `json:"stale"` // active without a report for more than a day
}

// PlanStart is the day the three-year action plan was issued.
var PlanStart = models.MustDate("2021-03-12")

// DashboardOn computes the dashboard for d (0: today).
func DashboardOn(ctx context.Context, ps models.PlanningStore, d models.Date) (*Dashboard, error) {
	if d.IsZero() {
		d = models.Today()
	}
	pd, err := loadPlanData(ctx, ps, d, true)
	if err != nil {
		return nil, err
	}
	return dashboardFrom(pd, d), nil
}

// dashboardFrom computes the dashboard on d from what was read for d.
func dashboardFrom(pd *planData, d models.Date) *Dashboard {
	// The deadline board (a third of the work) reads pd only: it runs
	// beside the green-mine arithmetic, on the other core.
	board := make(chan *Deadlines, 1)
	go func() { board <- deadlinesFrom(pd, d) }()
	in := pd.in
	p := models.ComputeProgress(in, d, models.DefaultTrendDays)
	dates := models.ReportDates(PlanStart, d)
	if len(dates) == 0 || dates[len(dates)-1] != d {
		dates = append(dates, d)
	}
	db := &Dashboard{Progress: &p, BurnUp: models.GreenSeries(in, dates)}
	for name := range p.ByDistrict {
		db.Districts = append(db.Districts, name)
	}
	sort.Strings(db.Districts)
	db.Fire = FireSeries(pd.logs, dates)
	db.Deadlines = <-board
	return db
}

// FireSeries counts active and stale fire points on each date.
func FireSeries(logs map[int64][]models.FireLog, dates []models.Date) []FirePoint {
	out := make([]FirePoint, len(dates))
	for i, d := range dates {
		out[i].Date = d
		for _, l := range logs {
			st, stale := models.FireOn(l, d)
			if st.Active() {
				out[i].Active++
			}
			if stale {
				out[i].Stale++
			}
		}
	}
	return out
}
