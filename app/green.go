package app

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"

	"minerehab/assets"
	"minerehab/models"
)

// MineByLicence finds the one mine carrying licence: CodeUnknownMine when
// none does, CodeAmbiguousMine when several do.
func MineByLicence(ctx context.Context, ps models.PlanningStore, licence string) (int64, error) {
	licence = strings.TrimSpace(licence)
	if licence == "" {
		return 0, &models.PlanError{Code: models.CodeMissingField, Field: "licence"}
	}
	ids, err := ps.MinesByLicence(ctx, licence)
	if err != nil {
		return 0, err
	}
	switch len(ids) {
	case 0:
		return 0, &models.PlanError{Code: models.CodeUnknownMine, Field: "licence", Value: licence}
	case 1:
		return ids[0], nil
	}
	return 0, &models.PlanError{Code: models.CodeAmbiguousMine, Field: "licence", Value: licence}
}

// GreenEdit is one green-mine step entered by hand (`minerehab green`).
type GreenEdit struct {
	Licence string
	Date    models.Date
	State   models.GreenState
	Level   models.GreenLevel
	Score   *float64 // nil: none
	Sheet   string
	Note    string
}

// SetGreen records a green-mine step of the mine with the edit's licence;
// added is false when the same step was already recorded.
func SetGreen(ctx context.Context, ps models.PlanningStore, e GreenEdit) (added bool, err error) {
	id, err := MineByLicence(ctx, ps, e.Licence)
	if err != nil {
		return false, err
	}
	if e.Date.IsZero() {
		e.Date = models.Today()
	}
	score := math.NaN()
	if e.Score != nil {
		score = *e.Score
	}
	res, err := ps.Record(ctx, &models.RecordBatch{Green: []models.GreenRecord{{MineID: id, Date: e.Date, State: e.State, Level: e.Level, Score: score, Sheet: e.Sheet, Note: e.Note}}})
	return res.Added == 1, err
}

// SetStatus records a production-status change of the mine with licence.
func SetStatus(ctx context.Context, ps models.PlanningStore, licence string, d models.Date, s models.MineStatus, note string) (bool, error) {
	id, err := MineByLicence(ctx, ps, licence)
	if err != nil {
		return false, err
	}
	if d.IsZero() {
		d = models.Today()
	}
	res, err := ps.Record(ctx, &models.RecordBatch{Status: []models.StatusRecord{{MineID: id, Date: d, Status: s, Note: note}}})
	return res.Added == 1, err
}

// MineHistory is a mine's two histories and planning facts, for the window's
// mine panel and `minerehab green --licence L` without --set.
type MineHistory struct {
	Mine   models.MineFacts      `json:"mine"`
	Info   models.MineInfo       `json:"info"`
	Status []models.StatusRecord `json:"status"`
	Green  []models.GreenRecord  `json:"green"`
}

// HistoryOf reads the histories of the mine with licence.
func HistoryOf(ctx context.Context, ps models.PlanningStore, licence string) (*MineHistory, error) {
	id, err := MineByLicence(ctx, ps, licence)
	if err != nil {
		return nil, err
	}
	facts, err := ps.MineFacts(ctx)
	if err != nil {
		return nil, err
	}
	h := &MineHistory{}
	for _, f := range facts {
		if f.ID == id {
			h.Mine = f
		}
	}
	if h.Info, err = ps.MineInfo(ctx, id); err != nil {
		return nil, err
	}
	if h.Status, err = ps.StatusHistory(ctx, id); err != nil {
		return nil, err
	}
	if h.Green, err = ps.GreenHistory(ctx, id); err != nil {
		return nil, err
	}
	return h, nil
}

// ScoringSheets lists the green-mine scoring sheets: the shipped ones
// (assets/scoring, e.g. green-2020-national) and the project's own (which
// replace a shipped sheet of the same id), by id.
func ScoringSheets(ctx context.Context, ps models.PlanningStore) ([]*models.ScoringSheet, error) {
	byID := map[string]*models.ScoringSheet{}
	files, err := fs.Glob(assets.Scoring, "scoring/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := assets.Scoring.ReadFile(f)
		if err != nil {
			return nil, err
		}
		s, err := models.ParseScoringSheet(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		byID[s.ID] = s
	}
	own, err := ps.ScoringSheets(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range own {
		byID[s.ID] = s
	}
	out := make([]*models.ScoringSheet, 0, len(byID))
	for _, s := range byID {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
