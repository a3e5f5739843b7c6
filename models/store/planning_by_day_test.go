package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"minerehab/models"
)

// TestProgressByDayFollowsEdits makes random inserts (in and out of date
// order), deletes, edits of date, quantity and measure (as another program
// would make them, in SQL), and deletions of whole measures and units, and
// checks after each that the totals on every date of interest equal the
// sums of the entries themselves: mr_progress_by_day's triggers never
// drift from the entries.
func TestProgressByDayFollowsEdits(t *testing.T) {
	s := planStore(t)
	rng := rand.New(rand.NewPCG(7, 11))
	day0 := models.MustDate("2023-01-01")
	amounts := []float64{0, 0.01, 0.1, 0.3, 1, 2.5}
	var units []int64
	newMeasure := func() int64 {
		if len(units) == 0 || rng.IntN(3) == 0 {
			uid, err := s.PutPlanUnit(bgctx, models.PlanUnit{Name: fmt.Sprint("u", len(units))})
			if err != nil {
				t.Fatal(err)
			}
			units = append(units, uid)
		}
		id, err := s.PutMeasure(bgctx, models.Measure{UnitID: units[rng.IntN(len(units))], Kind: models.MeasureBackfill, AreaHa: 1e6, VolumeM3: 1e9})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	measures := []int64{newMeasure(), newMeasure(), newMeasure()}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.w.ExecContext(bgctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	for step := range 300 {
		entries, err := s.Progress(bgctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		op := rng.IntN(20)
		switch {
		case op < 10 || len(entries) == 0:
			var b models.RecordBatch
			for range 1 + rng.IntN(4) {
				b.Progress = append(b.Progress, models.ProgressEntry{MeasureID: measures[rng.IntN(len(measures))],
					Date: day0.AddDays(rng.IntN(60)), AreaHa: amounts[rng.IntN(len(amounts))], VolumeM3: amounts[rng.IntN(len(amounts))] * 1000})
			}
			if _, err := s.Record(bgctx, &b); err != nil {
				t.Fatal(err)
			}
		case op < 13:
			if err := s.DeleteProgress(bgctx, entries[rng.IntN(len(entries))].ID); err != nil {
				t.Fatal(err)
			}
		case op < 15:
			exec(`UPDATE mr_progress SET date = ?, area_ha = ? WHERE id = ?`, day0.AddDays(rng.IntN(60)).String(), amounts[rng.IntN(len(amounts))], entries[rng.IntN(len(entries))].ID)
		case op < 17:
			exec(`UPDATE mr_progress SET measure_id = ? WHERE id = ?`, measures[rng.IntN(len(measures))], entries[rng.IntN(len(entries))].ID)
		case op < 18:
			exec(`UPDATE mr_progress SET note = 'checked' WHERE id = ?`, entries[rng.IntN(len(entries))].ID)
		case op < 19:
			i := rng.IntN(len(measures))
			if err := s.DeleteMeasure(bgctx, measures[i]); err != nil {
				t.Fatal(err)
			}
			measures[i] = newMeasure()
		default:
			i := rng.IntN(len(units))
			if err := s.DeletePlanUnit(bgctx, units[i]); err != nil {
				t.Fatal(err)
			}
			units = append(units[:i], units[i+1:]...)
			for j, m := range measures {
				if !measureExists(t, s, m) {
					measures[j] = newMeasure()
				}
			}
		}
		checkTotalsAgainstEntries(t, s, fmt.Sprint("step ", step), day0)
	}
}

func measureExists(t *testing.T, s *Store, id int64) bool {
	t.Helper()
	var n int
	if err := s.r.QueryRowContext(bgctx, `SELECT count(*) FROM mr_measures WHERE id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// checkTotalsAgainstEntries compares ProgressTotals with models.Totals of
// the entries on days around day0's two months, within rounding.
func checkTotalsAgainstEntries(t *testing.T, s *Store, what string, day0 models.Date) {
	t.Helper()
	entries, err := s.Progress(bgctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	byMeasure := map[int64][]models.ProgressEntry{}
	for _, e := range entries {
		byMeasure[e.MeasureID] = append(byMeasure[e.MeasureID], e)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for _, off := range []int{-1, 0, 7, 30, 59, 60, 400} {
		d := day0.AddDays(off)
		got, err := s.ProgressTotals(bgctx, d)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for m, es := range byMeasure {
			want := models.Totals(es, d)
			if want.Entries == 0 {
				continue
			}
			n++
			g := got[m]
			if g.Entries != want.Entries || !near(g.AreaHa, want.AreaHa) || !near(g.VolumeM3, want.VolumeM3) {
				t.Fatalf("%s, measure %d on %s: %+v, entries sum to %+v", what, m, d, g, want)
			}
		}
		if len(got) != n {
			t.Fatalf("%s, on %s: totals for %d measures, %d have entries", what, d, len(got), n)
		}
	}
}

// downgradeTo5 makes s's file look as schema 5 left it: no
// mr_progress_by_day, no triggers keeping it.
func downgradeTo5(t *testing.T, w *sql.DB) {
	t.Helper()
	for _, q := range []string{
		`DROP TRIGGER mr_progress_by_day_insert`, `DROP TRIGGER mr_progress_by_day_delete`, `DROP TRIGGER mr_progress_by_day_update`,
		`DROP TABLE mr_progress_by_day`, `UPDATE mr_meta SET value = '5' WHERE key = 'schema_version'`,
	} {
		if _, err := w.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestProgressByDayMigration: a schema 5 file opened read-only sums the
// entries; opened for writing it gets the per-day totals of the entries it
// already holds, equal to the sums.
func TestProgressByDayMigration(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.gpkg")
	s, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "u"})
	day0 := models.MustDate("2023-01-01")
	var b models.RecordBatch
	for i := range 3 {
		m, err := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureRevegetate, AreaHa: 5})
		if err != nil {
			t.Fatal(err)
		}
		for j := range 20 {
			b.Progress = append(b.Progress, models.ProgressEntry{MeasureID: m, Date: day0.AddDays((j * 7 * (i + 1)) % 60), AreaHa: 0.1 * float64(j%3), VolumeM3: float64(j)})
		}
	}
	if _, err := s.Record(bgctx, &b); err != nil {
		t.Fatal(err)
	}
	downgradeTo5(t, s.w)
	s.Close()

	ro, err := Open(p, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	checkTotalsAgainstEntries(t, ro, "schema 5 read-only", day0)
	ro.Close()
	rw, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if rw.version != 6 {
		t.Fatalf("schema %d after opening for writing", rw.version)
	}
	checkTotalsAgainstEntries(t, rw, "migrated", day0)
}
