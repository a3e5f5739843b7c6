package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"minerehab/gis/crs"
)

// TestDistrictAreas imports the real Wuhai district outlines and checks the
// ellipsoidal areas against the published sizes (±1%).
func TestDistrictAreas(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	src := filepath.Join(sharedDir(t), "admin", "wuhai_districts_150300.json")
	p := newProject(t)
	out := mustRun(t, "import", p, "--layer", "reference", src)
	if !strings.Contains(out, "added 3") {
		t.Errorf("summary: %s", out)
	}
	csvPath := filepath.Join(t.TempDir(), "d.csv")
	mustRun(t, "export", p, "--layer", "reference", "--format", "csv", "-o", csvPath)
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("csv has no BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"海勃湾区": 485e6, "海南区": 971e6, "乌达区": 200e6}
	got := map[string]float64{}
	for _, r := range rows[1:] {
		a, _ := strconv.ParseFloat(r[9], 64)
		got[r[1]] = a
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("district %s missing; rows %v", name, got)
			continue
		}
		if math.Abs(g-w)/w > 0.01 {
			t.Errorf("%s: area %.0f m², want %.0f ±1%%", name, g, w)
		}
	}
	// info --json sums the same areas
	var info struct {
		SchemaVersion int `json:"schema_version"`
		Layers        []struct {
			Name   string    `json:"name"`
			Count  int       `json:"count"`
			Extent []float64 `json:"extent"`
			AreaM2 float64   `json:"area_m2"`
			AreaHa float64   `json:"area_ha"`
			AreaMu float64   `json:"area_mu"`
		} `json:"layers"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "info", p, "--json")), &info); err != nil {
		t.Fatal(err)
	}
	if info.SchemaVersion < 1 {
		t.Errorf("schema_version %d", info.SchemaVersion)
	}
	for _, l := range info.Layers {
		if l.Name != "reference" {
			continue
		}
		if l.Count != 3 || len(l.Extent) != 4 {
			t.Errorf("reference layer: %+v", l)
		}
		sum := got["海勃湾区"] + got["海南区"] + got["乌达区"]
		if math.Abs(l.AreaM2-sum) > 1 || math.Abs(l.AreaHa*1e4-l.AreaM2) > 1 || math.Abs(l.AreaMu*10000/15-l.AreaM2) > 1 {
			t.Errorf("areas m2 %.1f ha %.4f mu %.3f, sum of features %.1f", l.AreaM2, l.AreaHa, l.AreaMu, sum)
		}
		if l.Extent[0] < 106 || l.Extent[2] > 108 || l.Extent[1] < 39 || l.Extent[3] > 40.5 {
			t.Errorf("extent %v", l.Extent)
		}
	}
}

// TestRoundTrip: what is accepted comes back out — coordinates to 1e-7°,
// properties byte-exact (Chinese, nested, nulls, integers beyond 2^53).
func TestRoundTrip(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","id":"m1","properties":{"矿山名称":"乌达某煤矿","采矿许可证号":"C1503042009","big":12345678901234567891,"nested":{"a":[1,2,{"b":null}]},"e":"\u00e9\ud83d\ude00","n":null},"geometry":{"type":"Polygon","coordinates":[[[106.7,39.5],[106.7,39.51],[106.71,39.51],[106.71,39.5],[106.7,39.5]]]}},
{"type":"Feature","properties":{"name":"p"},"geometry":{"type":"Point","coordinates":[106.8123456,39.6123456]}}
]}`
	src := writeFile(t, "in.geojson", in)
	p := newProject(t)
	mustRun(t, "import", p, "--layer", "reference", src)
	out := filepath.Join(t.TempDir(), "out.geojson")
	mustRun(t, "export", p, "--layer", "reference", "--format", "geojson", "-o", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"矿山名称":"乌达某煤矿","采矿许可证号":"C1503042009","big":12345678901234567891,"nested":{"a":[1,2,{"b":null}]},"e":"\u00e9\ud83d\ude00","n":null}`,
		`[106.8123456,39.6123456]`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("export lacks %s\n%s", want, b)
		}
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	// the reference layer keeps the Polygon as it came
	if fc.Features[0].Geometry.Type != "Polygon" {
		t.Errorf("type %s", fc.Features[0].Geometry.Type)
	}
	var rings [][][2]float64
	if err := json.Unmarshal(fc.Features[0].Geometry.Coordinates, &rings); err != nil {
		t.Fatal(err)
	}
	// the clockwise input comes back counter-clockwise (RFC 7946)
	r := rings[0]
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	if s <= 0 {
		t.Errorf("exterior ring not counter-clockwise: %v", r)
	}
}

// TestReimport: a second import updates by licence instead of duplicating.
func TestReimport(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	mk := func(status string) string {
		return fmt.Sprintf(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"采矿许可证号":"C1","生产状态":"%s"},"geometry":{"type":"Polygon","coordinates":[[[106.7,39.5],[106.71,39.5],[106.71,39.51],[106.7,39.5]]]}},
{"type":"Feature","properties":{"采矿许可证号":"C2","生产状态":"生产"},"geometry":{"type":"Polygon","coordinates":[[[106.8,39.5],[106.81,39.5],[106.81,39.51],[106.8,39.5]]]}}]}`, status)
	}
	p := newProject(t)
	a := writeFile(t, "a.geojson", mk("生产"))
	if out := mustRun(t, "import", p, "--layer", "mines", a); !strings.Contains(out, "added 2, updated 0, unchanged 0") {
		t.Errorf("first import: %s", out)
	}
	if out := mustRun(t, "import", p, "--layer", "mines", a); !strings.Contains(out, "added 0, updated 0, unchanged 2") {
		t.Errorf("same again: %s", out)
	}
	b := writeFile(t, "b.geojson", mk("停产"))
	if out := mustRun(t, "import", p, "--layer", "mines", b); !strings.Contains(out, "added 0, updated 1, unchanged 1") {
		t.Errorf("changed one: %s", out)
	}
	fs := features(t, p, "mines")
	if len(fs) != 2 {
		t.Fatalf("%d mines after re-import", len(fs))
	}
	if fs[0].Attrs.Status != "suspended" {
		t.Errorf("status not updated: %+v", fs[0].Attrs)
	}
}

