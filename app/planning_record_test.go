package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"minerehab/models"
)

// TestRecordCSVFiles records the spreadsheets under testdata.
func TestRecordCSVFiles(t *testing.T) {
	p := planProject(t)
	for _, tc := range []struct {
		file     string
		kind     RecordKind
		rows     int
		encoding string
	}{
		{"planning_green.csv", RecordGreen, 4, "UTF-8"},
		{"planning_status_gbk.csv", RecordStatus, 2, "GB18030"},
		{"planning_problem.csv", RecordProblem, 2, "UTF-8"},
		{"planning_fire.csv", RecordFire, 3, "UTF-8"},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := RecordCSV(context.Background(), p, tc.kind, tc.file, b)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if sum.Rows != tc.rows || sum.Added != tc.rows || sum.Encoding != tc.encoding {
			t.Errorf("%s: %+v", tc.file, sum)
		}
	}
	h, _ := p.StatusHistory(context.Background(), 6)
	if len(h) != 1 || h[0].Status != models.StatusProducing || h[0].Note != "复产" {
		t.Errorf("GBK status history %+v", h)
	}
	ps, _ := p.Problems(context.Background(), 0)
	if len(ps) != 2 || ps[1].State != models.ProblemClosed {
		t.Errorf("problems %+v", ps)
	}
}

// FuzzRecordCSV feeds arbitrary spreadsheets to a real project: nothing
// panics, a refused file records nothing, and an accepted one reports
// rows that were all recorded or already there.
func FuzzRecordCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "planning_*.csv"))
	kinds := map[string]RecordKind{"green": RecordGreen, "status": RecordStatus, "problem": RecordProblem, "fire": RecordFire}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for name, k := range kinds {
			if strings.Contains(file, name) {
				f.Add(string(k), b)
			}
		}
	}
	f.Add("progress", []byte("measure,date,area_ha\n1,2023-01-01,1\n"))
	f.Add("green", []byte("licence,date,state\nL1,2022-13-45,listed\n"))
	p := planProject(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, kind string, data []byte) {
		before, err := p.GreenInput(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := RecordCSV(ctx, p, RecordKind(kind), "f.csv", data)
		after, err2 := p.GreenInput(ctx)
		if err2 != nil {
			t.Fatal(err2)
		}
		if err != nil {
			var pe *models.PlanError
			if !errors.As(err, &pe) {
				var fe *RecordFileError
				if !errors.As(err, &fe) {
					t.Fatalf("untyped error %T %v", err, err)
				}
			}
			if planCount(before) != planCount(after) {
				t.Fatalf("a refused file changed the project: %v", err)
			}
			return
		}
		if sum.Added+sum.Unchanged != sum.Rows {
			t.Fatalf("summary %+v", sum)
		}
	})
}

func planCount(in *models.GreenInput) int {
	n := 0
	for _, h := range in.Status {
		n += len(h)
	}
	for _, h := range in.Green {
		n += len(h)
	}
	return n
}

func TestRecordSites(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	// Site 1 is the pit: a big pit that gets smaller.
	sum := recordCSV(t, p, RecordSite, "场地,日期,剩余面积,剩余方量,利用方向\n1,2022-01-01,4,120000,修复绿化\n1,2023-01-01,1.5,30000,修复绿化\n")
	if sum.Added != 2 {
		t.Errorf("%+v", sum)
	}
	rs, err := p.SiteRemaining(ctx, 1)
	if err != nil || len(rs) != 2 || rs[1].VolumeM3 != 30000 || rs[1].Reuse != models.ReuseRegreen {
		t.Errorf("remaining %+v %v", rs, err)
	}
	for name, text := range map[string]string{
		"negative":     "site,date,area_ha,volume_m3\n1,2023-01-01,-1,0\n",
		"bad reuse":    "site,date,area_ha,volume_m3,reuse\n1,2023-01-01,1,0,lake\n",
		"unknown site": "site,date,area_ha,volume_m3\n99,2023-01-01,1,0\n",
	} {
		if _, err := RecordCSV(ctx, p, RecordSite, "s.csv", []byte(text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestScoringSheetsShippedAndOwn(t *testing.T) {
	p := planProject(t)
	ctx := context.Background()
	sheets, err := ScoringSheets(ctx, p)
	if err != nil || len(sheets) == 0 || sheets[0].ID != "green-2020-national" {
		t.Fatalf("%v %v", sheets, err)
	}
	own := &models.ScoringSheet{ID: "wuhai-2022", Total: models.Value{Value: 100}, Pass: models.Value{Value: 80}, MinShare: models.Value{Value: 0.6},
		Indicators: []models.Indicator{{ID: "a", Max: &models.Value{Value: 100}}}}
	if err := p.PutScoringSheet(ctx, own); err != nil {
		t.Fatal(err)
	}
	sheets, _ = ScoringSheets(ctx, p)
	if len(sheets) != 2 || sheets[1].ID != "wuhai-2022" {
		t.Errorf("sheets %v", sheets)
	}
	ev := sheets[0].Evaluate(map[string]float64{"mine-environment": 200, "development": 180})
	if ev.Passed || len(ev.Unchecked) != 4 {
		t.Errorf("2020 sheet on two indicators: %+v", ev)
	}
}
