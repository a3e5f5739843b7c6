package app

import (
	"context"
	"math"
	"sort"
	"strconv"
	"strings"

	"minerehab/models"
)

// The window's record editors (app/gui/planedit*.go) read and write the
// planning data through these use cases: one call reads everything an
// editor shows of a mine, a fire point, a zone or the targets on a date,
// and each write takes the values as typed, checks them as `minerehab
// record` checks a spreadsheet row (dates as 2021-03-05, 2021/3/5 or
// 2021年3月5日; no negative quantities; no progress beyond 100%; no green
// record before the licence) and makes one store call, so that a write
// made with models.WithEditLabel is one undoable edit. Refusals are
// *models.PlanError naming the field (PlanMessage words them).

// ProblemView is a problem-list item with where it stands on a date.
type ProblemView struct {
	models.MineProblem
	Status   models.DeadlineStatus `json:"status"`
	DaysLate int                   `json:"days_late"`
}

// MineRecords is what the mine records editor shows of one mine on a date.
type MineRecords struct {
	AsOf     models.Date
	Mine     models.MineFacts
	Mineral  string // the mines layer's attributes (edited with SetAttribute)
	Method   string
	Info     models.MineInfo
	StatusOn models.MineStatus // the status on AsOf (latest record, else the layer's)
	GreenOn  models.GreenState // the green state on AsOf ("" when none)
	Status   []models.StatusRecord
	Green    []models.GreenRecord
	Problems []ProblemView
	// Units are the mine's plan units with their measures on AsOf;
	// Progress holds each measure's entries by measure id.
	Units    []UnitView
	Progress map[int64][]models.ProgressEntry
	Zones    []ZoneRef              // every consolidation zone, for the zone choice
	Sheets   []*models.ScoringSheet // the scoring sheets (shipped and the project's)
}

// MineRecordsOn reads a mine's records and their state on d (0: today).
func MineRecordsOn(ctx context.Context, p Planning, mineID int64, d models.Date) (*MineRecords, error) {
	if d.IsZero() {
		d = models.Today()
	}
	r := &MineRecords{AsOf: d, Progress: map[int64][]models.ProgressEntry{}}
	facts, err := p.MineFacts(ctx)
	if err != nil {
		return nil, err
	}
	found := false
	for _, f := range facts {
		if f.ID == mineID {
			r.Mine, found = f, true
		}
	}
	if !found {
		return nil, &models.PlanError{Code: models.CodeUnknownMine, Field: "mines", Value: strconv.FormatInt(mineID, 10)}
	}
	if es, ok := p.(models.EditStore); ok {
		if f, err := es.Feature(ctx, models.LayerMines, mineID); err == nil {
			r.Mineral, r.Method = f.Attrs.Mineral, f.Attrs.Method
		}
	}
	if r.Info, err = p.MineInfo(ctx, mineID); err != nil {
		return nil, err
	}
	if r.Status, err = p.StatusHistory(ctx, mineID); err != nil {
		return nil, err
	}
	if r.Green, err = p.GreenHistory(ctx, mineID); err != nil {
		return nil, err
	}
	models.SortStatus(r.Status)
	models.SortGreen(r.Green)
	r.StatusOn = models.StatusOn(r.Mine.Status, r.Status, d)
	r.GreenOn = models.GreenStateOn(r.Green, d)
	probs, err := p.Problems(ctx, mineID)
	if err != nil {
		return nil, err
	}
	for _, pr := range probs {
		st, late := models.ProblemStatusOn(pr, d)
		r.Problems = append(r.Problems, ProblemView{MineProblem: pr, Status: st, DaysLate: late})
	}
	units, err := PlanOn(ctx, p, d)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if u.MineID != mineID {
			continue
		}
		r.Units = append(r.Units, u)
		for _, m := range u.Measures {
			es, err := p.Progress(ctx, m.ID)
			if err != nil {
				return nil, err
			}
			r.Progress[m.ID] = es
		}
	}
	if r.Zones, err = listZones(ctx, p); err != nil {
		return nil, err
	}
	if r.Sheets, err = ScoringSheets(ctx, p); err != nil {
		return nil, err
	}
	return r, nil
}

