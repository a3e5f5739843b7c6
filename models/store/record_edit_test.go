package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// recordDump is every record table's content (and the derived tables the
// captured rows drive: progress totals, the surveys' spatial index), as
// text, for comparing a project before an edit and after its undo.
func recordDump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, tbl := range append(recordTables, "mr_progress_totals", "rtree_mr_surveys_geom") {
		rows, err := s.r.QueryContext(bgctx, "SELECT * FROM "+tbl+" ORDER BY rowid")
		if err != nil {
			t.Fatalf("dump %s: %v", tbl, err)
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "%s %v\n", tbl, cols)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				fmt.Fprintf(&b, "%T:%v|", v, v)
			}
			b.WriteString("\n")
		}
		rows.Close()
	}
	return b.String()
}

func labelled(key string) context.Context {
	return models.WithEditLabel(bgctx, models.Label{Key: key})
}

func historyLen(t *testing.T, s *Store) int {
	t.Helper()
	h, err := s.History(bgctx)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

// TestRecordEditUndoRedo: each labelled record write is one history entry;
// undoing it gives back exactly the tables as they were (cascades, derived
// totals, blobs, reals, the spatial index included), redoing it exactly
// the tables after the write.
func TestRecordEditUndoRedo(t *testing.T) {
	d := models.MustDate
	cases := []struct {
		name  string
		setup func(t *testing.T, s *Store) // unlabelled: not in the history
		write func(ctx context.Context, s *Store) error
	}{
		{"add green record", nil, func(ctx context.Context, s *Store) error {
			_, err := s.Record(ctx, &models.RecordBatch{Green: []models.GreenRecord{{MineID: 1, Date: d("2022-06-01"), State: models.GreenListed, Level: models.LevelRegional, Score: 861.5}}})
			return err
		}},
		{"edit target (real rate)", nil, func(ctx context.Context, s *Store) error {
			ts, _ := s.Targets(ctx)
			ts[0].Rate = 0.1 + 0.2
			_, err := s.PutTarget(ctx, ts[0])
			return err
		}},
		{"delete plan unit with measures, progress and a photo", func(t *testing.T, s *Store) {
			uid, err := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "一号坑治理", MineID: 1})
			if err != nil {
				t.Fatal(err)
			}
			mid, err := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureBackfill, AreaHa: 10, VolumeM3: 50000,
				Start: d("2023-01-01"), End: d("2023-01-10")})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Record(bgctx, &models.RecordBatch{Progress: []models.ProgressEntry{{MeasureID: mid, Date: d("2023-01-05"), AreaHa: 6, VolumeM3: 1.0 / 3}}}); err != nil {
				t.Fatal(err)
			}
			es, _ := s.Progress(bgctx, mid)
			if _, err := s.AddPhoto(bgctx, es[0].ID, "坑.jpg", "image/jpeg", []byte{0xff, 0xd8, 0xff, 0x00, 0x01}); err != nil {
				t.Fatal(err)
			}
		}, func(ctx context.Context, s *Store) error {
			us, _ := s.PlanUnits(ctx)
			return s.DeletePlanUnit(ctx, us[0].ID)
		}},
		{"add survey", nil, func(ctx context.Context, s *Store) error {
			return s.PutSurvey(ctx, survey("乌兰木伦沟采坑", "海南区", 106.9, 39.4))
		}},
		{"move survey", func(t *testing.T, s *Store) {
			if err := s.PutSurvey(bgctx, survey("采坑", "海南区", 106.9, 39.4)); err != nil {
				t.Fatal(err)
			}
		}, func(ctx context.Context, s *Store) error {
			ss, _ := s.Surveys(ctx, "")
			ss[0].Geometry = orb.Point{106.95, 39.45}
			return s.PutSurvey(ctx, ss[0])
		}},
		{"delete survey with photo", func(t *testing.T, s *Store) {
			sv := survey("采坑", "海南区", 106.9, 39.4)
			if err := s.PutSurvey(bgctx, sv); err != nil {
				t.Fatal(err)
			}
			p := &models.PhotoData{Photo: models.SurveyPhoto{SurveyUID: sv.UID, FileName: "a.jpg", MIME: "image/jpeg", Width: 2, Height: 1, SHA256: "x"},
				Image: []byte{1, 2, 3, 0, 255}, Thumb: []byte{9}}
			if err := s.AddSurveyPhoto(bgctx, p); err != nil {
				t.Fatal(err)
			}
		}, func(ctx context.Context, s *Store) error {
			ss, _ := s.Surveys(ctx, "")
			return s.DeleteSurvey(ctx, ss[0].UID)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := planStore(t)
			if c.setup != nil {
				c.setup(t, s)
			}
			if n := historyLen(t, s); n != 0 {
				t.Fatalf("unlabelled writes made %d history entries", n)
			}
			before := recordDump(t, s)
			if err := c.write(labelled("edit.test"), s); err != nil {
				t.Fatal(err)
			}
			after := recordDump(t, s)
			if after == before {
				t.Fatal("the write changed nothing")
			}
			if n := historyLen(t, s); n != 1 {
				t.Fatalf("history has %d entries, want 1", n)
			}
			for round := 0; round < 2; round++ {
				e, err := s.Undo(bgctx)
				if err != nil {
					t.Fatal(err)
				}
				if e.Label.Key != "edit.test" {
					t.Errorf("undo label %+v", e.Label)
				}
				if got := recordDump(t, s); got != before {
					t.Fatalf("after undo:\n%s\nwant:\n%s", got, before)
				}
				if _, err := s.Redo(bgctx); err != nil {
					t.Fatal(err)
				}
				if got := recordDump(t, s); got != after {
					t.Fatalf("after redo:\n%s\nwant:\n%s", got, after)
				}
			}
		})
	}
}

