package measure

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// Test helpers: locating the shared data, a minimal GeoJSON reader (the
// orb/geojson package would pull a new module into go.mod) and the
// reference tables made by testdata/gen_reference.py.

// sharedData returns the path of /work/shared/data, found relative to the
// module root, or "" when the folder is absent.
func sharedData(t testing.TB) string {
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
			t.Fatal("module root not found")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		return ""
	}
	return data
}

type feature struct {
	name string
	geom orb.Geometry
}

// readFeatures decodes the Polygon, MultiPolygon, LineString and
// MultiLineString features of a GeoJSON FeatureCollection.
func readFeatures(t testing.TB, path string) []feature {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []feature
	for _, f := range fc.Features {
		g, err := decodeGeometry(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			t.Fatalf("%s %s: %v", path, f.Properties.Name, err)
		}
		out = append(out, feature{f.Properties.Name, g})
	}
	return out
}

func decodeGeometry(typ string, raw json.RawMessage) (orb.Geometry, error) {
	switch typ {
	case "LineString":
		var c [][2]float64
		err := json.Unmarshal(raw, &c)
		return lineString(c), err
	case "MultiLineString":
		var c [][][2]float64
		err := json.Unmarshal(raw, &c)
		m := orb.MultiLineString{}
		for _, l := range c {
			m = append(m, lineString(l))
		}
		return m, err
	case "Polygon":
		var c [][][2]float64
		err := json.Unmarshal(raw, &c)
		return polygon(c), err
	case "MultiPolygon":
		var c [][][][2]float64
		err := json.Unmarshal(raw, &c)
		m := orb.MultiPolygon{}
		for _, p := range c {
			m = append(m, polygon(p))
		}
		return m, err
	}
	return nil, fmt.Errorf("unsupported geometry type %q", typ)
}

func lineString(c [][2]float64) orb.LineString {
	l := make(orb.LineString, len(c))
	for i, p := range c {
		l[i] = orb.Point(p)
	}
	return l
}

func polygon(c [][][2]float64) orb.Polygon {
	p := make(orb.Polygon, len(c))
	for i, r := range c {
		p[i] = orb.Ring(lineString(r))
	}
	return p
}

// readTSV returns the non-comment rows of a tab-separated reference file.
func readTSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sourceFile returns the GeoJSON file behind a source column value of the
// reference tables, skipping the test when the shared data is absent.
func sourceFile(t testing.TB, source string) string {
	t.Helper()
	if source == "synthetic" {
		return filepath.Join("testdata", "synthetic.geojson")
	}
	data := sharedData(t)
	if data == "" {
		t.Skip("shared data folder not available")
	}
	switch source {
	case "wuhai":
		return filepath.Join(data, "admin", "wuhai_districts_150300.json")
	case "inner_mongolia":
		return filepath.Join(data, "admin", "inner_mongolia_cities_150000.json")
	}
	t.Fatalf("unknown source %q", source)
	return ""
}
