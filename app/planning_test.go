package app

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/models"
	"minerehab/models/store"
)

// planProject makes a project with six mines (two districts), a zone that
// holds mines 1–3 wholly and a quarter of mine 4, a pit and a heap inside
// the zone, and a fire point carrying mine 2's licence.
//
//	fid licence district layer status
//	1   L1      乌达区    producing
//	2   L2      乌达区    producing
//	3   L3      乌达区    suspended
//	4   L4      海南区    producing
//	5   L5      海南区    construction
//	6   L6      海南区    closed
func planProject(t testing.TB) Planning {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.gpkg")
	st, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	sq := func(x, y, w float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + w, y}, {x + w, y + w}, {x, y + w}, {x, y}}}}
	}
	mine := func(i int, lic, district string, status models.MineStatus, g orb.MultiPolygon) *models.Feature {
		return &models.Feature{Layer: models.LayerMines, Geometry: g, AreaM2: measure.Area(g),
			Attrs: models.Attrs{Name: "矿" + lic, Licence: lic, District: district, Status: status}}
	}
	fs := []*models.Feature{
		mine(1, "L1", "乌达区", models.StatusProducing, sq(106.80, 39.50, 0.01)),
		mine(2, "L2", "乌达区", models.StatusProducing, sq(106.82, 39.50, 0.01)),
		mine(3, "L3", "乌达区", models.StatusSuspended, sq(106.84, 39.50, 0.01)),
		mine(4, "L4", "海南区", models.StatusProducing, sq(106.895, 39.485, 0.01)), // a quarter inside the zone
		mine(5, "L5", "海南区", models.StatusConstruction, sq(107.00, 39.60, 0.01)),
		mine(6, "L6", "海南区", models.StatusClosed, sq(107.02, 39.60, 0.01)),
	}
	zone := sq(106.79, 39.49, 0.11) // 106.79–106.90, 39.49–39.60
	pit := sq(106.805, 39.505, 0.002)
	heap := sq(106.825, 39.505, 0.002)
	more := []*models.Feature{
		{Layer: models.LayerZones, Geometry: zone, AreaM2: measure.Area(zone), Attrs: models.Attrs{Name: "乌达整合区"}},
		{Layer: models.LayerSites, Geometry: pit, AreaM2: measure.Area(pit), Attrs: models.Attrs{Kind: models.SitePit}},
		{Layer: models.LayerSites, Geometry: heap, AreaM2: measure.Area(heap), Attrs: models.Attrs{Kind: models.SiteSpoilHeap}},
		{Layer: models.LayerFirePoints, Geometry: orb.Point{106.825, 39.505}, Attrs: models.Attrs{Licence: "L2"}},
	}
	im, err := st.BeginImport(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(fs, more...) {
		if _, err := im.Put(f, models.KeySpec{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := im.Commit(); err != nil {
		t.Fatal(err)
	}
	p, err := PlanningOf(st)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// recordCSV records a CSV text into p, failing the test on error.
func recordCSV(t testing.TB, p Planning, kind RecordKind, text string) *RecordSummary {
	t.Helper()
	sum, err := RecordCSV(context.Background(), p, kind, "t.csv", []byte(text))
	if err != nil {
		t.Fatalf("record %s: %v", kind, err)
	}
	return sum
}

// planHistories gives the fixture a story (hand-computed in the tests).
func planHistories(t testing.TB, p Planning) {
	recordCSV(t, p, RecordStatus, "licence,date,status\nL3,2023-07-01,closed\nL6,2022-01-01,producing\n")
	recordCSV(t, p, RecordGreen, "licence,date,state,level,score\n"+
		"L1,2021-06-01,building,,\n"+
		"L1,2022-06-30,listed,regional,850\n"+
		"L2,2023-12-31,listed,national,\n"+ // on the deadline day
		"L3,2022-03-01,listed,regional,\n"+ // closes 2023-07-01: leaves both counts
		"L4,2024-01-01,listed,,\n"+ // the day after
		"L5,2022-09-01,listed,,\n"+
		"L5,2023-03-01,rectifying,,\n")
}

func TestProgressOnFixture(t *testing.T) {
	p := planProject(t)
	planHistories(t, p)
	ctx := context.Background()
	tests := []struct {
		d               string
		counted, green  int
		need23, need25  int
		districtGreen   map[string]int
		districtCounted map[string]int
	}{
		// counted 1,2,3,4,5 (6 closed till 2022) = 5; green none → ⌈2.38⌉ = 3.
		{"2021-12-31", 5, 0, 3, 5, map[string]int{"乌达区": 0, "海南区": 0}, map[string]int{"乌达区": 3, "海南区": 2}},
		// 6 producing → 6; green 1,3,5 = 3; ⌈2.856⌉ = 3 → 0; 6-3 = 3.
		{"2022-12-31", 6, 3, 0, 3, map[string]int{"乌达区": 2, "海南区": 1}, map[string]int{"乌达区": 3, "海南区": 3}},
		// 3 closed → 5 counted; green 1,5 = 2; ⌈2.38⌉ = 3 → 1.
		{"2023-12-30", 5, 2, 1, 3, map[string]int{"乌达区": 1, "海南区": 1}, map[string]int{"乌达区": 2, "海南区": 3}},
		// The deadline day: 2 listed that day → 3 green, met.
		{"2023-12-31", 5, 3, 0, 2, map[string]int{"乌达区": 2, "海南区": 1}, map[string]int{"乌达区": 2, "海南区": 3}},
		// The day after: 4 listed → 4.
		{"2024-01-01", 5, 4, 0, 1, map[string]int{"乌达区": 2, "海南区": 2}, map[string]int{"乌达区": 2, "海南区": 3}},
	}
	for _, tc := range tests {
		pr, err := ProgressOn(ctx, p, models.MustDate(tc.d))
		if err != nil {
			t.Fatal(err)
		}
		if pr.Counted != tc.counted || pr.Green != tc.green || pr.Targets[0].Needed != tc.need23 || pr.Targets[1].Needed != tc.need25 {
			t.Errorf("%s: counted %d green %d needed %d/%d; want %d %d %d/%d", tc.d, pr.Counted, pr.Green, pr.Targets[0].Needed, pr.Targets[1].Needed,
				tc.counted, tc.green, tc.need23, tc.need25)
		}
		for name, g := range tc.districtGreen {
			if got := pr.ByDistrict[name]; got.Green != g || got.Counted != tc.districtCounted[name] {
				t.Errorf("%s %s: %d/%d, want %d/%d", tc.d, name, got.Green, got.Counted, g, tc.districtCounted[name])
			}
		}
	}
}

// TestProgressGolden pins the JSON `minerehab progress --json` prints.
func TestProgressGolden(t *testing.T) {
	p := planProject(t)
	planHistories(t, p)
	for _, d := range []string{"2023-06-15", "2023-12-31"} {
		pr, err := ProgressOn(context.Background(), p, models.MustDate(d))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.MarshalIndent(pr, "", "  ")
		got = append(got, '\n')
		golden := filepath.Join("testdata", "planning_progress_"+d+".json")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: progress JSON differs from %s:\n%s", d, golden, got)
		}
		var keys map[string]any
		json.Unmarshal(got, &keys)
		for _, k := range []string{"as_of", "counted_mines", "green_mines", "rate", "targets", "by_district"} {
			if _, ok := keys[k]; !ok {
				t.Errorf("progress JSON lacks %q", k)
			}
		}
	}
}

// TestDashboardMatchesProgress: the dashboard's figures are the CLI's.
func TestDashboardMatchesProgress(t *testing.T) {
	p := planProject(t)
	planHistories(t, p)
	ctx := context.Background()
	d := models.MustDate("2023-12-31")
	db, err := DashboardOn(ctx, p, d)
	if err != nil {
		t.Fatal(err)
	}
	pr, _ := ProgressOn(ctx, p, d)
	a, _ := json.Marshal(db.Progress)
	b, _ := json.Marshal(pr)
	if !bytes.Equal(a, b) {
		t.Errorf("dashboard %s\nprogress %s", a, b)
	}
	last := db.BurnUp[len(db.BurnUp)-1]
	if last.Date != d || last.Green != pr.Green || last.Counted != pr.Counted {
		t.Errorf("burn-up ends %+v, progress %d/%d", last, pr.Green, pr.Counted)
	}
	if db.BurnUp[0].Date.String() != "2021-03-15" || len(db.Districts) != 2 {
		t.Errorf("burn-up starts %s, districts %v", db.BurnUp[0].Date, db.Districts)
	}
}

func TestRecordCSVBadInput(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	if err := p.PutMineInfo(ctx, models.MineInfo{MineID: 1, LicenceFrom: models.MustDate("2020-01-01")}); err != nil {
		t.Fatal(err)
	}
	gbk := []byte("licence,date,state\nL1,2021-03-05,\xd2\xd1\xc8\xeb\xbf\xe2\n") // 已入库 in GBK
	tests := []struct {
		name string
		kind RecordKind
		data string
		code string
		row  int
	}{
		{"unknown licence", RecordGreen, "licence,date,state\nL1,2021-03-05,listed\nL99,2021-03-05,listed\n", models.CodeUnknownMine, 3},
		{"impossible date", RecordGreen, "licence,date,state\nL1,2022-13-45,listed\n", models.CodeBadDate, 2},
		{"date in another form", RecordStatus, "licence,date,status\nL1,05/03/2021,closed\n", models.CodeBadDate, 2},
		{"before the licence", RecordGreen, "licence,date,state\nL1,2019-12-31,listed\n", models.CodeBeforeLicence, 2},
		{"unknown state", RecordGreen, "licence,date,state\nL1,2021-03-05,green\n", models.CodeBadGreenState, 2},
		{"negative score", RecordGreen, "licence,date,state,score\nL1,2021-03-05,listed,-5\n", models.CodeBadQuantity, 2},
		{"duplicate rows", RecordStatus, "licence,date,status\nL1,2021-03-05,closed\nL2,2021-03-05,closed\nL1,2021-03-05,closed\n", models.CodeDuplicate, 4},
		{"missing column", RecordStatus, "licence,date\nL1,2021-03-05\n", models.CodeBadHeader, 1},
		{"unknown measure", RecordProgress, "measure,date,area_ha\n7,2021-03-05,1\n", models.CodeUnknownRecord, 2},
		{"bad problem state", RecordProblem, "licence,found,description,state\nL1,2021-03-05,边坡,lost\n", models.CodeBadProblemState, 2},
		{"not text", RecordStatus, "licence,date,status\n\xff\xfe\x00\x01", models.CodeBadEncoding, 0},
	}
	for _, tc := range tests {
		_, err := RecordCSV(ctx, p, tc.kind, "x.csv", []byte(tc.data))
		var pe *models.PlanError
		if !errors.As(err, &pe) || pe.Code != tc.code || pe.Row != tc.row {
			t.Errorf("%s: %v, want %s at row %d", tc.name, err, tc.code, tc.row)
			continue
		}
		for _, l := range i18n.Langs {
			msg := PlanMessage(l, err)
			if strings.Contains(msg, "err.plan.") || !strings.Contains(msg, "x.csv") {
				t.Errorf("%s (%s): message %q", tc.name, l, msg)
			}
		}
	}
	// Nothing of the bad files landed.
	in, _ := p.GreenInput(ctx)
	if len(in.Status) != 0 || len(in.Green) != 0 {
		t.Errorf("bad files recorded %v %v", in.Status, in.Green)
	}
	sum := recordCSV(t, p, RecordGreen, string(gbk))
	if sum.Encoding != "GB18030" || sum.Added != 1 {
		t.Errorf("GBK file: %+v", sum)
	}
	// Chinese headers, a BOM, 2021年3月5日, a blank line; then the same file again.
	text := "\ufeff采矿许可证号,日期,生产状态\nL2,2021年3月5日,停产\n\nL2,2021/6/1,生产\n"
	if s := recordCSV(t, p, RecordStatus, text); s.Rows != 2 || s.Added != 2 {
		t.Errorf("first time %+v", s)
	}
	if s := recordCSV(t, p, RecordStatus, text); s.Added != 0 || s.Unchanged != 2 {
		t.Errorf("second time %+v", s)
	}
}

func TestRecordProgressBeyondPlan(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	uid, err := p.PutPlanUnit(ctx, models.PlanUnit{Name: "L2 回填", MineID: 2})
	if err != nil {
		t.Fatal(err)
	}
	mid, err := p.PutMeasure(ctx, models.Measure{UnitID: uid, Kind: models.MeasureBackfill, AreaHa: 10, Start: models.MustDate("2023-01-01"), End: models.MustDate("2023-06-30")})
	if err != nil {
		t.Fatal(err)
	}
	id := func(s string) string { return strings.ReplaceAll(s, "M,", strconv.FormatInt(mid, 10)+",") }
	first := id("measure,date,area_ha\nM,2023-02-01,4\nM,2023-03-01,2\n")
	recordCSV(t, p, RecordProgress, first)
	// The same spreadsheet again changes nothing (and is not "beyond 100%").
	if s := recordCSV(t, p, RecordProgress, first); s.Added != 0 || s.Unchanged != 2 {
		t.Errorf("sent twice: %+v", s)
	}
	prob := "licence,found,description,state\nL1,2023-03-01,边坡未整形,open\n"
	recordCSV(t, p, RecordProblem, prob)
	if s := recordCSV(t, p, RecordProblem, prob); s.Added != 0 || s.Unchanged != 1 {
		t.Errorf("problems sent twice: %+v", s)
	}
	_, err = RecordCSV(ctx, p, RecordProgress, "x.csv", []byte(id("measure,date,area_ha\nM,2023-04-01,3\nM,2023-05-01,2\n")))
	var pe *models.PlanError
	if !errors.As(err, &pe) || pe.Code != models.CodeOverPlanned || pe.Row != 3 {
		t.Fatalf("beyond 100%%: %v", err)
	}
	if _, err := RecordCSV(ctx, p, RecordProgress, "x.csv", []byte(id("measure,date,area_ha\nM,2023-04-01,-1\n"))); !errors.As(err, &pe) || pe.Code != models.CodeBadQuantity {
		t.Errorf("negative: %v", err)
	}
	// 6 of 10 ha by 2023-07-01: overdue, and L2 goes on the stop list.
	dl, err := DeadlinesOn(ctx, p, models.MustDate("2023-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	var measure *DeadlineItem
	for i, it := range dl.Items {
		if it.Kind == "measure" {
			measure = &dl.Items[i]
		}
		if i > 0 && it.Status == models.Overdue && it.DaysLate > dl.Items[i-1].DaysLate {
			t.Errorf("not riskiest first: %+v after %+v", it, dl.Items[i-1])
		}
	}
	if measure == nil || measure.Status != models.Overdue || measure.DaysLate != 1 || measure.Licence != "L2" || !measure.Stops || math.Abs(measure.Done-0.6) > 1e-9 {
		t.Fatalf("deadlines %+v", dl.Items)
	}
	if last := dl.Items[len(dl.Items)-1]; last.What != "complete" || last.Status != models.OnTrack || last.DaysLeft != 183 {
		t.Errorf("last item %+v", last)
	}
	if w := dl.WorstByMine(); w[2] != models.Overdue || len(w) != 1 {
		t.Errorf("worst by mine %v", w)
	}
	if len(dl.StopList) != 1 || dl.StopList[0].Licence != "L2" || dl.StopList[0].Reasons[0] != "measure:backfill" {
		t.Errorf("stop list %+v", dl.StopList)
	}
	// Four zone milestones, all overdue on 2024-01-01 (1 day for "complete").
	dl, _ = DeadlinesOn(ctx, p, models.MustDate("2024-01-01"))
	n := 0
	for _, it := range dl.Items {
		if it.Kind == "milestone" && it.Status == models.Overdue {
			n++
			if it.What == "complete" && it.DaysLate != 1 {
				t.Errorf("complete milestone %+v", it)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d overdue milestones, want 4", n)
	}
}

func TestFireDeadlines(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	recordCSV(t, p, RecordFire, "point,date,state\n1,2023-05-01,burning\n1,2023-05-02,treating\n")
	dl, err := DeadlinesOn(ctx, p, models.MustDate("2023-05-05"))
	if err != nil {
		t.Fatal(err)
	}
	if dl.StaleFires != 1 || len(dl.StopList) != 1 || dl.StopList[0].Licence != "L2" || dl.StopList[0].Reasons[0] != "fire" {
		t.Errorf("fire deadlines %+v %+v", dl, dl.StopList)
	}
	logs, _ := p.FireLogs(ctx)
	s := FireSeries(logs, []models.Date{models.MustDate("2023-04-30"), models.MustDate("2023-05-01"), models.MustDate("2023-05-05")})
	if s[0].Active != 0 || s[1].Active != 1 || s[2].Stale != 1 {
		t.Errorf("fire series %+v", s)
	}
}

func TestZonesOn(t *testing.T) {
	p := planProject(t)
	planHistories(t, p)
	ctx := context.Background()
	zs, err := ZonesOn(ctx, p, models.MustDate("2022-12-31"))
	if err != nil || len(zs) != 1 {
		t.Fatalf("%v %v", zs, err)
	}
	z := zs[0]
	// Mines 1–3 lie wholly inside; mine 4 a quarter (106.895–106.905 × 39.485–39.495 against the zone's 106.90 and 39.49 edges).
	if len(z.Members) != 3 {
		t.Fatalf("members %+v", z.Members)
	}
	for _, m := range z.Members {
		if math.Abs(m.Share-1) > 1e-9 {
			t.Errorf("member %+v", m)
		}
	}
	if z.Green != 2 { // 1 and 3 listed by 2022-12-31
		t.Errorf("green %d", z.Green)
	}
	if z.PitsM2 <= 0 || z.HeapsM2 <= 0 || math.Abs(z.DisturbedM2-(z.PitsM2+z.HeapsM2)) > 1e-6 {
		t.Errorf("areas %+v", z)
	}
	if err := p.SetZoneShare(ctx, z.ID, 0.25); err != nil {
		t.Fatal(err)
	}
	zs, _ = ZonesOn(ctx, p, models.MustDate("2022-12-31"))
	if len(zs[0].Members) != 4 {
		t.Fatalf("share 0.25: members %+v", zs[0].Members)
	}
	for _, m := range zs[0].Members {
		if m.Licence == "L4" && math.Abs(m.Share-0.25) > 0.002 {
			t.Errorf("L4 share %v, want ≈ 0.25", m.Share)
		}
	}
	// Mine 5 lies outside; assigned by hand it is a member.
	if err := p.PutMineInfo(ctx, models.MineInfo{MineID: 5, ZoneID: z.ID}); err != nil {
		t.Fatal(err)
	}
	if err := p.PutMineInfo(ctx, models.MineInfo{MineID: 5, ZoneID: 77}); err == nil {
		t.Error("assigned to an unknown zone")
	}
	zs, _ = ZonesOn(ctx, p, models.MustDate("2022-12-31"))
	if n := len(zs[0].Members); n != 5 || !zs[0].Members[4].Assigned || zs[0].Members[4].Share != 0 {
		t.Errorf("assigned by hand: %+v", zs[0].Members)
	}
}

func TestReportFormats(t *testing.T) {
	p := planProject(t)
	planHistories(t, p)
	r, err := BuildReport(context.Background(), p, models.MustDate("2023-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range i18n.Langs {
		var buf bytes.Buffer
		if err := WriteReportXLSX(&buf, r, l); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, f := range zr.File {
			names[f.Name] = true
		}
		for _, want := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet7.xml"} {
			if !names[want] {
				t.Errorf("%s: xlsx lacks %s", l, want)
			}
		}
		var again bytes.Buffer
		WriteReportXLSX(&again, r, l)
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: xlsx not reproducible", l)
		}
		var csvb bytes.Buffer
		if err := WriteReportCSV(&csvb, r, l); err != nil {
			t.Fatal(err)
		}
		if s := csvb.String(); !strings.Contains(s, "2023-12-31") || strings.Contains(s, "report.") || strings.Contains(s, "plan.") {
			t.Errorf("%s: csv %s", l, s)
		}
	}
	if got := colName(0) + colName(25) + colName(26) + colName(701) + colName(702); got != "AZAAZZAAA" {
		t.Errorf("colName: %s", got)
	}
}
