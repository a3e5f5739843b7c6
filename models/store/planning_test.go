package store

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/models"
)

func planCode(err error) string {
	var pe *models.PlanError
	if errors.As(err, &pe) {
		return pe.Code
	}
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	return ""
}

// planStore is a project with three mines (fids 1..3, the third closed in
// the layer), one zone, one site and one fire point.
func planStore(t *testing.T) *Store {
	t.Helper()
	s := newStore(t)
	m3 := mine(3, 106.9, 39.6)
	m3.Attrs.Status = models.StatusClosed
	m3.Attrs.District = "乌达区"
	zone := &models.Feature{Layer: models.LayerZones, Geometry: orb.MultiPolygon{{ring(106.85, 39.55, 0.1, 0.1, 8)}}}
	site := &models.Feature{Layer: models.LayerSites, Geometry: orb.MultiPolygon{{ring(106.8, 39.5, 0.001, 0.001, 8)}}, Attrs: models.Attrs{Kind: models.SitePit}}
	fire := &models.Feature{Layer: models.LayerFirePoints, Geometry: orb.Point{106.8, 39.5}}
	importAll(t, s, models.KeySpec{Field: "licence"}, mine(1, 106.8, 39.5), mine(2, 106.85, 39.55), m3)
	importAll(t, s, models.KeySpec{}, zone, site, fire)
	return s
}

