package cli

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"minerehab/app"
)

type reserveOut struct {
	Reserves []struct {
		Name   string  `json:"name"`
		AreaM2 float64 `json:"area_m2"`
	} `json:"reserves"`
	Overlaps []struct {
		Layer     string  `json:"layer"`
		Licence   string  `json:"licence"`
		Reserve   string  `json:"reserve"`
		OverlapM2 float64 `json:"overlap_m2"`
		Share     float64 `json:"share"`
	} `json:"overlaps"`
}

func TestReserveCommand(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	// The sample's mines all lie outside the West Ordos reserve (1.6 km at
	// the nearest, by GDAL).
	var out reserveOut
	if err := json.Unmarshal([]byte(mustRun(t, "reserve", sampleFile(t), "--json")), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Reserves) != 1 || len(out.Overlaps) != 0 || out.Reserves[0].AreaM2 < 1e8 {
		t.Errorf("sample: %+v", out)
	}
	// A project with a reserve and mines across its edge.
	p := newProject(t)
	ref := writeFile(t, "reserve.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"名称":"西鄂尔多斯国家级自然保护区","类型":"自然保护区"},"geometry":{"type":"Polygon","coordinates":[[[106.9,39.3],[107.0,39.3],[107.0,39.4],[106.9,39.4],[106.9,39.3]]]}}]}`)
	mines := writeFile(t, "mines.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"矿山名称":"甲矿","采矿许可证号":"C001"},"geometry":{"type":"Polygon","coordinates":[[[106.99,39.35],[107.01,39.35],[107.01,39.36],[106.99,39.36],[106.99,39.35]]]}},
{"type":"Feature","properties":{"矿山名称":"乙矿","采矿许可证号":"C002"},"geometry":{"type":"Polygon","coordinates":[[[107.0,39.35],[107.01,39.35],[107.01,39.36],[107.0,39.36],[107.0,39.35]]]}},
{"type":"Feature","properties":{"矿山名称":"丙矿","采矿许可证号":"C003"},"geometry":{"type":"Polygon","coordinates":[[[106.95,39.35],[106.96,39.35],[106.96,39.36],[106.95,39.36],[106.95,39.35]]]}}]}`)
	mustRun(t, "import", p, "--layer", "reference", "--quiet", ref)
	mustRun(t, "import", p, "--layer", "mines", "--quiet", mines)
	out = reserveOut{}
	if err := json.Unmarshal([]byte(mustRun(t, "reserve", p, "--json")), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Overlaps) != 2 {
		t.Fatalf("overlaps %+v", out.Overlaps)
	}
	shares := map[string]float64{}
	for _, o := range out.Overlaps {
		shares[o.Licence] = o.Share
	}
	if math.Abs(shares["C001"]-0.5) > 1e-3 || math.Abs(shares["C003"]-1) > 1e-6 {
		t.Errorf("shares %v", shares)
	}
	if txt := mustRun(t, "reserve", p); !strings.Contains(txt, "2 mines and sites overlap a reserve") || !strings.Contains(txt, "C001") {
		t.Errorf("text:\n%s", txt)
	}
	// What the dashboard asks.
	st, err := app.OpenProject(p, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for lic, want := range map[string]bool{"C001": true, "C002": false, "C003": true, "C999": false} {
		got, m2, err := app.IsReserveFlagged(context.Background(), st, lic)
		if err != nil || got != want || (got && m2 <= 0) {
			t.Errorf("%s: flagged %v (%g m²), %v", lic, got, m2, err)
		}
	}
	// No reserve at all: said plainly, not an error.
	if txt := mustRun(t, "reserve", newProject(t)); !strings.Contains(txt, "no nature reserve") {
		t.Errorf("empty project:\n%s", txt)
	}
}