// TestGKDetection: 8-digit eastings with a zone prefix are recognised, said,
// converted, and the original numbers are kept exactly.
func TestGKDetection(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	c, err := crs.ByEPSG(4524) // CGCS2000 3° zone 36, with prefix
	if err != nil {
		t.Fatal(err)
	}
	var ring [][2]float64
	for _, ll := range [][2]float64{{106.80, 39.60}, {106.82, 39.60}, {106.82, 39.62}, {106.80, 39.62}, {106.80, 39.60}} {
		x, y, err := c.FromLonLat(ll[0], ll[1])
		if err != nil {
			t.Fatal(err)
		}
		ring = append(ring, [2]float64{math.Round(x*1000) / 1000, math.Round(y*1000) / 1000})
	}
	coords, _ := json.Marshal([][][2]float64{ring})
	src := writeFile(t, "gk.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"采矿许可证号":"GK1"},"geometry":{"type":"Polygon","coordinates":`+string(coords)+`}}]}`)
	p := newProject(t)
	out := mustRun(t, "import", p, "--layer", "mines", src)
	if !strings.Contains(out, "zone 36") || !strings.Contains(out, "EPSG:4524") {
		t.Errorf("summary does not say the zone was recognised: %s", out)
	}
	fs := features(t, p, "mines")
	if len(fs) != 1 || fs[0].Source == nil || fs[0].Source.EPSG != 4524 {
		t.Fatalf("source geometry not kept: %+v", fs)
	}
	b := fs[0].Geometry.Bound()
	if math.Abs(b.Min[0]-106.80) > 1e-7 || math.Abs(b.Max[1]-39.62) > 1e-7 {
		t.Errorf("converted bound %v", b)
	}
	got, _ := json.Marshal(fs[0].Source.Geometry)
	for _, p := range ring {
		if !strings.Contains(string(got), strconv.FormatFloat(p[0], 'f', -1, 64)) {
			t.Errorf("original easting %v not kept exactly in %s", p[0], got)
		}
	}
	// metres without a zone are refused with a request for --crs
	noZone := writeFile(t, "nz.geojson", `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[512345.678,4387654.321]}}`)
	code, _, errs := run(t, "import", p, "--layer", "reference", noZone)
	if code != 1 || !strings.Contains(errs, "--crs") || !strings.Contains(errs, "nz.geojson") {
		t.Errorf("no-zone metres: exit %d, %s", code, errs)
	}
	// ... and accepted when --crs is given
	mustRun(t, "import", p, "--layer", "reference", "--crs", "EPSG:4545", noZone)
}

// TestInputLayouts: every GeoJSON layout the issue names imports, and a crs
// member that comes after the features is still honoured.
func TestInputLayouts(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	pt := func(x float64) string {
		return fmt.Sprintf(`{"type":"Feature","properties":{"n":%v},"geometry":{"type":"Point","coordinates":[%v,39.6]}}`, x, x)
	}
	c, _ := crs.ByEPSG(4545)
	e, n, _ := c.FromLonLat(106.8, 39.6)
	tests := []struct {
		name, content string
		want          int
	}{
		{"collection", `{"type":"FeatureCollection","features":[` + pt(106.8) + `,` + pt(106.9) + `]}`, 2},
		{"feature", pt(106.8), 1},
		{"bare geometry", `{"type":"Point","coordinates":[106.8,39.6]}`, 1},
		{"rfc8142 sequence", "\x1e" + pt(106.8) + "\n\x1e" + pt(106.9) + "\n\x1e" + pt(107.0) + "\n", 3},
		{"newline-delimited", pt(106.8) + "\n" + pt(106.9) + "\n", 2},
		{"crs after features", fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[%.3f,%.3f]}}],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4545"}}}`, e, n), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newProject(t)
			mustRun(t, "import", p, "--layer", "fire_points", writeFile(t, "in.geojson", tc.content))
			fs := features(t, p, "fire_points")
			if len(fs) != tc.want {
				t.Fatalf("%d features, want %d", len(fs), tc.want)
			}
			g := fs[0].Geometry.Bound().Center()
			if math.Abs(g[0]-106.8) > 1e-6 || math.Abs(g[1]-39.6) > 1e-6 {
				t.Errorf("first point at %v", g)
			}
		})
	}
}
