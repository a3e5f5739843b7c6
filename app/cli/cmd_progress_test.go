package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"minerehab/app"
	"minerehab/models"
)

// planSample makes the sample project with its planning histories up to 2024-06-30.
func planSample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.gpkg")
	mustRun(t, "sample", "--quiet", path)
	p, err := app.OpenPlanning(path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.SampleHistories(context.Background(), p, models.MustDate("2024-06-30")); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestProgressCommand(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	path := planSample(t)
	out := mustRun(t, "progress", path, "--as-of", "2023-12-31", "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"as_of", "counted_mines", "green_mines", "rate", "targets", "by_district"} {
		if _, ok := got[k]; !ok {
			t.Errorf("progress --json lacks %q", k)
		}
	}
	if got["as_of"] != "2023-12-31" {
		t.Errorf("as_of %v", got["as_of"])
	}
	targets := got["targets"].([]any)
	for _, tg := range targets {
		for _, k := range []string{"date", "rate", "needed", "met"} {
			if _, ok := tg.(map[string]any)[k]; !ok {
				t.Errorf("target lacks %q", k)
			}
		}
	}
	// The sample's story: some green mines by the end of 2023, fewer in 2021.
	g23 := got["green_mines"].(float64)
	var early map[string]any
	json.Unmarshal([]byte(mustRun(t, "progress", path, "--date", "2021/6/30", "--json")), &early)
	if g23 < 5 || early["green_mines"].(float64) >= g23 {
		t.Errorf("green mines 2021-06-30 %v, 2023-12-31 %v", early["green_mines"], g23)
	}
	// The dashboard shows the numbers the CLI prints.
	p, err := app.OpenPlanning(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	db, err := app.DashboardOn(context.Background(), p, models.MustDate("2023-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(db.Progress, "", "  ")
	if string(b)+"\n" != out {
		t.Errorf("dashboard and CLI differ:\n%s\n%s", b, out)
	}
	text := mustRun(t, "progress", path, "--as-of", "2023-12-31")
	if !strings.Contains(text, "As of 2023-12-31") || !strings.Contains(text, "2025-12-31") {
		t.Errorf("text output:\n%s", text)
	}
}

func TestPlanningCommandsBadInput(t *testing.T) {
	path := planSample(t)
	lic := firstLicence(t, path)
	csvBad := writeFile(t, "bad.csv", "licence,date,state\n"+lic+",2022-13-45,listed\n")
	csvUnknown := writeFile(t, "unknown.csv", "licence,date,state\n"+lic+",2022-01-05,listed\nC0000,2022-01-05,listed\n")
	tests := []struct {
		args   []string
		en, zh string // a fragment of the message
	}{
		{[]string{"progress", path, "--as-of", "2022-13-45"}, "is not a date", "不是有效日期"},
		{[]string{"green", path, "--licence", "C0000", "--set", "listed"}, "no mine has", "没有"},
		{[]string{"green", path, "--licence", lic, "--set", "green"}, "not a green-mine state", "不是绿色矿山状态"},
		{[]string{"green", path, "--licence", lic, "--set", "listed", "--score", "-3"}, "zero or more", "不小于 0"},
		{[]string{"status", path, "--licence", lic, "--set", "sleeping"}, "not a mine status", "不是矿山状态"},
		{[]string{"target", path, "--add", "--date", "2024-12-31", "--rate", "1.5"}, "at most 1", "不超过 1"},
		{[]string{"target", path, "--delete", "99"}, "there is no", "不存在"},
		{[]string{"record", path, "--kind", "green", csvBad}, "row 2", "第 2 行"},
		{[]string{"record", path, "--kind", "green", csvUnknown}, "row 3", "第 3 行"},
		{[]string{"record", path, "--kind", "dance", csvBad}, "unknown kind", "未知类型"},
		{[]string{"report", path, "--format", "doc", "-o", filepath.Join(t.TempDir(), "r.doc")}, "unknown format", "未知格式"},
		{[]string{"zones", path, "--share", "0.3"}, "--share needs --zone", "--share 需要"},
	}
	before := snapshotPlanning(t, path)
	for _, lang := range []string{"en", "zh-CN"} {
		t.Setenv("MINEREHAB_LANG", lang)
		for _, tc := range tests {
			code, _, errs := run(t, tc.args...)
			want := tc.en
			if lang == "zh-CN" {
				want = tc.zh
			}
			if code != 1 || !strings.Contains(errs, want) || strings.Contains(errs, "err.plan") || strings.Contains(errs, "plan.field") {
				t.Errorf("%s %v: exit %d, stderr %q; want %q", lang, tc.args, code, errs, want)
			}
		}
	}
	if after := snapshotPlanning(t, path); after != before {
		t.Errorf("refused commands changed the project")
	}
}

// snapshotPlanning is what the planning tables say (green and status histories, targets).
func snapshotPlanning(t *testing.T, path string) string {
	t.Helper()
	p, err := app.OpenPlanning(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	in, err := p.GreenInput(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(in)
	return string(b)
}

func firstLicence(t *testing.T, path string) string {
	t.Helper()
	p, err := app.OpenPlanning(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	facts, err := p.MineFacts(context.Background())
	if err != nil || len(facts) == 0 {
		t.Fatal(err)
	}
	for _, f := range facts {
		if f.Licence != "" && models.Counted(f.Status) {
			return f.Licence
		}
	}
	t.Fatal("no licensed mine in the sample")
	return ""
}

func TestGreenStatusTargetCommands(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	path := newProject(t)
	src := writeFile(t, "m.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"一矿","licence":"L-1","district":"乌达区","status":"生产"},"geometry":{"type":"Polygon","coordinates":[[[106.8,39.5],[106.81,39.5],[106.81,39.51],[106.8,39.51],[106.8,39.5]]]}},
{"type":"Feature","properties":{"name":"二矿","licence":"L-2","district":"乌达区","status":"生产"},"geometry":{"type":"Polygon","coordinates":[[[106.82,39.5],[106.83,39.5],[106.83,39.51],[106.82,39.51],[106.82,39.5]]]}}]}`)
	mustRun(t, "import", path, "--layer", "mines", "--quiet", src)
	out := mustRun(t, "green", path, "--licence", "L-1", "--set", "已入库", "--date", "2023年12月31日", "--level", "国家级", "--score", "856")
	if !strings.Contains(out, "recorded") {
		t.Errorf("green: %s", out)
	}
	if out := mustRun(t, "green", path, "--licence", "L-1", "--set", "listed", "--date", "2023-12-31", "--level", "national"); !strings.Contains(out, "already") {
		t.Errorf("green again: %s", out)
	}
	var hist []map[string]any
	json.Unmarshal([]byte(mustRun(t, "green", path, "--licence", "L-1", "--json")), &hist)
	if len(hist) != 1 || hist[0]["score"] != 856.0 || hist[0]["level"] != "national" || hist[0]["date"] != "2023-12-31" {
		t.Errorf("history %v", hist)
	}
	// 1 of 2 green: ⌈0.952⌉ = 1 → met on the deadline day; the day before, 1 needed.
	var pr models.Progress
	json.Unmarshal([]byte(mustRun(t, "progress", path, "--as-of", "2023-12-31", "--json")), &pr)
	if pr.Green != 1 || pr.Counted != 2 || !pr.Targets[0].Met {
		t.Errorf("on the deadline day %+v", pr)
	}
	json.Unmarshal([]byte(mustRun(t, "progress", path, "--as-of", "2023-12-30", "--json")), &pr)
	if pr.Green != 0 || pr.Targets[0].Needed != 1 {
		t.Errorf("the day before %+v", pr)
	}
	// L-2 closes: it leaves the denominator; 100% is then met.
	mustRun(t, "status", path, "--licence", "L-2", "--set", "关闭", "--date", "2024-01-01")
	json.Unmarshal([]byte(mustRun(t, "progress", path, "--as-of", "2025-12-31", "--json")), &pr)
	if pr.Counted != 1 || !pr.Targets[1].Met {
		t.Errorf("after closing %+v", pr)
	}
	// Targets: add a count to the 2023 target, add one, delete it.
	mustRun(t, "target", path, "--set", "1", "--count", "25")
	mustRun(t, "target", path, "--add", "--date", "2024-12-31", "--rate", "75%", "--label", "mid")
	var ts []models.Target
	json.Unmarshal([]byte(mustRun(t, "target", path, "--json")), &ts)
	if len(ts) != 3 || ts[0].MinCount != 25 || ts[1].Rate != 0.75 {
		t.Fatalf("targets %+v", ts)
	}
	json.Unmarshal([]byte(mustRun(t, "progress", path, "--as-of", "2023-12-31", "--json")), &pr)
	if pr.Targets[0].Needed != 24 || pr.Targets[0].Met {
		t.Errorf("with a count of 25: %+v", pr.Targets[0])
	}
	mustRun(t, "target", path, "--delete", strconv.FormatInt(ts[1].ID, 10))
	json.Unmarshal([]byte(mustRun(t, "target", path, "--json")), &ts)
	if len(ts) != 2 {
		t.Errorf("after delete %+v", ts)
	}
}

func TestReportCommand(t *testing.T) {
	path := planSample(t)
	dir := t.TempDir()
	for _, f := range []string{"pdf", "xlsx", "csv", "json"} {
		out := filepath.Join(dir, "r."+f)
		mustRun(t, "report", path, "--as-of", "2023-06-15", "-o", out)
		st, err := os.Stat(out)
		if err != nil || st.Size() < 200 {
			t.Fatalf("%s: %v", f, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "r.csv"))
	if !strings.Contains(string(b), "绿色矿山") {
		t.Errorf("report not in Chinese by default")
	}
	mustRun(t, "report", path, "--as-of", "2023-06-15", "-o", filepath.Join(dir, "en.csv"), "--lang", "en")
	b, _ = os.ReadFile(filepath.Join(dir, "en.csv"))
	if !strings.Contains(string(b), "Green mines") {
		t.Errorf("--lang en: %s", b[:200])
	}
	// The PDF's text is the report's: pdftotext finds the title and the targets.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command("pdftotext", filepath.Join(dir, "r.pdf"), "-").CombinedOutput()
		if err != nil || !strings.Contains(string(txt), "绿色矿山") || !strings.Contains(string(txt), "2023-12-31") {
			t.Errorf("pdftotext: %v\n%s", err, txt)
		}
	}
	// GDAL reads the workbook: seven sheets, the targets sheet with two rows.
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo not installed")
	}
	out, err := exec.Command("ogrinfo", "-ro", "-q", filepath.Join(dir, "r.xlsx"), "-sql", `SELECT COUNT(*) AS n FROM "目标"`).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "n (Integer) = 2") {
		t.Errorf("ogrinfo: %v\n%s", err, out)
	}
}

func TestPlanningHelp(t *testing.T) {
	for _, lang := range []string{"en", "zh-CN"} {
		t.Setenv("MINEREHAB_LANG", lang)
		for _, c := range []string{"progress", "deadlines", "green", "status", "target", "record", "report", "zones"} {
			out := mustRun(t, c, "--help")
			if strings.Contains(out, "cli.flag.") || strings.Contains(out, "cli."+c) {
				t.Errorf("%s %s --help has untranslated keys:\n%s", lang, c, out)
			}
		}
	}
}