// ParsePlanDate reads a date typed in a form (2021-03-05, 2021/3/5,
// 2021年3月5日); "" is the zero date unless required. Refusals name field.
func ParsePlanDate(field, s string, required bool) (models.Date, error) {
	return planDate(field, strings.TrimSpace(s), required)
}

// ParsePlanQuantity reads a quantity typed in a form ("" is 0; 1,200 is
// 1200); a negative or non-numeric value is refused naming field.
func ParsePlanQuantity(field, s string) (float64, error) {
	return planQuantity(field, strings.TrimSpace(s))
}

// AddStatusRecord records a production-status change of a mine typed in the
// window; added is false when the same change was already recorded.
func AddStatusRecord(ctx context.Context, ps models.PlanningStore, mineID int64, date, status, note string) (added bool, err error) {
	d, err := ParsePlanDate("date", date, true)
	if err != nil {
		return false, err
	}
	st, ok := models.ParseMineStatus(status)
	if !ok {
		return false, &models.PlanError{Code: models.CodeBadStatus, Field: "status", Value: status}
	}
	res, err := ps.Record(ctx, &models.RecordBatch{Status: []models.StatusRecord{{MineID: mineID, Date: d, Status: st, Note: strings.TrimSpace(note)}}})
	return res.Added == 1, err
}

// GreenForm is a green-mine step as typed in the window.
type GreenForm struct {
	Date, State, Level, Score, Sheet, Note string
}

// AddGreenRecord records a green-mine step of a mine; the store refuses a
// step dated before the mine's licence. id is 0 when the same step was
// already recorded.
func AddGreenRecord(ctx context.Context, ps models.PlanningStore, mineID int64, f GreenForm) (id int64, err error) {
	d, err := ParsePlanDate("date", f.Date, true)
	if err != nil {
		return 0, err
	}
	st, ok := models.ParseGreenState(f.State)
	if !ok {
		return 0, &models.PlanError{Code: models.CodeBadGreenState, Field: "state", Value: f.State}
	}
	lv, ok := models.ParseGreenLevel(f.Level)
	if !ok {
		return 0, &models.PlanError{Code: models.CodeBadGreenLevel, Field: "level", Value: f.Level}
	}
	score := math.NaN()
	if s := strings.TrimSpace(f.Score); s != "" {
		if score, err = ParsePlanQuantity("score", s); err != nil {
			return 0, err
		}
	}
	res, err := ps.Record(ctx, &models.RecordBatch{Green: []models.GreenRecord{{MineID: mineID, Date: d, State: st, Level: lv,
		Score: score, Sheet: strings.TrimSpace(f.Sheet), Note: strings.TrimSpace(f.Note)}}})
	if err != nil || len(res.IDs) == 0 {
		return 0, err
	}
	return res.IDs[0], nil
}

// CodeScoreOverMax is the code of a *models.PlanError for an indicator
// score above the indicator's maximum (Detail: the maximum).
const CodeScoreOverMax = "score-over-max"

// SaveGreenScores checks first-level scores typed per indicator against a
// scoring sheet (numbers of zero or more, at most the indicator's maximum
// when the sheet knows it; empty ones are left out) and stores them for
// the green record, returning the sheet's verdict.
func SaveGreenScores(ctx context.Context, ps models.PlanningStore, greenID int64, sheet *models.ScoringSheet, typed map[string]string) (models.Evaluation, error) {
	scores := map[string]float64{}
	for _, in := range sheet.Indicators {
		s := strings.TrimSpace(typed[in.ID])
		if s == "" {
			continue
		}
		v, err := ParsePlanQuantity("score", s)
		if err != nil {
			return models.Evaluation{}, err
		}
		if in.Max != nil && v > in.Max.Value {
			return models.Evaluation{}, &models.PlanError{Code: CodeScoreOverMax, Field: "score", Value: s, Detail: strconv.FormatFloat(in.Max.Value, 'f', -1, 64)}
		}
		scores[in.ID] = v
	}
	if err := ps.PutGreenScores(ctx, greenID, scores); err != nil {
		return models.Evaluation{}, err
	}
	return sheet.Evaluate(scores), nil
}

