package app

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
	"minerehab/models/store"
)

func buildBigPlan(path string) error {
	st, err := store.Create(path)
	if err != nil {
		return err
	}
	im, err := st.BeginImport(context.Background())
	if err != nil {
		return err
	}
	districts := []string{"海勃湾区", "乌达区", "海南区"}
	statuses := []models.MineStatus{models.StatusProducing, models.StatusProducing, models.StatusSuspended, models.StatusConstruction, models.StatusClosed}
	for i := range 10000 {
		x, y := 106.6+float64(i%100)*0.005, 39.2+float64(i/100)*0.006
		g := orb.MultiPolygon{{{{x, y}, {x + 0.004, y}, {x + 0.004, y + 0.004}, {x, y + 0.004}, {x, y}}}}
		f := &models.Feature{Layer: models.LayerMines, Geometry: g, AreaM2: 1e5,
			Attrs: models.Attrs{Licence: fmt.Sprintf("C%012d", i), Name: fmt.Sprint("矿", i), District: districts[i%3], Status: statuses[i%5]}}
		if _, err := im.Put(f, models.KeySpec{}); err != nil {
			return err
		}
	}
	for i := range 1000 {
		if _, err := im.Put(&models.Feature{Layer: models.LayerFirePoints, Geometry: orb.Point{106.6 + float64(i)*0.0003, 39.3}}, models.KeySpec{}); err != nil {
			return err
		}
	}
	if err := im.Commit(); err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	day := func(n int) string { return models.MustDate("2021-03-12").AddDays(n % 1400).String() }
	exec := func(q string, rows int, args func(i int) []any) error {
		stmt, err := tx.Prepare(q)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range rows {
			if _, err := stmt.Exec(args(i)...); err != nil {
				return err
			}
		}
		return nil
	}
	steps := []struct {
		q    string
		n    int
		args func(i int) []any
	}{
		{`INSERT INTO mr_mine_status (mine_fid, date, status) VALUES (?, ?, ?)`, 20000, func(i int) []any {
			return []any{i/2 + 1, day(i * 37), string(statuses[(i*7)%5])}
		}},
		{`INSERT INTO mr_green (mine_fid, date, state) VALUES (?, ?, ?)`, 30000, func(i int) []any {
			return []any{i/3 + 1, day(200*(i%3) + i%500), []string{"building", "applied", "listed"}[i%3]}
		}},
		{`INSERT INTO mr_plan_units (name, mine_fid) VALUES (?, ?)`, 10000, func(i int) []any { return []any{fmt.Sprint("u", i), i + 1} }},
		{`INSERT INTO mr_measures (unit_id, kind, area_ha, start, end) VALUES (?, ?, ?, ?, ?)`, 20000, func(i int) []any {
			return []any{i/2 + 1, "backfill", 1000.0, day(i % 300), day(i%300 + 600)}
		}},
		{`INSERT INTO mr_progress (measure_id, date, area_ha) VALUES (?, ?, ?)`, 1000000, func(i int) []any {
			return []any{i%20000 + 1, day(i / 20000 * 20), 0.01}
		}},
		{`INSERT INTO mr_problems (mine_fid, found, description, deadline, state) VALUES (?, ?, 'x', ?, 'open')`, 5000, func(i int) []any {
			return []any{i*2 + 1, day(i), day(i + 90)}
		}},
		{`INSERT INTO mr_fire_log (point_fid, date, state) VALUES (?, ?, ?)`, 20000, func(i int) []any {
			return []any{i%1000 + 1, day(i / 1000 * 30), []string{"burning", "treating", "extinguished"}[i/1000%3]}
		}},
	}
	for _, s := range steps {
		if err := exec(s.q, s.n, s.args); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// BenchmarkPlanning10k1M measures, on a project of 10,000 mines in three
// districts with 2 status and 3 green records per mine, 20,000 plan
// measures, 1,000,000 progress entries, 5,000 problems and 1,000 fire
// points' logs (the size the figures are stated for; built once,
// outside the timings):
//   - progress: `minerehab progress` (load and compute);
//   - dashboard-today: the whole dashboard on a date after every entry, the
//     usual case, where measures' running totals serve;
//   - dashboard-past: the dashboard on a past date, summing entries;
//   - date-change-today, date-change-past: the dashboard window moving to
//     another date (a DashboardSession that has read the project once:
//     the progress totals on the date and the computation).
func BenchmarkPlanning10k1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.gpkg")
	if err := buildBigPlan(path); err != nil {
		b.Fatal(err)
	}
	p, err := OpenPlanning(path, true)
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	b.Run("progress", func(b *testing.B) {
		for b.Loop() {
			if _, err := ProgressOn(ctx, p, models.MustDate("2023-06-15")); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, c := range []struct{ name, date string }{{"dashboard-today", "2025-06-30"}, {"dashboard-past", "2023-06-15"}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := DashboardOn(ctx, p, models.MustDate(c.date)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	s := NewDashboardSession(p)
	if _, err := s.On(ctx, models.MustDate("2024-01-01")); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, date string }{{"date-change-today", "2025-06-30"}, {"date-change-past", "2023-06-15"}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.On(ctx, models.MustDate(c.date)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
