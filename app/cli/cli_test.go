package cli

import (
	"database/sql"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// TestHelpAndUsage: every command explains itself with --help (exit 0), and a
// wrong command line gets exit 1 with one line saying what to do.
func TestHelpAndUsage(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	for name := range commands {
		code, out, _ := run(t, name, "--help")
		if code != 0 || !strings.Contains(out, "minerehab "+name) {
			t.Errorf("%s --help: exit %d\n%s", name, code, out)
		}
	}
	if code, out, _ := run(t, "help"); code != 0 || !strings.Contains(out, "import") {
		t.Errorf("help: %d %s", code, out)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"import"}, "wrong arguments"},
		{[]string{"info", "a", "b"}, "wrong arguments"},
		{[]string{"import", "p.gpkg", "--nope", "x"}, "--help"},
		{[]string{"export", "p.gpkg", "--layer", "mines", "--format", "shp", "-o", "x"}, "unknown format"},
	}
	for _, tc := range tests {
		code, _, errs := run(t, tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, errs, tc.want)
		}
	}
	t.Setenv("MINEREHAB_LANG", "zh-CN")
	if _, _, errs := run(t, "frobnicate"); !strings.Contains(errs, "未知命令") {
		t.Errorf("Chinese: %s", errs)
	}
}

// TestValidate: a good project passes; a damaged spatial index is reported
// and the exit status says so.
func TestValidate(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	p := newProject(t)
	mustRun(t, "import", p, "--layer", "fire_points", writeFile(t, "a.geojson", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.8,39.6]}}`))
	if out := mustRun(t, "validate", p); !strings.Contains(out, "no problems") {
		t.Errorf("validate: %s", out)
	}
	db, err := sql.Open("sqlite", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM rtree_fire_points_geom`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errs := run(t, "validate", p)
	if code != 1 || !strings.Contains(out, "fire_points") || !strings.Contains(errs, "problems found") {
		t.Errorf("damaged index: exit %d\n%s\n%s", code, out, errs)
	}
}