// ProblemForm is a problem-list item as typed in the window; ID 0 adds one.
type ProblemForm struct {
	ID, MineID                                                 int64
	Found, Category, Description, Deadline, Responsible, State string
	Closed, Evidence                                           string
}

// SaveProblem adds or replaces a problem-list item. A problem set closed
// without a closing date is closed on today's date.
func SaveProblem(ctx context.Context, ps models.PlanningStore, f ProblemForm) (int64, error) {
	p := models.MineProblem{ID: f.ID, MineID: f.MineID, Category: strings.TrimSpace(f.Category), Description: strings.TrimSpace(f.Description),
		Responsible: strings.TrimSpace(f.Responsible), Evidence: strings.TrimSpace(f.Evidence)}
	var err error
	if p.Found, err = ParsePlanDate("found", f.Found, true); err != nil {
		return 0, err
	}
	if p.Deadline, err = ParsePlanDate("deadline", f.Deadline, false); err != nil {
		return 0, err
	}
	if p.Closed, err = ParsePlanDate("closed", f.Closed, false); err != nil {
		return 0, err
	}
	st, ok := models.ParseProblemState(f.State)
	if !ok {
		return 0, &models.PlanError{Code: models.CodeBadProblemState, Field: "state", Value: f.State}
	}
	p.State = st
	if p.Description == "" {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "description"}
	}
	if st == models.ProblemClosed && p.Closed.IsZero() {
		p.Closed = models.Today()
	}
	if !p.Closed.IsZero() && p.Closed < p.Found {
		return 0, &models.PlanError{Code: models.CodeEndBeforeStart, Field: "closed", Value: p.Closed.String()}
	}
	return ps.PutProblem(ctx, p)
}

// CloseProblem closes a problem after its check on d.
func CloseProblem(ctx context.Context, ps models.PlanningStore, p models.MineProblem, d models.Date) error {
	if d < p.Found {
		d = p.Found
	}
	p.State, p.Closed = models.ProblemClosed, d
	_, err := ps.PutProblem(ctx, p)
	return err
}

// MineInfoForm is a mine's planning facts as typed in the window.
type MineInfoForm struct {
	MineID                int64
	Owner, From, To, Note string
	ThreeRights           bool
	ZoneID                int64 // 0: none (membership by overlap)
}

// SaveMineInfo writes a mine's planning facts.
func SaveMineInfo(ctx context.Context, ps models.PlanningStore, f MineInfoForm) error {
	info := models.MineInfo{MineID: f.MineID, Owner: strings.TrimSpace(f.Owner), ThreeRights: f.ThreeRights, ZoneID: f.ZoneID, Note: strings.TrimSpace(f.Note)}
	var err error
	if info.LicenceFrom, err = ParsePlanDate("licence_from", f.From, false); err != nil {
		return err
	}
	if info.LicenceTo, err = ParsePlanDate("licence_to", f.To, false); err != nil {
		return err
	}
	return ps.PutMineInfo(ctx, info)
}

// MeasureForm is a measure as typed in the window; ID 0 adds one.
type MeasureForm struct {
	ID, UnitID                                          int64
	Kind, Area, Volume, Budget, Responsible, Start, End string
	Note                                                string
}

