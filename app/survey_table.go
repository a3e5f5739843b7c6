package app

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"io"
	"math"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"minerehab/app/i18n"
	"minerehab/gis/measure"
	"minerehab/models"
)

// The district summary of the surveys: one row per record, in the user's
// language, with a total row of the disturbed area, as an XLSX workbook
// (the report's writer) or a CSV file (UTF-8 with a byte-order mark, so
// Excel in China opens it as Unicode, RFC 4180 quoting).

// Survey table formats.
const (
	SurveyTableCSV  = "csv"
	SurveyTableXLSX = "xlsx"
)

// surveyTableCols are the columns' keys (dossier.col.<key>).
var surveyTableCols = []string{"uid", "district", "site", "date", "surveyors", "disturbance", "area-m2", "area-ha", "area-mu",
	"hazards", "land-cover", "measures", "reuse", "priority", "photos", "lon", "lat", "notes"}

// WriteSurveyTable writes the surveys of a district ("" for all) as a
// table in format SurveyTableCSV or SurveyTableXLSX. A district without
// surveys is a *models.SurveyError with Code CodeDossierNoSurveys
// (CodeDossierProjectNoSurveys for ""); another format, CodeDossierBadFormat.
func WriteSurveyTable(ctx context.Context, st models.Store, district string, format string, l i18n.Lang, w io.Writer) error {
	format = strings.ToLower(strings.TrimSpace(format))
	if format != SurveyTableCSV && format != SurveyTableXLSX {
		return &models.SurveyError{Code: CodeDossierBadFormat, Field: "format", Value: format}
	}
	t, err := SurveyTable(ctx, st, district, l)
	if err != nil {
		return err
	}
	if format == SurveyTableXLSX {
		return writeXLSX(w, []ReportTable{t})
	}
	return writeTableCSV(w, t)
}

// SurveyTable lays the surveys of a district ("" for all) out as a table
// in language l: a header, one row per survey (by district, then site
// name) and the total row. Areas are numbers (m², ha, 亩), the centroid
// lon/lat degrees (CGCS2000), the priority 1–3 or empty.
func SurveyTable(ctx context.Context, st models.Store, district string, l i18n.Lang) (ReportTable, error) {
	ss, err := Surveys(ctx, st, district)
	if err != nil {
		return ReportTable{}, err
	}
	if len(ss) == 0 {
		return ReportTable{}, noSurveysError(district)
	}
	sortSurveys(ss, l)
	t := ReportTable{Name: dtr(l, "table.sheet", nil)}
	for _, c := range surveyTableCols {
		t.Header = append(t.Header, dtr(l, "col."+c, nil))
	}
	ps, _ := st.(models.PhotoStore)
	sep := dtr(l, "list-sep", nil)
	var total float64
	for _, s := range ss {
		photos := 0
		if ps != nil {
			ph, err := ps.SurveyPhotos(ctx, s.UID)
			if err != nil {
				return ReportTable{}, err
			}
			photos = len(ph)
		}
		var prio any = ""
		if s.Priority >= 1 && s.Priority <= 3 {
			prio = s.Priority
		}
		dist := ""
		if s.Disturbance != "" {
			dist = disturbanceWord(l, s.Disturbance)
		}
		hz := ""
		if len(s.Hazards) > 0 {
			hz = hazardWords(l, s.Hazards)
		}
		c := surveyCentroid(s.Geometry)
		t.Rows = append(t.Rows, []any{s.UID, s.District, s.SiteName, s.Date, strings.Join(s.Surveyors, sep), dist,
			round(s.DisturbedM2, 2), round(measure.Hectares(s.DisturbedM2), 4), round(measure.Mu(s.DisturbedM2), 2),
			hz, s.LandCover, s.Measures, s.Reuse, prio, photos, tableCoord(c[0]), tableCoord(c[1]), s.Notes})
		total += s.DisturbedM2
	}
	row := make([]any, len(surveyTableCols))
	for i := range row {
		row[i] = ""
	}
	row[0] = dtr(l, "table.total", i18n.Args{"count": len(ss)})
	row[6], row[7], row[8] = round(total, 2), round(measure.Hectares(total), 4), round(measure.Mu(total), 2)
	t.Rows = append(t.Rows, row)
	return t, nil
}

// tableCoord is a centroid coordinate to 6 decimals (about 0.1 m); a site
// without one gives an empty cell.
func tableCoord(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return round(v, 6)
}

// sortSurveys orders records by district, then site name (in the
// language's order: pinyin for Chinese), then UID.
func sortSurveys(ss []*models.Survey, l i18n.Lang) {
	tag := language.Chinese
	if l == i18n.EN {
		tag = language.English
	}
	col := collate.New(tag)
	slices.SortStableFunc(ss, func(a, b *models.Survey) int {
		return cmp.Or(col.CompareString(a.District, b.District), col.CompareString(a.SiteName, b.SiteName), strings.Compare(a.UID, b.UID))
	})
}

// writeTableCSV writes one table as CSV: a UTF-8 byte-order mark, the
// header, the rows; fields with commas, quotes or line breaks quoted.
func writeTableCSV(w io.Writer, t ReportTable) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	cw.Write(t.Header)
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for j, v := range row {
			rec[j] = cellText(v)
		}
		cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
