package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"minerehab/app"
	"minerehab/models"
)

// sharedDir is ../shared beside the checkout (CI lays it there too).
func sharedDir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	d := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not found at %s", d)
	}
	return d
}

// run runs one CLI command in-process and returns exit code, stdout and stderr.
func run(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

// mustRun runs a command that must succeed.
func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	code, out, errs := run(t, args...)
	if code != 0 {
		t.Fatalf("minerehab %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// newProject makes an empty project in a temp dir.
func newProject(t testing.TB) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "p.gpkg")
	mustRun(t, "init", p)
	return p
}

// writeFile writes content into the test's temp dir and returns the path.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// snapshot captures what a project holds, to prove a rejected import changed nothing.
func snapshot(t testing.TB, path string) string {
	t.Helper()
	st, err := app.OpenProject(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b strings.Builder
	for _, l := range models.Layers {
		err := st.Features(context.Background(), l.Name, nil, func(f *models.Feature) error {
			b.WriteString(l.Name)
			b.WriteString(string(f.Props))
			b.WriteString(f.Attrs.Name)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// features reads every feature of a layer.
func features(t testing.TB, path, layer string) []*models.Feature {
	t.Helper()
	st, err := app.OpenProject(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var fs []*models.Feature
	if err := st.Features(context.Background(), layer, nil, func(f *models.Feature) error {
		fs = append(fs, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return fs
}