// TestRecordEditConflict: a record changed outside the history since the
// edit is not overwritten by an undo.
func TestRecordEditConflict(t *testing.T) {
	s := planStore(t)
	id, err := s.PutProblem(labelled("edit.problem"), models.MineProblem{MineID: 1, Found: models.MustDate("2022-01-01"), Category: "边坡", Description: "不稳定", State: models.ProblemOpen})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := s.Problems(bgctx, 1)
	ps[0].Description = "已削坡"
	if _, err := s.PutProblem(bgctx, ps[0]); err != nil { // not in the history
		t.Fatal(err)
	}
	if _, err := s.Undo(bgctx); !errors.Is(err, models.ErrEditConflict) {
		t.Fatalf("undo over a changed record: %v", err)
	}
	if ps, _ := s.Problems(bgctx, 1); len(ps) != 1 || ps[0].ID != id || ps[0].Description != "已削坡" {
		t.Errorf("problem after refused undo %+v", ps)
	}
}

// TestRecordEditMixedWithFeatures: record and feature edits share one
// history, undone newest first; a new edit drops the redo branch.
func TestRecordEditMixedWithFeatures(t *testing.T) {
	s := planStore(t)
	f, err := s.Feature(bgctx, models.LayerMines, 1)
	if err != nil {
		t.Fatal(err)
	}
	g := *f
	g.Attrs.Name = "改名"
	if _, err := s.Do(bgctx, &models.Edit{Label: models.Label{Key: "edit.rename"}, Changes: []models.Change{{Layer: models.LayerMines, ID: 1, Before: f, After: &g}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTarget(labelled("edit.target"), models.Target{Date: models.MustDate("2024-12-31"), Rate: 0.8}); err != nil {
		t.Fatal(err)
	}
	e, err := s.Undo(bgctx)
	if err != nil || e.Label.Key != "edit.target" {
		t.Fatalf("first undo %+v %v", e, err)
	}
	if ts, _ := s.Targets(bgctx); len(ts) != 2 {
		t.Errorf("targets after undo %+v", ts)
	}
	if e, err = s.Undo(bgctx); err != nil || e.Label.Key != "edit.rename" {
		t.Fatalf("second undo %+v %v", e, err)
	}
	// A new labelled write drops both undone entries.
	if _, err := s.PutTarget(labelled("edit.target"), models.Target{Date: models.MustDate("2024-06-30"), Rate: 0.6}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(bgctx); !errors.Is(err, models.ErrNothingToRedo) {
		t.Errorf("redo after a new edit: %v", err)
	}
	// A labelled write that changes nothing is not an entry.
	n := historyLen(t, s)
	ts, _ := s.Targets(bgctx)
	if _, err := s.PutTarget(labelled("edit.target"), ts[0]); err != nil {
		t.Fatal(err)
	}
	if historyLen(t, s) != n {
		t.Errorf("a no-op write made a history entry")
	}
	// A refused write leaves neither data nor history.
	if _, err := s.PutTarget(labelled("edit.target"), models.Target{Date: models.MustDate("2024-06-30"), Rate: -1}); err == nil {
		t.Fatal("negative rate accepted")
	}
	if historyLen(t, s) != n {
		t.Errorf("a refused write made a history entry")
	}
}