// SaveMeasure adds or replaces a measure of a plan unit.
func SaveMeasure(ctx context.Context, ps models.PlanningStore, f MeasureForm) (int64, error) {
	m := models.Measure{ID: f.ID, UnitID: f.UnitID, Responsible: strings.TrimSpace(f.Responsible), Note: strings.TrimSpace(f.Note)}
	k, ok := models.ParseMeasureKind(f.Kind)
	if !ok {
		return 0, &models.PlanError{Code: models.CodeBadMeasure, Field: "kind", Value: f.Kind}
	}
	m.Kind = k
	var err error
	for _, q := range []struct {
		field, s string
		v        *float64
	}{{"area_ha", f.Area, &m.AreaHa}, {"volume_m3", f.Volume, &m.VolumeM3}, {"budget_wan", f.Budget, &m.BudgetWan}} {
		if *q.v, err = ParsePlanQuantity(q.field, q.s); err != nil {
			return 0, err
		}
	}
	if m.Start, err = ParsePlanDate("start", f.Start, false); err != nil {
		return 0, err
	}
	if m.End, err = ParsePlanDate("end", f.End, false); err != nil {
		return 0, err
	}
	if !m.Start.IsZero() && !m.End.IsZero() && m.End < m.Start {
		return 0, &models.PlanError{Code: models.CodeEndBeforeStart, Field: "end", Value: m.End.String()}
	}
	return ps.PutMeasure(ctx, m)
}

// AddMineUnit adds a plan unit for a mine.
func AddMineUnit(ctx context.Context, ps models.PlanningStore, mineID int64, name string) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "plan_unit"}
	}
	return ps.PutPlanUnit(ctx, models.PlanUnit{Name: name, MineID: mineID})
}

// AddProgressEntry records work done on a measure; the store refuses work
// taking the measure beyond its planned area or volume.
func AddProgressEntry(ctx context.Context, ps models.PlanningStore, measureID int64, date, area, volume, note string) (added bool, err error) {
	e := models.ProgressEntry{MeasureID: measureID, Note: strings.TrimSpace(note)}
	if e.Date, err = ParsePlanDate("date", date, true); err != nil {
		return false, err
	}
	if e.AreaHa, err = ParsePlanQuantity("area_ha", area); err != nil {
		return false, err
	}
	if e.VolumeM3, err = ParsePlanQuantity("volume_m3", volume); err != nil {
		return false, err
	}
	res, err := ps.Record(ctx, &models.RecordBatch{Progress: []models.ProgressEntry{e}})
	return res.Added == 1, err
}

// FireRecords is a fire point's daily log and its state on a date.
type FireRecords struct {
	AsOf  models.Date
	Point ZoneRef // the point's fid and name
	Log   []models.FireLog
	State models.FireState // "" before any report
	// Stale: still active and the last report more than a day before AsOf;
	// DaysSince counts the days since the last report (-1 when none).
	Stale     bool
	DaysSince int
}

// FireRecordsOn reads a fire point's log and state on d (0: today).
func FireRecordsOn(ctx context.Context, p Planning, pointID int64, d models.Date) (*FireRecords, error) {
	if d.IsZero() {
		d = models.Today()
	}
	r := &FireRecords{AsOf: d, Point: ZoneRef{ID: pointID}, DaysSince: -1}
	if es, ok := p.(models.EditStore); ok {
		f, err := es.Feature(ctx, models.LayerFirePoints, pointID)
		if err != nil {
			return nil, err
		}
		r.Point.Name = f.Attrs.Name
	}
	logs, err := p.FireLogs(ctx)
	if err != nil {
		return nil, err
	}
	r.Log = logs[pointID]
	r.State, r.Stale = models.FireOn(r.Log, d)
	for _, l := range r.Log {
		if l.Date <= d {
			r.DaysSince = d.Sub(l.Date)
		}
	}
	return r, nil
}

// AddFireLog adds a daily report of a fire point.
func AddFireLog(ctx context.Context, ps models.PlanningStore, pointID int64, date, state, note string) (added bool, err error) {
	d, err := ParsePlanDate("date", date, true)
	if err != nil {
		return false, err
	}
	st, ok := models.ParseFireState(state)
	if !ok {
		return false, &models.PlanError{Code: models.CodeBadFireState, Field: "state", Value: state}
	}
	res, err := ps.Record(ctx, &models.RecordBatch{Fire: []models.FireLog{{PointID: pointID, Date: d, State: st, Note: strings.TrimSpace(note)}}})
	return res.Added == 1, err
}

