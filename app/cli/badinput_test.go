package cli

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"minerehab/app"
	"minerehab/models"
)

// TestBadFiles: each bad input gets exit 1, a sentence naming the file and the
// reason, and leaves the project exactly as it was.
func TestBadFiles(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(`{"type":"Feature","properties":{"名称":"乌海"},"geometry":{"type":"Point","coordinates":[106.8,39.6]}}`)
	if err != nil {
		t.Fatal(err)
	}
	shp := string([]byte{0, 0, 0x27, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0xe8})
	tests := []struct {
		name, content string
		want          []string // substrings of stderr
	}{
		{"empty.geojson", "", []string{"empty"}},
		{"gbk.geojson", gbk, []string{"GBK", "UTF-8"}},
		{"roads.shp", shp, []string{"shapefile"}},
		{"deep.geojson", strings.Repeat("[", 200000), []string{"nested"}},
		{"bowtie.geojson", `{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[106,39],[107,40],[107,39],[106,40],[106,39]]]}}`, []string{"intersects itself", "feature index 0"}},
		{"point-in-mines.geojson", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.8,39.6]}}`, []string{"does not fit"}},
	}
	p := newProject(t)
	seed := writeFile(t, "seed.geojson", `{"type":"Feature","properties":{"采矿许可证号":"S1"},"geometry":{"type":"Polygon","coordinates":[[[106.7,39.5],[106.71,39.5],[106.71,39.51],[106.7,39.5]]]}}`)
	mustRun(t, "import", p, "--layer", "mines", seed)
	before := snapshot(t, p)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := writeFile(t, tc.name, tc.content)
			code, _, errs := run(t, "import", p, "--layer", "mines", f)
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr %s", code, errs)
			}
			if !strings.Contains(errs, tc.name) {
				t.Errorf("message does not name the file: %s", errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("message lacks %q: %s", w, errs)
				}
			}
			if strings.Count(strings.TrimSpace(errs), "\n") != 0 || strings.Contains(errs, "goroutine") {
				t.Errorf("not one line: %q", errs)
			}
			if snapshot(t, p) != before {
				t.Error("project changed by a rejected import")
			}
		})
	}
	t.Run("missing path", func(t *testing.T) {
		code, _, errs := run(t, "import", p, "/no/such/file.geojson")
		if code != 1 || !strings.Contains(errs, "/no/such/file.geojson") || !strings.Contains(errs, "no such file") {
			t.Errorf("exit %d: %s", code, errs)
		}
	})
	t.Run("chinese message", func(t *testing.T) {
		t.Setenv("MINEREHAB_LANG", "zh-CN")
		code, _, errs := run(t, "import", p, writeFile(t, "empty.geojson", ""))
		if code != 1 || !strings.Contains(errs, "文件为空") {
			t.Errorf("exit %d: %s", code, errs)
		}
	})
}

// TestSkipInvalid: --skip-invalid imports the rest and lists each skipped feature.
func TestSkipInvalid(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	src := writeFile(t, "mixed.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"ok1"},"geometry":{"type":"Point","coordinates":[106.8,39.6]}},
{"type":"Feature","properties":{"name":"far"},"geometry":{"type":"Point","coordinates":[206.8,39.6]}},
{"type":"Feature","properties":{"name":"ok2"},"geometry":{"type":"Point","coordinates":[106.9,39.6]}},
{"type":"Feature","properties":{"name":"strings"},"geometry":{"type":"Point","coordinates":["106.9","39.6"]}}]}`)
	p := newProject(t)
	code, _, errs := run(t, "import", p, "--layer", "fire_points", src)
	if code != 1 || !strings.Contains(errs, "feature index 1") {
		t.Errorf("default must reject the file: %d %s", code, errs)
	}
	if n := len(features(t, p, "fire_points")); n != 0 {
		t.Errorf("%d features landed from a rejected file", n)
	}
	out := mustRun(t, "import", p, "--layer", "fire_points", "--skip-invalid", src)
	if !strings.Contains(out, "added 2") || !strings.Contains(out, "skipped 2") ||
		!strings.Contains(out, "feature index 1") || !strings.Contains(out, "feature index 3") {
		t.Errorf("summary: %s", out)
	}
}

// TestHugePolygon: a 1,000,000-vertex polygon is accepted.
func TestHugePolygon(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	var b strings.Builder
	b.WriteString(`{"type":"Feature","properties":{"name":"huge"},"geometry":{"type":"Polygon","coordinates":[[`)
	const n = 1000000
	for i := 0; i < n; i++ {
		a := 2 * 3.141592653589793 * float64(i) / n
		fmt.Fprintf(&b, "[%.7f,%.7f],", 106.8+0.05*math.Cos(a), 39.6+0.05*math.Sin(a))
	}
	b.WriteString(`[106.85,39.6]]]}}`)
	src := writeFile(t, "huge.geojson", b.String())
	p := newProject(t)
	mustRun(t, "import", p, "--layer", "reference", src)
	fs := features(t, p, "reference")
	if len(fs) != 1 || fs[0].AreaM2 < 1e7 {
		t.Fatalf("huge polygon: %d features", len(fs))
	}
}

