package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"minerehab/models"
)

type screenOut struct {
	DistanceM float64 `json:"distance_m"`
	Hits      []struct {
		Layer     string   `json:"layer"`
		ID        int64    `json:"id"`
		Licence   *string  `json:"licence"`
		Name      *string  `json:"name"`
		DistanceM *float64 `json:"distance_m"`
	} `json:"hits"`
	Rivers []struct {
		Name string `json:"name"`
	} `json:"rivers"`
}

func screenJSONOut(t *testing.T, args ...string) screenOut {
	t.Helper()
	out := mustRun(t, append([]string{"screen"}, args...)...)
	var s screenOut
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return s
}

func TestScreenSample(t *testing.T) {
	p := sampleFile(t)
	s := screenJSONOut(t, p, "--json")
	if s.DistanceM != 3000 || len(s.Hits) == 0 || len(s.Rivers) != 2 {
		t.Fatalf("default screening: %g m, %d hits, rivers %v", s.DistanceM, len(s.Hits), s.Rivers)
	}
	layers := map[string]int{}
	for i, h := range s.Hits {
		if h.Licence == nil || h.Name == nil || h.DistanceM == nil || h.ID == 0 {
			t.Fatalf("hit %d lacks a field: %+v", i, h)
		}
		if *h.DistanceM < 0 || *h.DistanceM > 3000 || (i > 0 && *s.Hits[i-1].DistanceM > *h.DistanceM) {
			t.Errorf("hit %d at %g m", i, *h.DistanceM)
		}
		layers[h.Layer]++
	}
	if layers["mines"] == 0 || layers["sites"] == 0 {
		t.Errorf("hits by layer %v", layers)
	}
	// A wider band holds everything the narrower one holds.
	wide := screenJSONOut(t, p, "--json", "--distance", "10000")
	if len(wide.Hits) <= len(s.Hits) {
		t.Errorf("10 km: %d hits, 3 km: %d", len(wide.Hits), len(s.Hits))
	}
	// One river only.
	one := screenJSONOut(t, p, "--json", "--rivers", "reference:都思兔河", "--layers", "mines")
	for _, h := range one.Hits {
		if h.Layer != "mines" {
			t.Errorf("--layers mines gave %s", h.Layer)
		}
	}
	if len(one.Rivers) != 1 || one.Rivers[0].Name != "都思兔河" {
		t.Errorf("rivers %v", one.Rivers)
	}
	// Text output, in Chinese by default.
	t.Setenv("MINEREHAB_LANG", "zh-CN")
	if out := mustRun(t, "screen", p); !strings.Contains(out, "3000 米范围内共") {
		t.Errorf("text output:\n%s", out)
	}
}

func TestScreenBadInput(t *testing.T) {
	p := sampleFile(t)
	t.Setenv("MINEREHAB_LANG", "en")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--distance", "0"}, "greater than 0"},
		{[]string{"--distance", "-3000"}, "greater than 0"},
		{[]string{"--distance", "1e9"}, "at most 100000"},
		{[]string{"--distance", "NaN"}, "greater than 0"},
		{[]string{"--distance", "3km"}, "--help"},
		{[]string{"--rivers", "reference:长江"}, "no river feature matches reference:长江"},
		{[]string{"--rivers", "zones"}, "no river feature matches zones"},
		{[]string{"--rivers", "reference:西鄂尔多斯国家级自然保护区"}, "has no lines"},
		{[]string{"--rivers", "rivers:黄河"}, "--help"},
		{[]string{"--layers", "mines,wells"}, "no layer “wells”"},
		{[]string{"--show", "nothing"}, "no saved screening named “nothing”"},
	}
	for _, tc := range tests {
		code, out, errs := run(t, append([]string{"screen", p}, tc.args...)...)
		if code != 1 || out != "" || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want %q)", tc.args, code, out, errs, tc.want)
		}
	}
	// A missing project says so.
	if code, _, errs := run(t, "screen", filepath.Join(t.TempDir(), "none.gpkg")); code != 1 || !strings.Contains(errs, "no such project file") {
		t.Errorf("missing project: %d %q", code, errs)
	}
}

