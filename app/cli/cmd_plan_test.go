package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"minerehab/app"
)

func TestPlanCommand(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	path := planSample(t)
	lic := firstLicence(t, path)
	out := mustRun(t, "plan", path, "--add-unit", "一号坑", "--licence", lic)
	if !strings.Contains(out, "added plan unit") {
		t.Fatalf("add unit: %s", out)
	}
	var units []app.UnitView
	json.Unmarshal([]byte(mustRun(t, "plan", path, "--json", "--as-of", "2024-06-30")), &units)
	uid := units[len(units)-1].ID
	id := func(n int64) string { b, _ := json.Marshal(n); return string(b) }
	mustRun(t, "plan", path, "--add-measure", id(uid), "--kind", "回填", "--area", "10", "--volume", "50000", "--budget", "300",
		"--start", "2024-01-01", "--end", "2024-01-10")
	json.Unmarshal([]byte(mustRun(t, "plan", path, "--json", "--as-of", "2024-01-05")), &units)
	u := units[len(units)-1]
	if u.Licence != lic || len(u.Measures) != 1 || u.Measures[0].Status != "behind" || u.Measures[0].DaysLate != 5 || u.BudgetWan != 300 {
		t.Fatalf("unit %+v", u)
	}
	mid := id(u.Measures[0].ID)
	mustRun(t, "record", path, "--kind", "progress", writeFile(t, "p.csv", "measure,date,area_ha\n"+mid+",2024-01-03,5\n"))
	json.Unmarshal([]byte(mustRun(t, "plan", path, "--json", "--as-of", "2024-01-05")), &units)
	if m := units[len(units)-1].Measures[0]; m.Status != "on_track" || m.Done != 0.5 {
		t.Errorf("after progress %+v", m)
	}
	code, _, errs := run(t, "record", path, "--kind", "progress", writeFile(t, "q.csv", "measure,date,area_ha\n"+mid+",2024-01-04,6\n"))
	if code != 1 || !strings.Contains(errs, "beyond 100%") || !strings.Contains(errs, "row 2") {
		t.Errorf("beyond 100%%: %d %s", code, errs)
	}
	code, _, errs = run(t, "plan", path, "--add-measure", id(uid), "--kind", "回填", "--area", "-1")
	if code != 1 || !strings.Contains(errs, "zero or more") {
		t.Errorf("negative area: %d %s", code, errs)
	}
	// Mine facts: a green record dated before the licence is refused.
	mustRun(t, "status", path, "--licence", lic, "--owner", "乌海某煤业", "--licence-from", "2020-01-01", "--three-rights", "true")
	code, _, errs = run(t, "green", path, "--licence", lic, "--set", "applied", "--date", "2019-06-01")
	if code != 1 || !strings.Contains(errs, "before the mine's licence") {
		t.Errorf("before licence: %d %s", code, errs)
	}
	var dl app.Deadlines
	json.Unmarshal([]byte(mustRun(t, "deadlines", path, "--as-of", "2024-01-12", "--json")), &dl)
	found := false
	for _, s := range dl.StopList {
		found = found || s.Licence == lic
	}
	if !found {
		t.Errorf("an overdue backfill does not stop %s: %+v", lic, dl.StopList)
	}
}