// TestProjectErrors: refusing a project file never damages it.
func TestProjectErrors(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	geo := writeFile(t, "pt.geojson", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.8,39.6]}}`)
	t.Run("not a project", func(t *testing.T) {
		f := writeFile(t, "x.gpkg", "hello")
		code, _, errs := run(t, "info", f)
		if code != 1 || !strings.Contains(errs, "not a project file") {
			t.Errorf("%d %s", code, errs)
		}
		if b, _ := os.ReadFile(f); string(b) != "hello" {
			t.Error("file changed")
		}
	})
	t.Run("newer schema", func(t *testing.T) {
		p := newProject(t)
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE mr_meta SET value='999' WHERE key='schema_version'`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		code, _, errs := run(t, "import", p, geo)
		if code != 1 || !strings.Contains(errs, "newer minerehab") {
			t.Errorf("%d %s", code, errs)
		}
	})
	t.Run("read-only", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes read-only files; the read-only case needs an unprivileged user")
		}
		p := newProject(t)
		os.Chmod(p, 0o444)
		code, _, errs := run(t, "import", p, geo)
		if code != 1 || !strings.Contains(errs, "read-only") {
			t.Errorf("%d %s", code, errs)
		}
	})
	t.Run("locked by another writer", func(t *testing.T) {
		p := newProject(t)
		cmd := exec.Command(os.Args[0], p)
		cmd.Env = append(os.Environ(), "MINEREHAB_TEST_CHILD=hold-lock")
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { cmd.Process.Kill(); cmd.Wait() }()
		line, _ := bufio.NewReader(out).ReadString('\n')
		if strings.TrimSpace(line) != "locked" {
			t.Fatalf("child: %q", line)
		}
		code, _, errs := run(t, "import", p, geo)
		if code != 1 || !strings.Contains(errs, "another program") {
			t.Errorf("%d %s", code, errs)
		}
	})
}

// TestKillMidImport kills a real import process with SIGKILL while it writes:
// the project stays valid and holds all or nothing of that import.
func TestKillMidImport(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	t.Setenv("MINEREHAB_LANG", "en")
	const n = 60000
	src := filepath.Join(t.TempDir(), "many.geojson")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			w.WriteString(",\n")
		}
		x, y := 106.6+float64(i%500)*0.001, 39.2+float64(i/500)*0.001
		fmt.Fprintf(w, `{"type":"Feature","properties":{"采矿许可证号":"K%d","名称":"矿%d"},"geometry":{"type":"Polygon","coordinates":[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}}`,
			i, i, x, y, x+0.0005, y, x+0.0005, y+0.0005, x, y)
	}
	w.WriteString("]}")
	w.Flush()
	f.Close()

	p := newProject(t)
	// Kill at growing depths into the write: once the write-ahead log holds
	// at least `depth` bytes of the uncommitted transaction.
	for _, depth := range []int64{1 << 16, 1 << 20, 4 << 20} {
		cmd := exec.Command(os.Args[0], "import", p, "--layer", "mines", "--quiet", src)
		cmd.Env = append(os.Environ(), "MINEREHAB_TEST_CHILD=cli")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var walSize int64
		completed := false
	wait:
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
			select {
			case err := <-done:
				completed = err == nil
				break wait
			default:
			}
			if fi, err := os.Stat(p + "-wal"); err == nil && fi.Size() >= depth {
				walSize = fi.Size()
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
				break wait
			}
			time.Sleep(2 * time.Millisecond)
		}
		st, err := app.OpenProject(p, false)
		if err != nil {
			t.Fatalf("after kill at %d bytes of WAL: %v", walSize, err)
		}
		probs, err := st.Validate(context.Background())
		if err != nil || len(probs) > 0 {
			t.Fatalf("after kill at %d bytes of WAL: invalid project: %v %v", walSize, err, probs)
		}
		c, err := st.Count(context.Background(), models.LayerMines, nil)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if c != 0 && c != n {
			t.Fatalf("after kill at %d bytes of WAL: %d of %d features: not all-or-nothing", walSize, c, n)
		}
		t.Logf("killed with %d bytes in the WAL: %d features afterwards (process completed: %v)", walSize, c, completed)
		if completed || c == n {
			break
		}
	}
	// the project still takes the import afterwards
	mustRun(t, "import", p, "--layer", "mines", "--quiet", src)
	if got := len(features(t, p, "mines")); got != n {
		t.Errorf("%d features after a clean import", got)
	}
}
