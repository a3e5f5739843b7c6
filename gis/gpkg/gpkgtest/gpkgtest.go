// Package gpkgtest runs GDAL's own tools on GeoPackages made in tests:
// ogrinfo and the validate_gpkg.py script that python3-gdal ships. Tests
// skip (never pass silently) when a tool is not installed. Test-only: it
// imports testing and is imported only from _test.go files.
package gpkgtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// validatorPaths are where Debian's python3-gdal puts validate_gpkg.py.
var validatorPaths = []string{
	"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
	"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
}

// python returns a python3 that can import osgeo, so the validator also
// parses every geometry with OGR; the first python3 on PATH otherwise.
func python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		exe, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(exe, "-c", "import osgeo.ogr").Run() == nil {
			return exe
		}
	}
	exe, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	return exe
}

// Validate runs GDAL's validate_gpkg.py on path with -k (report every
// error), --extra (check column contents against declared types) and
// --warning-as-error, and fails the test with its output unless it passes.
func Validate(t testing.TB, path string) {
	t.Helper()
	script := ""
	for _, p := range validatorPaths {
		if _, err := os.Stat(p); err == nil {
			script = p
			break
		}
	}
	if script == "" {
		t.Skip("validate_gpkg.py not found (install python3-gdal)")
	}
	out, err := exec.Command(python(t), script, "-k", "--extra", "--warning-as-error", path).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("validate_gpkg.py %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// ValidateOutput runs the validator like Validate but returns its output and
// whether it passed, for tests that expect a failure.
func ValidateOutput(t testing.TB, path string) (string, bool) {
	t.Helper()
	script := ""
	for _, p := range validatorPaths {
		if _, err := os.Stat(p); err == nil {
			script = p
			break
		}
	}
	if script == "" {
		t.Skip("validate_gpkg.py not found (install python3-gdal)")
	}
	out, err := exec.Command(python(t), script, "-k", "--extra", "--warning-as-error", path).CombinedOutput()
	return string(out), err == nil && len(bytes.TrimSpace(out)) == 0
}

// OGRInfo runs `ogrinfo -ro -al -so path` (a summary of every layer) and
// returns its output. GDAL warnings on stderr fail the test.
func OGRInfo(t testing.TB, path string, extra ...string) string {
	t.Helper()
	exe, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo is not installed (gdal-bin)")
	}
	args := append([]string{"-ro", "-al", "-so"}, extra...)
	args = append(args, path)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s%s", path, err, stdout.String(), stderr.String())
	}
	if s := bytes.TrimSpace(stderr.Bytes()); len(s) > 0 {
		t.Fatalf("ogrinfo %s wrote to stderr:\n%s", path, s)
	}
	return stdout.String()
}

// OGRInfoFeatures runs `ogrinfo -ro path layer` and returns every feature
// of the layer as GDAL prints it. GDAL warnings on stderr fail the test.
func OGRInfoFeatures(t testing.TB, path, layer string) string {
	t.Helper()
	exe, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo is not installed (gdal-bin)")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(exe, "-ro", path, layer)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ogrinfo %s %s: %v\n%s%s", path, layer, err, stdout.String(), stderr.String())
	}
	if s := bytes.TrimSpace(stderr.Bytes()); len(s) > 0 {
		t.Fatalf("ogrinfo %s wrote to stderr:\n%s", path, s)
	}
	return stdout.String()
}

// OGR2OGR converts src into a new GeoPackage at dst with extra arguments
// (e.g. "-nln", "name"), skipping the test when ogr2ogr is missing.
func OGR2OGR(t testing.TB, dst, src string, extra ...string) {
	t.Helper()
	exe, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Skip("ogr2ogr is not installed (gdal-bin)")
	}
	args := append([]string{"-f", "GPKG", dst, src}, extra...)
	if out, err := exec.Command(exe, args...).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
	}
}

// SharedData returns the path of a file under /work/shared/data given
// relative to that folder, located from the module root (the directory of
// go.mod above the working directory), or skips when the folder is absent.
func SharedData(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data folder %s is absent", data)
	}
	return filepath.Join(data, rel)
}
