package app

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"minerehab/app/i18n"
	"minerehab/models"
)

// Report is the semi-monthly progress report (section 四: collected on the
// 15th and the 30th): the dashboard's figures, the zones, and the tables
// they are drawn from.
type Report struct {
	AsOf      models.Date   `json:"as_of"`
	Dashboard *Dashboard    `json:"dashboard"`
	Zones     []ZoneSummary `json:"zones"`
}

// BuildReport gathers the report for d (0: today).
func BuildReport(ctx context.Context, p Planning, d models.Date) (*Report, error) {
	if d.IsZero() {
		d = models.Today()
	}
	db, err := DashboardOn(ctx, p, d)
	if err != nil {
		return nil, err
	}
	zones, err := ZonesOn(ctx, p, d)
	if err != nil {
		return nil, err
	}
	return &Report{AsOf: d, Dashboard: db, Zones: zones}, nil
}

// WriteReportJSON writes the report as indented JSON.
func WriteReportJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReportTable is one table of the report, already in the user's language:
// the CSV sections and the XLSX sheets are written from these.
type ReportTable struct {
	Name   string
	Header []string
	Rows   [][]any // string, int, float64
}

func pct(v float64) float64 { return round(v*100, 2) }

// Tables lays the report out as tables in language l.
func (r *Report) Tables(l i18n.Lang) []ReportTable {
	t := func(k string) string { return i18n.T(l, "report."+k, nil) }
	p := r.Dashboard.Progress
	sum := ReportTable{Name: t("sheet.summary"), Header: []string{t("col.item"), t("col.value")}}
	sum.Rows = append(sum.Rows,
		[]any{t("row.as-of"), r.AsOf.String()},
		[]any{t("row.counted"), p.Counted},
		[]any{t("row.green"), p.Green},
		[]any{t("row.rate"), pct(p.Rate)},
		[]any{t("row.green-uncounted"), p.GreenUncounted},
		[]any{t("row.gained"), p.Gained},
	)
	targets := ReportTable{Name: t("sheet.targets"), Header: []string{t("col.deadline"), t("col.target-rate"), t("col.min-count"), t("col.required"),
		t("col.needed"), t("col.met"), t("col.days-left"), t("col.trend")}}
	for _, tp := range p.Targets {
		targets.Rows = append(targets.Rows, []any{tp.Date.String(), pct(tp.Rate), tp.MinCount, tp.Required, tp.Needed, yesNo(l, tp.Met), tp.DaysLeft, trendText(l, tp.Trend)})
	}
	dist := ReportTable{Name: t("sheet.districts"), Header: []string{t("col.district"), t("col.counted"), t("col.green"), t("col.rate")}}
	for _, tp := range p.Targets {
		dist.Header = append(dist.Header, i18n.T(l, "report.col.needed-by", i18n.Args{"date": tp.Date.String()}))
	}
	for _, name := range r.Dashboard.Districts {
		d := p.ByDistrict[name]
		label := name
		if label == "" {
			label = t("row.no-district")
		}
		row := []any{label, d.Counted, d.Green, pct(d.Rate)}
		for _, tp := range d.Targets {
			row = append(row, tp.Needed)
		}
		dist.Rows = append(dist.Rows, row)
	}
	burn := ReportTable{Name: t("sheet.burn-up"), Header: []string{t("col.date"), t("col.counted"), t("col.green"), t("col.rate"), t("col.fire-active")}}
	for i, s := range r.Dashboard.BurnUp {
		fire := 0
		if i < len(r.Dashboard.Fire) {
			fire = r.Dashboard.Fire[i].Active
		}
		burn.Rows = append(burn.Rows, []any{s.Date.String(), s.Counted, s.Green, pct(s.Rate), fire})
	}
	dl := ReportTable{Name: t("sheet.deadlines"), Header: []string{t("col.kind"), t("col.licence"), t("col.name"), t("col.district"), t("col.what"),
		t("col.due"), t("col.status"), t("col.days-late"), t("col.days-left"), t("col.stops")}}
	for _, it := range r.Dashboard.Deadlines.Items {
		dl.Rows = append(dl.Rows, []any{i18n.T(l, "plan.kind."+it.Kind, nil), it.Licence, it.Name, it.District, whatText(l, it),
			it.Due.String(), i18n.T(l, "plan.status."+string(it.Status), nil), it.DaysLate, it.DaysLeft, yesNo(l, it.Stops)})
	}
	stop := ReportTable{Name: t("sheet.stop"), Header: []string{t("col.licence"), t("col.name"), t("col.district"), t("col.reasons"), t("col.days-late")}}
	for _, s := range r.Dashboard.Deadlines.StopList {
		reasons := ""
		for i, x := range s.Reasons {
			if i > 0 {
				reasons += "; "
			}
			reasons += i18n.T(l, "plan.reason."+x, nil)
		}
		stop.Rows = append(stop.Rows, []any{s.Licence, s.Name, s.District, reasons, s.DaysLate})
	}
	zones := ReportTable{Name: t("sheet.zones"), Header: []string{t("col.zone"), t("col.members"), t("col.green"), t("col.mines-ha"), t("col.heaps-ha"),
		t("col.pits-ha"), t("col.disturbed-ha"), t("col.milestones-overdue")}}
	for _, z := range r.Zones {
		over := 0
		for _, m := range z.Milestones {
			if m.Status == models.Overdue {
				over++
			}
		}
		zones.Rows = append(zones.Rows, []any{z.Name, len(z.Members), z.Green, round(z.MinesM2/1e4, 2), round(z.HeapsM2/1e4, 2),
			round(z.PitsM2/1e4, 2), round(z.DisturbedM2/1e4, 2), over})
	}
	return []ReportTable{sum, targets, dist, burn, dl, stop, zones}
}

func yesNo(l i18n.Lang, b bool) string {
	if b {
		return i18n.T(l, "plan.yes", nil)
	}
	return i18n.T(l, "plan.no", nil)
}

func trendText(l i18n.Lang, d models.Date) string {
	if d.IsZero() {
		return i18n.T(l, "plan.never", nil)
	}
	return d.String()
}

// whatText words a deadline item's subject: a measure kind, a milestone, a
// fire state translated; a problem category as entered.
func whatText(l i18n.Lang, it DeadlineItem) string {
	var key string
	switch it.Kind {
	case "measure":
		key = "plan.measure." + it.What
	case "milestone":
		key = "plan.milestone." + it.What
	case "fire":
		key = "plan.fire." + it.What
	default:
		return it.What
	}
	if s := i18n.T(l, key, nil); s != key {
		return s
	}
	return it.What
}

func cellText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// WriteReportCSV writes every table one after the other (UTF-8 with a
// byte-order mark for spreadsheet programs), each under a line with its
// name and separated by an empty line.
func WriteReportCSV(w io.Writer, r *Report, l i18n.Lang) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	for i, t := range r.Tables(l) {
		if i > 0 {
			cw.Write([]string{})
		}
		cw.Write([]string{t.Name})
		cw.Write(t.Header)
		for _, row := range t.Rows {
			rec := make([]string, len(row))
			for j, v := range row {
				rec[j] = cellText(v)
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