func TestScreenSaveShowRerun(t *testing.T) {
	p := sampleFile(t)
	t.Setenv("MINEREHAB_LANG", "en")
	saved := screenJSONOut(t, p, "--json", "--save", "2021-06 section 15")
	if code, _, errs := run(t, "screen", p, "--save", "2021-06 section 15"); code != 1 || !strings.Contains(errs, "already saved") {
		t.Errorf("saving twice: %d %q", code, errs)
	}
	shown := screenJSONOut(t, p, "--json", "--show", "2021-06 section 15")
	if len(shown.Hits) != len(saved.Hits) || shown.DistanceM != 3000 {
		t.Errorf("shown %d hits, saved %d", len(shown.Hits), len(saved.Hits))
	}
	for i := range shown.Hits {
		if *shown.Hits[i].DistanceM != *saved.Hits[i].DistanceM || shown.Hits[i].ID != saved.Hits[i].ID {
			t.Errorf("hit %d: shown %+v saved %+v", i, shown.Hits[i], saved.Hits[i])
		}
	}
	if out := mustRun(t, "screen", p, "--list"); !strings.Contains(out, "2021-06 section 15") {
		t.Errorf("list:\n%s", out)
	}
	if out := mustRun(t, "screen", p, "--rerun", "2021-06 section 15"); !strings.Contains(out, "the same result today") {
		t.Errorf("rerun:\n%s", out)
	}
}

// The real Yellow River (Natural Earth) against the real districts of
// Wuhai: the river runs through all three, so all are at 0 m.
func TestScreenRealYellowRiver(t *testing.T) {
	data := sharedDir(t)
	p := newProject(t)
	mustRun(t, "import", p, "--layer", "reference", "--quiet", filepath.Join(data, "rivers", "yellow_river_ne50m.geojson"))
	mustRun(t, "import", p, "--layer", "sites", "--kind", "other", "--quiet", filepath.Join(data, "admin", "wuhai_districts_150300.json"))
	s := screenJSONOut(t, p, "--json", "--rivers", "reference")
	if len(s.Hits) != 3 {
		t.Fatalf("%d hits: %+v", len(s.Hits), s.Hits)
	}
	for _, h := range s.Hits {
		if *h.DistanceM != 0 {
			t.Errorf("%s at %g m", *h.Name, *h.DistanceM)
		}
	}
}

// TestScreeningJSONLayout: the one-hit-per-line JSON says exactly what the
// encoder says (HTML characters unescaped, Chinese as is), for no hit, one
// and several.
func TestScreeningJSONLayout(t *testing.T) {
	at := time.Date(2026, 5, 1, 2, 3, 4, 0, time.UTC)
	for _, n := range []int{0, 1, 3} {
		res := &models.Screening{Name: "黄河 <3 km> & 都思兔河", At: at, DistanceM: 3000,
			Params: models.ScreenParams{DistanceM: 3000, Rivers: models.DefaultRivers, Layers: models.ScreenLayers},
			Rivers: []models.RiverUsed{{Layer: "reference", ID: 1, Name: "黄河"}}, Hits: []models.ScreenHit{}}
		for i := 0; i < n; i++ {
			res.Hits = append(res.Hits, models.ScreenHit{Layer: "mines", ID: int64(i + 1), Licence: "C150", Name: "煤矿 <A&B>", DistanceM: 12.5 * float64(i)})
		}
		var got, want bytes.Buffer
		if err := writeScreeningJSON(&got, res); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(got.Bytes(), &a); err != nil {
			t.Fatalf("%d hits: invalid json %v:\n%s", n, err, got.String())
		}
		json.Unmarshal(want.Bytes(), &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%d hits:\n%s\nwant\n%s", n, got.String(), want.String())
		}
		lines := 0
		for _, l := range strings.Split(got.String(), "\n") {
			if strings.HasPrefix(l, `    {"layer":`) {
				lines++
			}
		}
		if lines != n || (n > 0 && !strings.Contains(got.String(), "<A&B>")) {
			t.Errorf("%d hits: %d hit lines\n%s", n, lines, got.String())
		}
	}
}
