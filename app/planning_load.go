package app

import (
	"context"
	"sync"

	"minerehab/models"
)

// planData is everything the dashboard and the deadline board read from a
// project for one date. The reads are independent, so they run at once on
// the store's reader connections: the dashboard of a 10,000-mine project
// waits for its slowest read, not for their sum.
type planData struct {
	in          *models.GreenInput // with reserve flags; mines only unless withGreen
	units       []models.PlanUnit
	measures    []models.Measure
	totals      map[int64]models.ProgressTotal
	problems    []models.MineProblem
	logs        map[int64][]models.FireLog
	zones       []ZoneRef
	milestones  map[int64][]models.ZoneMilestone // by zone
	fireLicence map[int64]string                 // fire point fid → licence
}

// loadPlanData reads what the figures on d need: the green histories (and
// the reserve check) only when withGreen, the mines' facts otherwise.
func loadPlanData(ctx context.Context, ps models.PlanningStore, d models.Date, withGreen bool) (*planData, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pd := &planData{milestones: map[int64][]models.ZoneMilestone{}, fireLicence: map[int64]string{}}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	run := func(f func() error) {
		wg.Go(func() {
			if err := f(); err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
					cancel()
				}
				mu.Unlock()
			}
		})
	}
	// The longest read first: the store has a few connections and the
	// reads queue for them.
	run(func() (err error) { pd.totals, err = ps.ProgressTotals(ctx, d); return err })
	run(func() (err error) {
		if withGreen {
			pd.in, err = greenInput(ctx, ps)
			return err
		}
		mines, err := ps.MineFacts(ctx)
		pd.in = &models.GreenInput{Mines: mines}
		return err
	})
	run(func() (err error) { pd.units, err = ps.PlanUnits(ctx); return err })
	run(func() (err error) { pd.measures, err = ps.MeasureSchedules(ctx); return err })
	run(func() (err error) { pd.problems, err = ps.ProblemSchedules(ctx); return err })
	run(func() (err error) { pd.logs, err = ps.FireLogs(ctx); return err })
	if zl, ok := ps.(zoneLister); ok {
		run(func() error {
			zones, err := listZones(ctx, zl)
			if err != nil {
				return err
			}
			pd.zones = zones
			for _, z := range zones {
				ms, err := ps.Milestones(ctx, z.ID)
				if err != nil {
					return err
				}
				pd.milestones[z.ID] = ms
			}
			return nil
		})
		run(func() (err error) { pd.fireLicence, err = fireLicences(ctx, zl); return err })
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return pd, nil
}