// ZoneOn is one consolidation zone on a date (see ZonesOn).
func ZoneOn(ctx context.Context, p Planning, zoneID int64, d models.Date) (*ZoneSummary, error) {
	if d.IsZero() {
		d = models.Today()
	}
	zs, err := ZonesOn(ctx, p, d)
	if err != nil {
		return nil, err
	}
	for i := range zs {
		if zs[i].ID == zoneID {
			return &zs[i], nil
		}
	}
	return nil, &models.PlanError{Code: models.CodeUnknownRecord, Field: "zones", Value: strconv.FormatInt(zoneID, 10)}
}

// SaveMilestone adds or replaces a zone milestone (by key).
func SaveMilestone(ctx context.Context, ps models.PlanningStore, zoneID int64, key, due, done, note string) (int64, error) {
	m := models.ZoneMilestone{ZoneID: zoneID, Key: strings.TrimSpace(key), Note: strings.TrimSpace(note)}
	if m.Key == "" {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "milestone"}
	}
	var err error
	if m.Due, err = ParsePlanDate("due", due, true); err != nil {
		return 0, err
	}
	if m.Done, err = ParsePlanDate("done", done, false); err != nil {
		return 0, err
	}
	return ps.PutMilestone(ctx, m)
}

// SetZoneShareText sets a zone's member share typed as 0.5 or 50%.
func SetZoneShareText(ctx context.Context, ps models.PlanningStore, zoneID int64, share string) error {
	v, err := models.ParseRate(share)
	if err != nil {
		return &models.PlanError{Code: models.CodeBadShare, Field: "share", Value: share}
	}
	return ps.SetZoneShare(ctx, zoneID, v)
}

// TargetRow is a target with what it needs on a date.
type TargetRow struct {
	models.Target
	Progress models.TargetProgress
}

// TargetsOn lists the targets, by date, with what each needs on d (0: today).
func TargetsOn(ctx context.Context, ps models.PlanningStore, d models.Date) ([]TargetRow, *models.Progress, error) {
	p, err := ProgressOn(ctx, ps, d)
	if err != nil {
		return nil, nil, err
	}
	ts, err := ps.Targets(ctx)
	if err != nil {
		return nil, nil, err
	}
	// ComputeProgress evaluates the targets sorted by date, stably; the
	// store lists them by date then id: the same order.
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Date < ts[j].Date })
	out := make([]TargetRow, len(ts))
	for i, t := range ts {
		out[i].Target = t
		if i < len(p.Targets) {
			out[i].Progress = p.Targets[i]
		}
	}
	return out, p, nil
}

// SaveTarget adds (id 0) or replaces a target typed in the window: a
// date, a rate (0.476 or 47.6%), an optional minimum count and a label.
func SaveTarget(ctx context.Context, ps models.PlanningStore, id int64, date, rate, count, label string) (int64, error) {
	t := models.Target{ID: id, Label: strings.TrimSpace(label)}
	var err error
	if t.Date, err = ParsePlanDate("date", date, true); err != nil {
		return 0, err
	}
	if t.Rate, err = models.ParseRate(rate); err != nil {
		return 0, &models.PlanError{Code: models.CodeBadRate, Field: "rate", Value: rate}
	}
	if c := strings.TrimSpace(count); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 {
			return 0, &models.PlanError{Code: models.CodeBadCount, Field: "min_count", Value: c}
		}
		t.MinCount = n
	}
	return ps.PutTarget(ctx, t)
}

// KeepDefaultMilestones stores the policy's default milestones of a zone
// that has none stored yet, so that editing one of them keeps the others
// (a zone with stored milestones lists only those). Callers pass a context
// without an edit label: the defaults are what the zone already showed.
func KeepDefaultMilestones(ctx context.Context, ps models.PlanningStore, zoneID int64) error {
	ms, err := ps.Milestones(ctx, zoneID)
	if err != nil || len(ms) == 0 || ms[0].ID != 0 {
		return err
	}
	for _, m := range ms {
		if _, err := ps.PutMilestone(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
