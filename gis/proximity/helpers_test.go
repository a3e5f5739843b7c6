package proximity

import (
	"encoding/csv"
	"flag"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

var update = flag.Bool("update", false, "rewrite testdata/*.csv from GDAL/SpatiaLite (ogr2ogr)")

// sharedData is ../shared/data beside the module root.
func sharedData(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	d := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not found at %s", d)
	}
	return d
}

func readFC(t testing.TB, path string) *geojson.FeatureCollection {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return fc
}

// ogrCSV runs ogr2ogr with an SQLite-dialect query and returns the CSV
// rows (header dropped).
func ogrCSV(t testing.TB, src, sql string) [][]string {
	t.Helper()
	cmd := exec.Command("ogr2ogr", "-f", "CSV", "/vsistdout/", src, "-dialect", "SQLite", "-sql", sql)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ogr2ogr: %v", err)
	}
	return parseCSV(t, string(out))
}

func parseCSV(t testing.TB, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("empty csv")
	}
	return rows[1:]
}

// golden returns the rows of testdata/name, regenerating it with gen under -update.
func golden(t testing.TB, name string, header string, gen func() [][]string) [][]string {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		rows := gen()
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(f)
		w.Write(strings.Split(header, ","))
		w.WriteAll(rows)
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update where ogr2ogr is installed)", err)
	}
	return parseCSV(t, string(b))
}

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// synthRiver is a meandering line of n vertices from south to north across
// the benchmark area (106.6–107.1 °E, 39.2–39.9 °N), like the Yellow River
// through Wuhai.
func synthRiver(n int) orb.LineString {
	l := make(orb.LineString, n)
	for i := range l {
		f := float64(i) / float64(n-1)
		l[i] = orb.Point{106.82 + 0.03*math.Sin(f*40) + 0.02*f, 39.2 + 0.7*f}
	}
	return l
}

func formatInt(v int64) string { return strconv.FormatInt(v, 10) }
