package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"minerehab/gis/corners"
)

// cornerFixture is a file of gis/corners' testdata (invented parcels near
// Wuhai whose corners were computed with cs2cs).
func cornerFixture(t testing.TB, name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "gis", "corners", "testdata", name)
}

func parseCornerFile(t *testing.T, path string) *corners.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := corners.Parse(b, corners.Options{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

// TestCornerCLIRoundTrip: `import --format corners` then `export --format
// corners` in the same system gives every corner back as written.
func TestCornerCLIRoundTrip(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	for _, tc := range []struct{ file, crs string }{
		{"exchange_zone36.txt", "EPSG:4524"},
		{"exchange_gbk.txt", "EPSG:4524"},
		{"exchange_noprefix.txt", "EPSG:4545"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := newProject(t)
			in := cornerFixture(t, tc.file)
			out := mustRun(t, "import", p, "--layer", "mines", "--format", "corners", in)
			if !strings.Contains(out, tc.crs) {
				t.Errorf("summary does not name %s:\n%s", tc.crs, out)
			}
			dst := filepath.Join(t.TempDir(), "out.txt")
			mustRun(t, "export", p, "--layer", "mines", "--format", "corners", "--crs", tc.crs, "-o", dst)
			a, b := parseCornerFile(t, in), parseCornerFile(t, dst)
			if a.EPSG != b.EPSG || len(a.Parcels) != len(b.Parcels) {
				t.Fatalf("EPSG %d/%d parcels %d/%d", b.EPSG, a.EPSG, len(b.Parcels), len(a.Parcels))
			}
			for i := range a.Parcels {
				if a.Parcels[i].Name() != b.Parcels[i].Name() || a.Parcels[i].Number() != b.Parcels[i].Number() {
					t.Errorf("parcel %d: %q %q, want %q %q", i, b.Parcels[i].Name(), b.Parcels[i].Number(), a.Parcels[i].Name(), a.Parcels[i].Number())
				}
				for j, r := range a.Parcels[i].Rings {
					for k, pt := range r.Points {
						q := b.Parcels[i].Rings[j].Points[k]
						if pt.XText != q.XText || pt.YText != q.YText {
							t.Errorf("corner %d/%d/%d: %s,%s want %s,%s", i, j, k, q.XText, q.YText, pt.XText, pt.YText)
						}
					}
				}
			}
		})
	}
}

func TestCornerCLISwappedNote(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	p := newProject(t)
	out := mustRun(t, "import", p, "--layer", "mines", "--format", "corners", cornerFixture(t, "exchange_swapped.txt"))
	if !strings.Contains(out, "X and Y were the wrong way round (4 points)") || !strings.Contains(out, "line 24") {
		t.Errorf("no swap note:\n%s", out)
	}
}

func TestCornerCLIRefused(t *testing.T) {
	tests := []struct {
		name string
		args func(p string) []string
		lang string
		want []string
	}{
		{"zone mismatch", func(p string) []string {
			return []string{"import", p, "--layer", "mines", "--format", "corners", cornerFixture(t, "bad_zone_mismatch.txt")}
		}, "en", []string{"bad_zone_mismatch.txt", "line 9", "带号=35", "zone prefix 36"}},
		{"ring open zh", func(p string) []string {
			return []string{"import", p, "--layer", "mines", "--format", "corners", cornerFixture(t, "bad_ring_open.txt")}
		}, "zh-CN", []string{"bad_ring_open.txt", "第 17 行", "环未闭合"}},
		{"garbage", func(p string) []string {
			g := writeFile(t, "garbage.txt", strings.Repeat("\x00\x01\x02 garbage\n", 100000))
			return []string{"import", p, "--layer", "mines", "--format", "corners", g}
		}, "en", []string{"line 1", "more than 19"}},
		{"unknown format", func(p string) []string {
			return []string{"import", p, "--format", "dxf", cornerFixture(t, "exchange_zone36.txt")}
		}, "en", []string{"unknown file format"}},
		{"export without crs", func(p string) []string {
			return []string{"export", p, "--layer", "mines", "--format", "corners", "-o", filepath.Join(t.TempDir(), "x.txt")}
		}, "en", []string{"usage"}},
		{"export bad crs", func(p string) []string {
			return []string{"export", p, "--layer", "mines", "--format", "corners", "--crs", "EPSG:1", "-o", filepath.Join(t.TempDir(), "x.txt")}
		}, "en", []string{"EPSG:1"}},
		{"export points layer", func(p string) []string {
			return []string{"export", p, "--layer", "fire_points", "--format", "corners", "--crs", "EPSG:4524", "-o", filepath.Join(t.TempDir(), "x.txt")}
		}, "en", []string{"no polygons"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("MINEREHAB_LANG", tc.lang)
			p := newProject(t)
			before := snapshot(t, p)
			code, _, errs := run(t, tc.args(p)...)
			if code != 1 {
				t.Fatalf("exit %d, stderr %s", code, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q does not say %q", errs, w)
				}
			}
			if snapshot(t, p) != before {
				t.Error("a refused command changed the project")
			}
		})
	}
}
