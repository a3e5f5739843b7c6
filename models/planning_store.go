package models

import "context"

// PlanningStore keeps a project's planning data: histories, targets, zones'
// milestones, plan units and measures, problem lists and fire logs.
// models/store's *Store implements it. Every write is one transaction: it
// lands whole or not at all. Ids are the rows' own; mine, zone, site and
// fire-point ids are fids of the feature tables.
type PlanningStore interface {
	// MineFacts lists every mine of the mines layer, in fid order.
	MineFacts(ctx context.Context) ([]MineFacts, error)
	// MinesByLicence returns the fids of the mines carrying licence.
	MinesByLicence(ctx context.Context, licence string) ([]int64, error)
	// GreenInput loads mines, both histories (sorted) and the targets.
	GreenInput(ctx context.Context) (*GreenInput, error)

	MineInfo(ctx context.Context, mineID int64) (MineInfo, error)
	// MineInfos reads the planning facts of every mine that has some.
	MineInfos(ctx context.Context) (map[int64]MineInfo, error)
	PutMineInfo(ctx context.Context, info MineInfo) error

	StatusHistory(ctx context.Context, mineID int64) ([]StatusRecord, error)
	GreenHistory(ctx context.Context, mineID int64) ([]GreenRecord, error)
	DeleteStatus(ctx context.Context, id int64) error
	DeleteGreen(ctx context.Context, id int64) error
	// Record writes a batch of records in one transaction; a record equal
	// to a stored one (same mine, date and state) is left as it is and
	// counted Unchanged.
	Record(ctx context.Context, b *RecordBatch) (RecordResult, error)

	Targets(ctx context.Context) ([]Target, error)
	// PutTarget adds t (ID 0) or replaces the target with its ID.
	PutTarget(ctx context.Context, t Target) (int64, error)
	DeleteTarget(ctx context.Context, id int64) error

	ScoringSheets(ctx context.Context) ([]*ScoringSheet, error)
	PutScoringSheet(ctx context.Context, s *ScoringSheet) error
	GreenScores(ctx context.Context, greenID int64) (map[string]float64, error)
	PutGreenScores(ctx context.Context, greenID int64, scores map[string]float64) error

	// ZoneShare is the member share of a zone (DefaultMemberShare when unset).
	ZoneShare(ctx context.Context, zoneID int64) (float64, error)
	SetZoneShare(ctx context.Context, zoneID int64, share float64) error
	// Milestones lists a zone's milestones (the defaults, unsaved, when it has none).
	Milestones(ctx context.Context, zoneID int64) ([]ZoneMilestone, error)
	// PutMilestone adds or replaces the zone's milestone of the same key.
	PutMilestone(ctx context.Context, m ZoneMilestone) (int64, error)

	PlanUnits(ctx context.Context) ([]PlanUnit, error)
	PutPlanUnit(ctx context.Context, u PlanUnit) (int64, error)
	// DeletePlanUnit deletes a unit with its measures, progress and photos.
	DeletePlanUnit(ctx context.Context, id int64) error
	// Measures lists the measures of a unit (all when unitID is 0).
	Measures(ctx context.Context, unitID int64) ([]Measure, error)
	// MeasureSchedules lists every measure, by id, with only what its
	// status needs (id, unit, kind, planned area and volume, start, end).
	MeasureSchedules(ctx context.Context) ([]Measure, error)
	PutMeasure(ctx context.Context, m Measure) (int64, error)
	DeleteMeasure(ctx context.Context, id int64) error
	// Progress lists a measure's entries by date (all when measureID is 0).
	Progress(ctx context.Context, measureID int64) ([]ProgressEntry, error)
	DeleteProgress(ctx context.Context, id int64) error
	// ProgressTotals sums every measure's entries dated on or before d.
	ProgressTotals(ctx context.Context, d Date) (map[int64]ProgressTotal, error)
	// AddPhoto stores a photo of a progress entry; Photo reads it back.
	AddPhoto(ctx context.Context, progressID int64, name, mime string, data []byte) (int64, error)
	Photo(ctx context.Context, id int64) (name, mime string, data []byte, err error)

	SiteRemaining(ctx context.Context, siteID int64) ([]SiteRemaining, error)
	AddSiteRemaining(ctx context.Context, r SiteRemaining) (int64, error)

	// Problems lists a mine's problem list (all mines when mineID is 0).
	Problems(ctx context.Context, mineID int64) ([]MineProblem, error)
	// ProblemSchedules lists every problem with only what its status
	// needs (id, mine, found, category, deadline, state, closed).
	ProblemSchedules(ctx context.Context) ([]MineProblem, error)
	PutProblem(ctx context.Context, p MineProblem) (int64, error)
	DeleteProblem(ctx context.Context, id int64) error

	// FireLogs lists every fire point's log, by point then date.
	FireLogs(ctx context.Context) (map[int64][]FireLog, error)
}

// MineInfo is what the planning keeps of a mine beyond its layer attributes.
type MineInfo struct {
	MineID      int64  `json:"mine_id"`
	Owner       string `json:"owner,omitempty"`
	LicenceFrom Date   `json:"licence_from"`
	LicenceTo   Date   `json:"licence_to"`
	ThreeRights bool   `json:"three_rights"` // 三权不变: owned by Ordos, supervised locally
	ZoneID      int64  `json:"zone_id,omitempty"`
	Note        string `json:"note,omitempty"`
}

// RecordBatch is the records of one bulk update, written all or nothing.
type RecordBatch struct {
	Status   []StatusRecord
	Green    []GreenRecord
	Progress []ProgressEntry
	Problems []MineProblem
	Fire     []FireLog
	Sites    []SiteRemaining
}

// Len is the number of records in the batch.
func (b *RecordBatch) Len() int {
	return len(b.Status) + len(b.Green) + len(b.Progress) + len(b.Problems) + len(b.Fire) + len(b.Sites)
}

// RecordResult counts what a batch did; IDs are the new rows' ids in batch
// order (status, green, progress, problems, fire, sites), 0 for unchanged ones.
type RecordResult struct {
	Added     int     `json:"added"`
	Unchanged int     `json:"unchanged"`
	IDs       []int64 `json:"-"`
}
