package app

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"minerehab/models"
)

// SampleHistories gives the bundled sample project planning histories so
// that the dashboard tells a story from March 2021 to until (0: today):
// some mines close, green-mine creation climbs towards the 2023 target
// (about 45% of counted mines listed by the end of 2023, a few later, two
// rectifying, one delisted), each district gets plan units with backfill,
// soil-cover and revegetation measures and progress (some behind, one
// overdue), problem lists, and the fire points burn out over 2021–2022
// with one reignition. The data are synthetic and deterministic (seeded by
// fid); it writes in one transaction per kind of record and expects a
// project without planning records.
func SampleHistories(ctx context.Context, p Planning, until models.Date) error {
	if until.IsZero() {
		until = models.Today()
	}
	mines, err := p.MineFacts(ctx)
	if err != nil {
		return err
	}
	start := models.MustDate("2021-03-12")
	span := until.Sub(start)
	if span < 30 {
		return nil
	}
	at := func(frac float64) models.Date { return start.AddDays(int(math.Round(frac * float64(span)))) }
	rng := rand.New(rand.NewPCG(20210312, 5))
	b := &models.RecordBatch{}
	deadline := models.MustDate("2023-12-31")
	var counted []models.MineFacts
	for _, m := range mines {
		if models.Counted(m.Status) {
			counted = append(counted, m)
		}
	}
	// One counted mine in eight closes (leaving the denominator).
	for i, m := range counted {
		if i%8 == 7 {
			b.Status = append(b.Status, models.StatusRecord{MineID: m.ID, Date: dateBetween(rng, start, until), Status: models.StatusClosed, Note: "示例：关闭退出"})
		}
	}
	// Green-mine creation: about half of the remaining counted mines get
	// listed, most of them before the end of 2023.
	n := 0
	for i, m := range counted {
		if i%8 == 7 || i%2 == 1 {
			continue
		}
		n++
		built := dateBetween(rng, start, start.AddDays(200))
		applied := dateBetween(rng, built.AddDays(60), built.AddDays(300))
		listed := applied.AddDays(60 + rng.IntN(120))
		if n%5 == 0 {
			listed = deadline.AddDays(1 + rng.IntN(300)) // late
		}
		level := models.LevelRegional
		if n%4 == 0 {
			level = models.LevelNational
		}
		steps := []models.GreenRecord{
			{MineID: m.ID, Date: built, State: models.GreenBuilding, Score: math.NaN()},
			{MineID: m.ID, Date: applied, State: models.GreenApplied, Score: math.NaN()},
			{MineID: m.ID, Date: listed, State: models.GreenListed, Level: level, Score: 800 + float64(rng.IntN(150)), Sheet: "green-2020-national"},
		}
		if n%7 == 3 {
			steps = append(steps, models.GreenRecord{MineID: m.ID, Date: listed.AddDays(200), State: models.GreenRectifying, Level: level, Score: math.NaN(), Note: "示例：按新标准复核整改"})
		}
		if n == 9 {
			steps = append(steps, models.GreenRecord{MineID: m.ID, Date: listed.AddDays(400), State: models.GreenDelisted, Score: math.NaN(), Note: "示例：复核未通过"})
		}
		for _, s := range steps {
			if s.Date <= until {
				b.Green = append(b.Green, s)
			}
		}
	}
	// Problems: two per district's first mines, one closed, one open.
	seen := map[string]int{}
	for _, m := range counted {
		if seen[m.District] >= 2 {
			continue
		}
		seen[m.District]++
		found := dateBetween(rng, start, at(0.5))
		pb := models.MineProblem{MineID: m.ID, Found: found, Category: "边坡", Description: "示例：采场边坡未削坡整形", Deadline: found.AddDays(90),
			Responsible: m.District + "自然资源局", State: models.ProblemOpen}
		if seen[m.District] == 1 {
			pb.State, pb.Closed, pb.Category, pb.Description = models.ProblemClosed, found.AddDays(70), "扬尘", "示例：运输道路未硬化"
		}
		b.Problems = append(b.Problems, pb)
	}
	if _, err := p.Record(ctx, b); err != nil {
		return fmt.Errorf("sample histories: %w", err)
	}
	// Plan units and measures for the first counted mine of each district.
	done := map[string]bool{}
	for _, m := range counted {
		if done[m.District] {
			continue
		}
		done[m.District] = true
		uid, err := p.PutPlanUnit(ctx, models.PlanUnit{Name: m.Name + " 治理单元", MineID: m.ID})
		if err != nil {
			return err
		}
		plan := []models.Measure{
			{UnitID: uid, Kind: models.MeasureBackfill, AreaHa: 20, VolumeM3: 400000, BudgetWan: 1200, Responsible: m.Name, Start: models.MustDate("2021-05-01"), End: models.MustDate("2022-10-31")},
			{UnitID: uid, Kind: models.MeasureSoilCover, AreaHa: 20, BudgetWan: 300, Responsible: m.Name, Start: models.MustDate("2022-06-01"), End: models.MustDate("2023-06-30")},
			{UnitID: uid, Kind: models.MeasureRevegetate, AreaHa: 20, BudgetWan: 260, Responsible: m.Name, Start: models.MustDate("2023-04-01"), End: models.MustDate("2024-09-30")},
		}
		var entries []models.ProgressEntry
		for k, ms := range plan {
			id, err := p.PutMeasure(ctx, ms)
			if err != nil {
				return err
			}
			// Work done in monthly steps; the district's soil cover falls behind.
			pace := 1.0
			if k == 1 && len(done) == 2 {
				pace = 0.6
			}
			months := int(math.Ceil(float64(ms.End.Sub(ms.Start)) / 30))
			var area, vol float64
			for i := 1; i <= months; i++ {
				d := ms.Start.AddDays(30 * i)
				if d > until {
					break
				}
				// Cumulative amounts, rounded, so the entries never pass the plan.
				ca := math.Min(ms.AreaHa, round(ms.AreaHa*pace*float64(i)/float64(months), 3))
				cv := math.Min(ms.VolumeM3, math.Floor(ms.VolumeM3*pace*float64(i)/float64(months)))
				entries = append(entries, models.ProgressEntry{MeasureID: id, Date: d, AreaHa: round(ca-area, 3), VolumeM3: cv - vol})
				area, vol = ca, cv
			}
		}
		if _, err := p.Record(ctx, &models.RecordBatch{Progress: entries}); err != nil {
			return fmt.Errorf("sample progress: %w", err)
		}
	}
	// Fire points: burning from 2021, treated, out by 2022; one reignites.
	var fires []models.FireLog
	if zl, ok := p.(zoneLister); ok {
		var ids []int64
		if err := zl.Features(ctx, models.LayerFirePoints, nil, func(f *models.Feature) error {
			ids = append(ids, f.ID)
			return nil
		}); err != nil {
			return err
		}
		for i, id := range ids {
			lit := dateBetween(rng, start, at(0.2))
			out := dateBetween(rng, lit.AddDays(30), lit.AddDays(500))
			steps := []models.FireLog{{PointID: id, Date: lit, State: models.FireBurning}, {PointID: id, Date: lit.AddDays(7), State: models.FireTreating}, {PointID: id, Date: out, State: models.FireExtinguished}}
			if i == 0 {
				steps = append(steps, models.FireLog{PointID: id, Date: until.AddDays(-3), State: models.FireReignited, Note: "示例：复燃"})
			}
			for _, s := range steps {
				if s.Date <= until {
					fires = append(fires, s)
				}
			}
		}
	}
	if _, err := p.Record(ctx, &models.RecordBatch{Fire: fires}); err != nil {
		return fmt.Errorf("sample fire points: %w", err)
	}
	return nil
}

// dateBetween is a date in [a, b] (a when b < a).
func dateBetween(rng *rand.Rand, a, b models.Date) models.Date {
	if b <= a {
		return a
	}
	return a.AddDays(rng.IntN(b.Sub(a) + 1))
}