func TestPlanningSchemaDefaults(t *testing.T) {
	s := planStore(t)
	ts, err := s.Targets(bgctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Rate != 0.476 || ts[0].Date.String() != "2023-12-31" || ts[1].Rate != 1 || ts[1].Date.String() != "2025-12-31" {
		t.Errorf("default targets %+v", ts)
	}
	facts, err := s.MineFacts(bgctx)
	if err != nil || len(facts) != 3 || facts[2].Status != models.StatusClosed || facts[0].Licence == "" {
		t.Fatalf("mine facts %+v %v", facts, err)
	}
	ids, err := s.MinesByLicence(bgctx, facts[1].Licence)
	if err != nil || len(ids) != 1 || ids[0] != facts[1].ID {
		t.Errorf("MinesByLicence %v %v", ids, err)
	}
	ms, err := s.Milestones(bgctx, 1)
	if err != nil || len(ms) != 4 || ms[0].ID != 0 || ms[0].ZoneID != 1 {
		t.Errorf("default milestones %+v %v", ms, err)
	}
	if sh, err := s.ZoneShare(bgctx, 1); err != nil || sh != models.DefaultMemberShare {
		t.Errorf("zone share %v %v", sh, err)
	}
}

func TestPlanningRecordAndProgress(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	b := &models.RecordBatch{
		Status: []models.StatusRecord{{MineID: 2, Date: d("2023-06-01"), Status: models.StatusClosed}},
		Green: []models.GreenRecord{
			{MineID: 1, Date: d("2022-05-01"), State: models.GreenListed, Level: models.LevelRegional, Score: 850, Sheet: "green-2020-national"},
			{MineID: 2, Date: d("2023-12-31"), State: models.GreenListed, Score: math.NaN()},
		},
	}
	res, err := s.Record(bgctx, b)
	if err != nil || res.Added != 3 || res.Unchanged != 0 || len(res.IDs) != 3 {
		t.Fatalf("record %+v %v", res, err)
	}
	// The same batch again changes nothing.
	res, err = s.Record(bgctx, b)
	if err != nil || res.Added != 0 || res.Unchanged != 3 {
		t.Fatalf("re-record %+v %v", res, err)
	}
	in, err := s.GreenInput(bgctx)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := s.GreenHistory(bgctx, 1); len(h) != 1 || h[0].Score != 850 || h[0].Level != models.LevelRegional || h[0].Sheet != "green-2020-national" {
		t.Errorf("green history %+v", h)
	}
	if h, _ := s.GreenHistory(bgctx, 2); len(h) != 1 || h[0].HasScore() || len(in.Green[2]) != 1 {
		t.Errorf("green history of 2 %+v", h)
	}
	// 2023-12-31: mine 1 producing + green; mine 2 closed since 2023-06-01; mine 3 closed.
	p := models.ComputeProgress(in, d("2023-12-31"), 0)
	if p.Counted != 1 || p.Green != 1 || p.GreenUncounted != 1 || !p.Targets[0].Met {
		t.Errorf("progress %+v", p)
	}
	// 2023-05-31: mines 1, 2 counted, 1 green: ⌈0.952⌉ = 1 → met; 2025 needs 1.
	p = models.ComputeProgress(in, d("2023-05-31"), 0)
	if p.Counted != 2 || p.Green != 1 || p.Targets[0].Needed != 0 || p.Targets[1].Needed != 1 {
		t.Errorf("progress May %+v", p)
	}
	// Deleting a record.
	if err := s.DeleteStatus(bgctx, in.Status[2][0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStatus(bgctx, 9999); planCode(err) != models.CodeUnknownRecord {
		t.Errorf("delete unknown: %v", err)
	}
}

func TestPlanningRecordRefusesWholeBatch(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	if err := s.PutMineInfo(bgctx, models.MineInfo{MineID: 1, Owner: "乌海某煤业", LicenceFrom: d("2020-01-01"), LicenceTo: d("2030-01-01"), ThreeRights: true}); err != nil {
		t.Fatal(err)
	}
	info, err := s.MineInfo(bgctx, 1)
	if err != nil || !info.ThreeRights || info.LicenceFrom.String() != "2020-01-01" || info.Owner != "乌海某煤业" {
		t.Errorf("mine info %+v %v", info, err)
	}
	good := models.StatusRecord{MineID: 1, Date: d("2023-01-01"), Status: models.StatusSuspended}
	tests := []struct {
		name string
		b    models.RecordBatch
		code string
	}{
		{"unknown mine", models.RecordBatch{Status: []models.StatusRecord{good, {MineID: 99, Date: d("2023-01-01"), Status: models.StatusClosed}}}, models.CodeUnknownMine},
		{"bad status", models.RecordBatch{Status: []models.StatusRecord{good, {MineID: 1, Date: d("2023-01-02"), Status: "sleeping"}}}, models.CodeBadStatus},
		{"green before licence", models.RecordBatch{Status: []models.StatusRecord{good}, Green: []models.GreenRecord{{MineID: 1, Date: d("2019-12-31"), State: models.GreenListed, Score: math.NaN()}}}, models.CodeBeforeLicence},
		{"negative score", models.RecordBatch{Status: []models.StatusRecord{good}, Green: []models.GreenRecord{{MineID: 1, Date: d("2021-01-01"), State: models.GreenListed, Score: -1}}}, models.CodeBadQuantity},
		{"bad level", models.RecordBatch{Status: []models.StatusRecord{good}, Green: []models.GreenRecord{{MineID: 1, Date: d("2021-01-01"), State: models.GreenListed, Level: "city", Score: math.NaN()}}}, models.CodeBadGreenLevel},
		{"unknown fire point", models.RecordBatch{Status: []models.StatusRecord{good}, Fire: []models.FireLog{{PointID: 7, Date: d("2021-01-01"), State: models.FireBurning}}}, models.CodeUnknownRecord},
	}
	for _, tc := range tests {
		_, err := s.Record(bgctx, &tc.b)
		if planCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
		if h, _ := s.StatusHistory(bgctx, 1); len(h) != 0 {
			t.Fatalf("%s: the good record landed: %+v", tc.name, h)
		}
	}
}

func TestPlanningTargets(t *testing.T) {
	s := planStore(t)
	ts, _ := s.Targets(bgctx)
	ts[0].MinCount = 25
	if _, err := s.PutTarget(bgctx, ts[0]); err != nil {
		t.Fatal(err)
	}
	id, err := s.PutTarget(bgctx, models.Target{Date: models.MustDate("2024-12-31"), Rate: 0.75, Label: "mid"})
	if err != nil || id == 0 {
		t.Fatal(err)
	}
	ts, _ = s.Targets(bgctx)
	if len(ts) != 3 || ts[0].MinCount != 25 || ts[1].Label != "mid" || ts[1].Rate != 0.75 {
		t.Errorf("targets %+v", ts)
	}
	for name, bad := range map[string]models.Target{
		"zero rate": {Date: models.MustDate("2024-01-01"), Rate: 0},
		"rate > 1":  {Date: models.MustDate("2024-01-01"), Rate: 1.5},
		"no date":   {Rate: 0.5},
		"neg count": {Date: models.MustDate("2024-01-01"), Rate: 0.5, MinCount: -1},
		"unknown":   {ID: 999, Date: models.MustDate("2024-01-01"), Rate: 0.5},
	} {
		if _, err := s.PutTarget(bgctx, bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := s.DeleteTarget(bgctx, id); err != nil {
		t.Fatal(err)
	}
	if ts, _ = s.Targets(bgctx); len(ts) != 2 {
		t.Errorf("after delete %+v", ts)
	}
}

func TestPlanningMeasures(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	uid, err := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "一号坑治理", MineID: 1, ZoneID: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "x", MineID: 42}); planCode(err) != models.CodeUnknownMine {
		t.Errorf("unit of unknown mine: %v", err)
	}
	mid, err := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureBackfill, AreaHa: 10, VolumeM3: 50000, BudgetWan: 300,
		Responsible: "海勃湾区自然资源局", Start: d("2023-01-01"), End: d("2023-01-10")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureBackfill, AreaHa: -1}); planCode(err) != models.CodeBadQuantity {
		t.Errorf("negative quantity: %v", err)
	}
	ok := &models.RecordBatch{Progress: []models.ProgressEntry{{MeasureID: mid, Date: d("2023-01-05"), AreaHa: 6, VolumeM3: 30000}}}
	if _, err := s.Record(bgctx, ok); err != nil {
		t.Fatal(err)
	}
	// 6 + 5 ha > 10 ha planned: beyond 100%.
	over := &models.RecordBatch{Progress: []models.ProgressEntry{{MeasureID: mid, Date: d("2023-01-06"), AreaHa: 5}}}
	if _, err := s.Record(bgctx, over); planCode(err) != models.CodeOverPlanned {
		t.Errorf("over planned: %v", err)
	}
	neg := &models.RecordBatch{Progress: []models.ProgressEntry{{MeasureID: mid, Date: d("2023-01-06"), AreaHa: -1}}}
	if _, err := s.Record(bgctx, neg); planCode(err) != models.CodeBadQuantity {
		t.Errorf("negative progress: %v", err)
	}
	entries, err := s.Progress(bgctx, mid)
	if err != nil || len(entries) != 1 {
		t.Fatalf("progress %+v %v", entries, err)
	}
	pid, err := s.AddPhoto(bgctx, entries[0].ID, "坑.jpg", "image/jpeg", []byte{0xff, 0xd8, 0xff})
	if err != nil {
		t.Fatal(err)
	}
	name, mime, data, err := s.Photo(bgctx, pid)
	if err != nil || name != "坑.jpg" || mime != "image/jpeg" || len(data) != 3 {
		t.Errorf("photo %s %s %v %v", name, mime, data, err)
	}
	entries, _ = s.Progress(bgctx, 0)
	if len(entries[0].Photos) != 1 || entries[0].Photos[0] != "坑.jpg" {
		t.Errorf("photo names %+v", entries[0].Photos)
	}
	ms, _ := s.Measures(bgctx, uid)
	st := models.MeasureStatusOn(ms[0], entries, d("2023-01-08"))
	if st.Status != models.Behind || st.DaysLate != 2 {
		t.Errorf("measure state %+v", st)
	}
	// Deleting the unit takes measures, progress and photos with it.
	if err := s.DeletePlanUnit(bgctx, uid); err != nil {
		t.Fatal(err)
	}
	if ms, _ := s.Measures(bgctx, 0); len(ms) != 0 {
		t.Errorf("measures left %+v", ms)
	}
	if _, _, _, err := s.Photo(bgctx, pid); planCode(err) != models.CodeUnknownRecord {
		t.Errorf("photo left: %v", err)
	}
}

func TestPlanningProblemsFireZonesSites(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	pid, err := s.PutProblem(bgctx, models.MineProblem{MineID: 1, Found: d("2023-03-01"), Category: "边坡", Description: "边坡未整形", Deadline: d("2023-06-30"), State: models.ProblemOpen})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := s.Problems(bgctx, 0)
	if len(ps) != 1 || ps[0].ID != pid || ps[0].Deadline.String() != "2023-06-30" {
		t.Errorf("problems %+v", ps)
	}
	if _, err := s.PutProblem(bgctx, models.MineProblem{MineID: 1, Found: d("2023-03-01"), Description: "x", State: "forgotten"}); planCode(err) != models.CodeBadProblemState {
		t.Errorf("bad state: %v", err)
	}
	b := &models.RecordBatch{Fire: []models.FireLog{{PointID: 1, Date: d("2023-05-01"), State: models.FireBurning}, {PointID: 1, Date: d("2023-05-02"), State: models.FireExtinguished}}}
	if _, err := s.Record(bgctx, b); err != nil {
		t.Fatal(err)
	}
	logs, _ := s.FireLogs(bgctx)
	if st, stale := models.FireOn(logs[1], d("2023-05-10")); st != models.FireExtinguished || stale {
		t.Errorf("fire %s %v", st, stale)
	}
	// Two entries of one day come in the order they were logged (id), not
	// in the index's state order: the later one is the day's state.
	b = &models.RecordBatch{Fire: []models.FireLog{{PointID: 1, Date: d("2023-05-03"), State: models.FireTreating}, {PointID: 1, Date: d("2023-05-03"), State: models.FireBurning},
		{PointID: 1, Date: d("2023-04-30"), State: models.FireExtinguished}}}
	if _, err := s.Record(bgctx, b); err != nil {
		t.Fatal(err)
	}
	logs, _ = s.FireLogs(bgctx)
	var got []models.FireState
	for _, e := range logs[1] {
		got = append(got, e.State)
	}
	if want := []models.FireState{models.FireExtinguished, models.FireBurning, models.FireExtinguished, models.FireTreating, models.FireBurning}; !slices.Equal(got, want) {
		t.Errorf("point 1's log %v, want %v", got, want)
	}
	if err := s.SetZoneShare(bgctx, 1, 0.3); err != nil {
		t.Fatal(err)
	}
	if err := s.SetZoneShare(bgctx, 1, 1.3); planCode(err) != models.CodeBadShare {
		t.Errorf("share 1.3: %v", err)
	}
	if sh, _ := s.ZoneShare(bgctx, 1); sh != 0.3 {
		t.Errorf("share %v", sh)
	}
	if _, err := s.PutMilestone(bgctx, models.ZoneMilestone{ZoneID: 1, Key: "plan", Due: d("2021-04-30"), Done: d("2021-04-20")}); err != nil {
		t.Fatal(err)
	}
	ms, _ := s.Milestones(bgctx, 1)
	if len(ms) != 1 || ms[0].Done.String() != "2021-04-20" {
		t.Errorf("milestones %+v", ms)
	}
	if _, err := s.AddSiteRemaining(bgctx, models.SiteRemaining{SiteID: 1, Date: d("2023-01-01"), AreaHa: 3.5, VolumeM3: 120000, Reuse: models.ReuseRegreen}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSiteRemaining(bgctx, models.SiteRemaining{SiteID: 1, Date: d("2023-01-01"), AreaHa: -3}); planCode(err) != models.CodeBadQuantity {
		t.Errorf("negative remaining: %v", err)
	}
	rs, _ := s.SiteRemaining(bgctx, 1)
	if len(rs) != 1 || rs[0].Reuse != models.ReuseRegreen {
		t.Errorf("remaining %+v", rs)
	}
}

func TestPlanningScoringSheets(t *testing.T) {
	s := planStore(t)
	sh := &models.ScoringSheet{ID: "local-2022", Total: models.Value{Value: 100}, Pass: models.Value{Value: 80}, MinShare: models.Value{Value: 0.6},
		Indicators: []models.Indicator{{ID: "a", Max: &models.Value{Value: 60}}, {ID: "b", Max: &models.Value{Value: 40}}}}
	if err := s.PutScoringSheet(bgctx, sh); err != nil {
		t.Fatal(err)
	}
	bad := *sh
	bad.Pass = models.Value{Value: 200}
	if err := s.PutScoringSheet(bgctx, &bad); planCode(err) != models.CodeBadScoring {
		t.Errorf("bad sheet: %v", err)
	}
	got, err := s.ScoringSheets(bgctx)
	if err != nil || len(got) != 1 || got[0].Indicators[1].Max.Value != 40 {
		t.Errorf("sheets %+v %v", got, err)
	}
	res, err := s.Record(bgctx, &models.RecordBatch{Green: []models.GreenRecord{{MineID: 1, Date: models.MustDate("2022-01-01"), State: models.GreenApplied, Score: 85, Sheet: "local-2022"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutGreenScores(bgctx, res.IDs[0], map[string]float64{"a": 50, "b": 35}); err != nil {
		t.Fatal(err)
	}
	sc, _ := s.GreenScores(bgctx, res.IDs[0])
	if sc["a"] != 50 || sc["b"] != 35 {
		t.Errorf("scores %v", sc)
	}
}

func TestPlanningReadOnlyAndReopen(t *testing.T) {
	s := planStore(t)
	path := s.Path()
	if _, err := s.PutTarget(bgctx, models.Target{Date: models.MustDate("2024-06-30"), Rate: 0.6}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if ts, err := ro.Targets(bgctx); err != nil || len(ts) != 3 {
		t.Errorf("reopened targets %+v %v", ts, err)
	}
	_, err = ro.PutTarget(bgctx, models.Target{Date: models.MustDate("2024-06-30"), Rate: 0.6})
	if !errors.Is(err, models.ErrReadOnly) {
		t.Errorf("read-only write: %v", err)
	}
}

func TestPlanningProgressTotals(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	uid, _ := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "u"})
	m1, _ := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureSoilCover, AreaHa: 10})
	m2, _ := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureBackfill, VolumeM3: 1000})
	_, err := s.Record(bgctx, &models.RecordBatch{Progress: []models.ProgressEntry{
		{MeasureID: m1, Date: d("2023-01-01"), AreaHa: 2}, {MeasureID: m1, Date: d("2023-02-01"), AreaHa: 3},
		{MeasureID: m2, Date: d("2023-01-15"), VolumeM3: 400},
	}})
	if err != nil {
		t.Fatal(err)
	}
	tot, err := s.ProgressTotals(bgctx, d("2023-01-31"))
	if err != nil {
		t.Fatal(err)
	}
	if tot[m1] != (models.ProgressTotal{AreaHa: 2, Entries: 1}) || tot[m2] != (models.ProgressTotal{VolumeM3: 400, Entries: 1}) {
		t.Errorf("totals on 2023-01-31 %+v", tot)
	}
	tot, _ = s.ProgressTotals(bgctx, d("2023-02-01")) // the day of the entry counts
	if tot[m1].AreaHa != 5 || tot[m1].Entries != 2 {
		t.Errorf("totals on 2023-02-01 %+v", tot)
	}
	entries, _ := s.Progress(bgctx, 0)
	if want := models.Totals(entries[:2], d("2023-02-01")); want != tot[m1] {
		t.Errorf("Totals %+v, store %+v", want, tot[m1])
	}
}

// TestPlanningProgressTotalsKept: the running totals follow inserts and
// deletes, and past dates still sum the entries.
func TestPlanningProgressTotalsKept(t *testing.T) {
	s := planStore(t)
	d := models.MustDate
	uid, _ := s.PutPlanUnit(bgctx, models.PlanUnit{Name: "u"})
	m1, _ := s.PutMeasure(bgctx, models.Measure{UnitID: uid, Kind: models.MeasureSoilCover, AreaHa: 10})
	if _, err := s.Record(bgctx, &models.RecordBatch{Progress: []models.ProgressEntry{
		{MeasureID: m1, Date: d("2023-01-01"), AreaHa: 2}, {MeasureID: m1, Date: d("2023-03-01"), AreaHa: 3}}}); err != nil {
		t.Fatal(err)
	}
	entries, _ := s.Progress(bgctx, m1)
	for _, day := range []string{"2022-12-31", "2023-01-01", "2023-02-01", "2023-03-01", "2030-01-01"} {
		tot, err := s.ProgressTotals(bgctx, d(day))
		if err != nil {
			t.Fatal(err)
		}
		want := models.Totals(entries, d(day))
		if tot[m1] != want {
			t.Errorf("%s: %+v, want %+v", day, tot[m1], want)
		}
	}
	if err := s.DeleteProgress(bgctx, entries[1].ID); err != nil {
		t.Fatal(err)
	}
	tot, _ := s.ProgressTotals(bgctx, d("2030-01-01"))
	if tot[m1] != (models.ProgressTotal{AreaHa: 2, Entries: 1}) {
		t.Errorf("after delete %+v", tot[m1])
	}
	if err := s.DeleteProgress(bgctx, entries[0].ID); err != nil {
		t.Fatal(err)
	}
	if tot, _ = s.ProgressTotals(bgctx, d("2030-01-01")); len(tot) != 0 {
		t.Errorf("after deleting all %+v", tot)
	}
}
