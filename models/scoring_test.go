package models

import (
	"os"
	"path/filepath"
	"testing"
)

func readSheets(t testing.TB) map[string][]byte {
	files, err := filepath.Glob("../assets/scoring/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scoring sheets: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	return out
}

func TestScoringSheetsShipped(t *testing.T) {
	for f, b := range readSheets(t) {
		s, err := ParseScoringSheet(b)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if filepath.Base(f) != s.ID+".json" {
			t.Errorf("%s: id %s does not match the file name", f, s.ID)
		}
	}
	s, err := ParseScoringSheet(readSheets(t)["../assets/scoring/green-2020-national.json"])
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Indicators) != 6 || s.Total.Value != 1000 || s.Pass.Value != 800 || s.MinShare.Value != 0.75 || !s.Total.Confirmed {
		t.Errorf("2020 national sheet: %+v", s)
	}
}

func TestScoringEvaluate(t *testing.T) {
	s := &ScoringSheet{ID: "t", Total: Value{Value: 1000}, Pass: Value{Value: 800}, MinShare: Value{Value: 0.75},
		Indicators: []Indicator{
			{ID: "a", Max: &Value{Value: 500}},
			{ID: "b", Max: &Value{Value: 300}},
			{ID: "c", Max: &Value{Value: 200}},
		}}
	tests := []struct {
		name   string
		scores map[string]float64
		pass   bool
		short  int
	}{
		{"exactly 800 with every share met", map[string]float64{"a": 400, "b": 250, "c": 150}, true, 0},
		{"799.5 fails", map[string]float64{"a": 400, "b": 249.5, "c": 150}, false, 0},
		{"900 but c under 75% (149 < 150)", map[string]float64{"a": 500, "b": 251, "c": 149}, false, 1},
		{"over max is an error", map[string]float64{"a": 501, "b": 300, "c": 200}, false, 0},
		{"unknown indicator", map[string]float64{"a": 500, "b": 300, "c": 200, "x": 1}, false, 0},
	}
	for _, tc := range tests {
		ev := s.Evaluate(tc.scores)
		if ev.Passed != tc.pass || len(ev.Short) != tc.short {
			t.Errorf("%s: %+v", tc.name, ev)
		}
	}
}

func TestParseScoringSheetRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"not json":      `{`,
		"no id":         `{"total":{"value":1000},"pass":{"value":800},"indicator_min_share":{"value":0.75},"indicators":[{"id":"a","max":{"value":1000}}]}`,
		"pass > total":  `{"id":"x","total":{"value":100},"pass":{"value":800},"indicator_min_share":{"value":0.75},"indicators":[{"id":"a","max":{"value":100}}]}`,
		"sum ≠ total":   `{"id":"x","total":{"value":1000},"pass":{"value":800},"indicator_min_share":{"value":0.75},"indicators":[{"id":"a","max":{"value":900}}]}`,
		"sum > total":   `{"id":"x","total":{"value":1000},"pass":{"value":800},"indicator_min_share":{"value":0.75},"indicators":[{"id":"a","max":{"value":900}},{"id":"b","max":{"value":200}},{"id":"c","max":null}]}`,
		"duplicate id":  `{"id":"x","total":{"value":1000},"pass":{"value":800},"indicator_min_share":{"value":0.75},"indicators":[{"id":"a","max":{"value":500}},{"id":"a","max":{"value":500}}]}`,
		"unknown field": `{"id":"x","totl":1}`,
		"share > 1":     `{"id":"x","total":{"value":1000},"pass":{"value":800},"indicator_min_share":{"value":1.5},"indicators":[{"id":"a","max":{"value":1000}}]}`,
	} {
		if _, err := ParseScoringSheet([]byte(src)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzParseScoringSheet: nothing panics; an accepted sheet evaluates.
func FuzzParseScoringSheet(f *testing.F) {
	for _, b := range readSheets(f) {
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","total":{"value":1000},"pass":{"value":800},"indicator_min_share":{"value":0.75},"indicators":[{"id":"a","max":{"value":1000}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseScoringSheet(b)
		if err != nil {
			return
		}
		scores := map[string]float64{}
		for _, in := range s.Indicators {
			if in.Max != nil {
				scores[in.ID] = in.Max.Value
			}
		}
		ev := s.Evaluate(scores)
		if len(ev.Short) != 0 {
			t.Fatalf("full marks fall short: %+v", ev)
		}
	})
}
