package cli

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// validateGPKG finds GDAL's validate_gpkg.py (python3-gdal ships it among its examples).
func validateGPKG(t *testing.T) string {
	for _, p := range []string{
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py.gz",
	} {
		if out, err := exec.Command("sh", "-c", "ls "+p).Output(); err == nil && len(out) > 0 {
			return p
		}
	}
	out, _ := exec.Command("sh", "-c", "dpkg -L python3-gdal | grep validate_gpkg").Output()
	if s := strings.TrimSpace(string(out)); s != "" {
		return strings.Split(s, "\n")[0]
	}
	t.Skip("validate_gpkg.py not installed (python3-gdal)")
	return ""
}

// TestSampleReadByGDAL: the sample project is a GeoPackage GDAL reads as it
// is — every layer with the right count and extent, Chinese attributes — and
// GDAL's validator passes.
func TestSampleReadByGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("gdal-bin not installed")
	}
	p := filepath.Join(t.TempDir(), "sample.gpkg")
	mustRun(t, "sample", p, "--quiet")
	var info struct {
		Layers []struct {
			Name   string    `json:"name"`
			Count  int       `json:"count"`
			Extent []float64 `json:"extent"`
		} `json:"layers"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "info", p, "--json")), &info); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ogrinfo", "-ro", "-so", "-al", p).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	text := string(out)
	for _, l := range info.Layers {
		sec := regexp.MustCompile(`(?s)Layer name: ` + l.Name + `\n.*?Feature Count: (\d+)\n(Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\))?`).FindStringSubmatch(text)
		if sec == nil {
			t.Errorf("ogrinfo does not list layer %s", l.Name)
			continue
		}
		if n, _ := strconv.Atoi(sec[1]); n != l.Count {
			t.Errorf("%s: ogrinfo counts %d, info %d", l.Name, n, l.Count)
		}
		if l.Count > 0 {
			if sec[2] == "" {
				t.Errorf("%s: no extent from ogrinfo", l.Name)
				continue
			}
			for i, s := range sec[3:7] {
				v, _ := strconv.ParseFloat(s, 64)
				want := []float64{l.Extent[0], l.Extent[1], l.Extent[2], l.Extent[3]}[i]
				if d := v - want; d > 1e-6 || d < -1e-6 {
					t.Errorf("%s extent[%d]: ogrinfo %v, info %v", l.Name, i, v, want)
				}
			}
		}
	}
	rows, err := exec.Command("ogrinfo", "-ro", "-q", p, "-sql", "SELECT name, district FROM mines WHERE district = '乌达区' LIMIT 1").CombinedOutput()
	if err != nil || !strings.Contains(string(rows), "乌达区") {
		t.Errorf("Chinese attributes not read by GDAL: %v\n%s", err, rows)
	}
	v := validateGPKG(t)
	cmd := "python3 " + v + " " + p
	if strings.HasSuffix(v, ".gz") {
		cmd = "zcat " + v + " > /tmp/validate_gpkg.py && python3 /tmp/validate_gpkg.py " + p
	}
	if out, err := exec.Command("sh", "-c", cmd).CombinedOutput(); err != nil {
		t.Errorf("validate_gpkg.py: %v\n%s", err, out)
	}
}

// TestImportFromGeoPackage imports a layer of a GeoPackage written by ogr2ogr.
func TestImportFromGeoPackage(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("gdal-bin not installed")
	}
	t.Setenv("MINEREHAB_LANG", "en")
	src := filepath.Join(t.TempDir(), "districts.gpkg")
	if out, err := exec.Command("ogr2ogr", "-f", "GPKG", src, filepath.Join(sharedDir(t), "admin", "wuhai_districts_150300.json")).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	p := newProject(t)
	out := mustRun(t, "import", p, "--layer", "reference", src)
	if !strings.Contains(out, "added 3") || !strings.Contains(out, "EPSG:4326") {
		t.Errorf("summary: %s", out)
	}
	fs := features(t, p, "reference")
	if len(fs) != 3 {
		t.Fatalf("%d features", len(fs))
	}
	var props map[string]any
	if err := json.Unmarshal(fs[0].Props, &props); err != nil || props["name"] == nil {
		t.Errorf("columns not carried as properties: %s", fs[0].Props)
	}
	if fs[0].Attrs.Name == "" || fs[0].AreaM2 < 1e8 {
		t.Errorf("attrs %+v area %v", fs[0].Attrs, fs[0].AreaM2)
	}
	// a project is not a source by mistake: importing a project into itself is refused cleanly
	code, _, errs := run(t, "import", p, "--layer", "reference", p)
	if code != 1 || !strings.Contains(errs, "the project itself") {
		t.Errorf("importing a project into itself: exit %d %s", code, errs)
	}
}
