package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"minerehab/app/i18n"
	"minerehab/models"
	"minerehab/models/store"
)

func TestSurveyTableCSV(t *testing.T) {
	st, ss := dossierProject(t)
	ctx := context.Background()
	for _, tc := range []struct {
		district string
		lang     i18n.Lang
		header   []string
		sites    []string // in order: district, then site name (pinyin in Chinese)
		total    string
		m2       string
	}{
		{"海南区", i18n.ZH, []string{"调查编号", "行政区", "图斑名称", "调查日期", "调查人员", "扰动类型", "扰动面积（平方米）", "扰动面积（公顷）", "扰动面积（亩）"},
			[]string{ss[0].SiteName, ss[1].SiteName}, "合计（2 处）", "87450.5"},
		{"", i18n.EN, []string{"Survey id", "District", "Site name", "Survey date", "Surveyors", "Disturbance", "Disturbed area (m²)"},
			// English order: Chinese names by code point (乌 < 海, 孟 < 格).
			[]string{ss[2].SiteName, ss[1].SiteName, ss[0].SiteName}, "Total (3 sites)", "92450.5"},
	} {
		var buf bytes.Buffer
		if err := WriteSurveyTable(ctx, st, tc.district, "csv", tc.lang, &buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
			t.Errorf("%q: no UTF-8 byte-order mark", tc.district)
		}
		recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
		if err != nil {
			t.Fatalf("%q: CSV does not parse back: %v", tc.district, err)
		}
		if len(recs) != len(tc.sites)+2 {
			t.Fatalf("%q: %d records", tc.district, len(recs))
		}
		for i, h := range tc.header {
			if recs[0][i] != h {
				t.Errorf("%q: header %d %q, want %q", tc.district, i, recs[0][i], h)
			}
		}
		if len(recs[0]) != 18 {
			t.Errorf("%d columns", len(recs[0]))
		}
		for i, site := range tc.sites {
			if recs[i+1][2] != site {
				t.Errorf("%q: row %d site %q, want %q", tc.district, i+1, recs[i+1][2], site)
			}
		}
		last := recs[len(recs)-1]
		if last[0] != tc.total || last[6] != tc.m2 {
			t.Errorf("%q: total row %q", tc.district, last)
		}
		// The polygon's row, every column.
		var row []string
		for _, r := range recs {
			if r[0] == ss[0].UID {
				row = r
			}
		}
		want := map[int]string{1: "海南区", 3: "2024-05-03", 6: "86250.5", 7: "8.6251", 8: "129.38", 13: "1", 14: "3", 10: "裸地", 12: "生态修复（林草地）"}
		if tc.lang == i18n.ZH {
			want[4], want[5], want[9] = "王立新、赵敏", "采坑及排土场", "边坡不稳定、煤层自燃"
		} else {
			want[4], want[5], want[9] = "王立新, 赵敏", "pit and spoil heap", "unstable slope, spontaneous combustion"
		}
		for c, v := range want {
			if row == nil || row[c] != v {
				t.Errorf("%q: polygon row column %d = %q, want %q", tc.district, c, row, v)
				break
			}
		}
		lon, _ := strconv.ParseFloat(row[15], 64)
		lat, _ := strconv.ParseFloat(row[16], 64)
		if lon < 106.8846 || lon > 106.8902 || lat < 39.4880 || lat > 39.4925 {
			t.Errorf("centroid %v %v outside the polygon's box", lon, lat)
		}
		if row[17] != ss[0].Notes {
			t.Errorf("notes %q", row[17])
		}
	}
	// The awkward name (comma, quotes, line break) survives the round trip.
	var buf bytes.Buffer
	if err := WriteSurveyTable(ctx, st, "乌达区", "CSV", i18n.EN, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][2] != dossierOther.SiteName || recs[1][13] != "" || recs[1][14] != "0" {
		t.Errorf("quoted row: %q %v", recs, err)
	}
}

func TestSurveyTableErrors(t *testing.T) {
	st, _ := dossierProject(t)
	ctx := context.Background()
	var se *models.SurveyError
	err := WriteSurveyTable(ctx, st, "海勃湾区", "csv", i18n.ZH, &bytes.Buffer{})
	if !errors.As(err, &se) || se.Code != CodeDossierNoSurveys || Message(i18n.ZH, err) != "行政区“海勃湾区”没有调查记录" {
		t.Errorf("district without surveys: %v / %s", err, Message(i18n.ZH, err))
	}
	err = WriteSurveyTable(ctx, st, "", "ods", i18n.EN, &bytes.Buffer{})
	if !errors.As(err, &se) || se.Code != CodeDossierBadFormat || Message(i18n.EN, err) != "table format “ods” is not supported: use csv or xlsx" {
		t.Errorf("bad format: %v / %s", err, Message(i18n.EN, err))
	}
	empty, err := store.Create(filepath.Join(t.TempDir(), "e.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if err := WriteSurveyTable(ctx, empty, "", "xlsx", i18n.EN, &bytes.Buffer{}); !errors.As(err, &se) || se.Code != CodeDossierProjectNoSurveys {
		t.Errorf("empty project: %v", err)
	}
}

// TestSurveyTableXLSXByGDAL opens the workbook with GDAL's XLSX driver:
// the header becomes the field names, every survey and the total a
// feature.
func TestSurveyTableXLSXByGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo not installed (apt install gdal-bin)")
	}
	st, ss := dossierProject(t)
	ctx := context.Background()
	for _, tc := range []struct {
		district string
		lang     i18n.Lang
		count    int
		field    string
	}{
		{"海南区", i18n.ZH, 3, "调查编号"},
		{"", i18n.EN, 4, "Survey id"},
	} {
		var buf bytes.Buffer
		if err := WriteSurveyTable(ctx, st, tc.district, "xlsx", tc.lang, &buf); err != nil {
			t.Fatal(err)
		}
		path := writeTempFile(t, "surveys.xlsx", buf.Bytes())
		out, err := exec.Command("ogrinfo", "-al", "-so", path).CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo: %v\n%s", err, out)
		}
		so := string(out)
		if !strings.Contains(so, "using driver `XLSX' successful") {
			t.Errorf("not read by the XLSX driver:\n%s", so)
		}
		if m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(so); m == nil || m[1] != strconv.Itoa(tc.count) {
			t.Errorf("%q: feature count %v, want %d (surveys and the total row)\n%s", tc.district, m, tc.count, so)
		}
		if !strings.Contains(so, tc.field+": String") {
			t.Errorf("%q: no field %q:\n%s", tc.district, tc.field, so)
		}
		// A value: the polygon's disturbed area, read as a number.
		out, err = exec.Command("ogrinfo", "-al", "-q", path, "-where", "\""+tc.field+"\" = '"+ss[0].UID+"'").CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo: %v\n%s", err, out)
		}
		if !regexp.MustCompile(`\(Real\) = 86250\.5\b`).Match(out) || !strings.Contains(string(out), ss[0].SiteName) {
			t.Errorf("%q: polygon row:\n%s", tc.district, out)
		}
	}
}
