package app

import (
	"context"
	"sync"

	"minerehab/models"
)

// DashboardSession computes the dashboard of one project on dates picked
// one after another, as the dashboard window's date field does: what does
// not depend on the date (mines, histories, plan units, measures,
// problems, fire logs, zones) is read once and kept until Invalidate, and
// each further date reads only the measures' progress totals on it. The
// figures are DashboardOn's. Safe for concurrent use.
type DashboardSession struct {
	ps models.PlanningStore

	mu sync.Mutex
	pd *planData // nil until read, and after Invalidate
}

// NewDashboardSession starts a session on ps.
func NewDashboardSession(ps models.PlanningStore) *DashboardSession {
	return &DashboardSession{ps: ps}
}

// Invalidate drops what was read: the next On reads everything again.
// Call it after any change to the project's records or features.
func (s *DashboardSession) Invalidate() {
	s.mu.Lock()
	s.pd = nil
	s.mu.Unlock()
}

// On returns the dashboard on d (today when zero).
func (s *DashboardSession) On(ctx context.Context, d models.Date) (*Dashboard, error) {
	if d.IsZero() {
		d = models.Today()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pd == nil {
		pd, err := loadPlanData(ctx, s.ps, d, true)
		if err != nil {
			return nil, err
		}
		s.pd = pd
		return dashboardFrom(pd, d), nil
	}
	totals, err := s.ps.ProgressTotals(ctx, d)
	if err != nil {
		return nil, err
	}
	pd := *s.pd // the kept reads are never changed, only shared
	pd.totals = totals
	return dashboardFrom(&pd, d), nil
}
