package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

func init() {
	register(command{name: "progress", usage: "P.gpkg [--as-of DATE] [--json]", run: runProgress})
	register(command{name: "deadlines", usage: "P.gpkg [--as-of DATE] [--json]", run: runDeadlines})
}

// planErr turns planning errors into sentences in the user's language.
func planErr(e *env, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*usageError); ok {
		return err
	}
	return &usageError{app.PlanMessage(e.lang, err)}
}

// asOfFlag registers --as-of (and its synonym --date) on fs.
func asOfFlag(fs *flag.FlagSet) *string {
	s := fs.String("as-of", "", "")
	fs.Func("date", "", func(v string) error { *s = v; return nil })
	return s
}

// parseAsOf reads a --as-of value; empty means today in Beijing.
func parseAsOf(s string) (models.Date, error) {
	if s == "" {
		return models.Today(), nil
	}
	d, err := models.ParseDate(s)
	if pe, ok := err.(*models.PlanError); ok {
		pe.Field = "date"
	}
	return d, err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func runProgress(e *env, args []string) error {
	fs := flag.NewFlagSet("progress", flag.ContinueOnError)
	asOf := asOfFlag(fs)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["progress"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	d, err := parseAsOf(*asOf)
	if err != nil {
		return planErr(e, err)
	}
	p, err := app.OpenPlanning(pos[0], true)
	if err != nil {
		return err
	}
	defer p.Close()
	pr, err := app.ProgressOn(context.Background(), p, d)
	if err != nil {
		return planErr(e, err)
	}
	if *asJSON {
		return writeJSON(e.stdout, pr)
	}
	printProgress(e, pr)
	return nil
}

func printProgress(e *env, pr *models.Progress) {
	fmt.Fprintln(e.stdout, e.t("cli.progress.header", i18n.Args{"date": pr.AsOf.String(), "counted": pr.Counted, "green": pr.Green,
		"rate": fmt.Sprintf("%.1f%%", pr.Rate*100)}))
	if pr.GreenUncounted > 0 {
		fmt.Fprintln(e.stdout, e.t("cli.progress.uncounted", i18n.Args{"count": pr.GreenUncounted}))
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("cli.progress.target-columns", nil))
	for _, t := range pr.Targets {
		met := e.t("plan.no", nil)
		if t.Met {
			met = e.t("plan.yes", nil)
		}
		trend := e.t("plan.never", nil)
		if !t.Trend.IsZero() {
			trend = t.Trend.String()
		}
		min := "-"
		if t.MinCount > 0 {
			min = fmt.Sprint(t.MinCount)
		}
		fmt.Fprintf(tw, "%s\t%.1f%%\t%s\t%d\t%d\t%s\t%d\t%s\n", t.Date, t.Rate*100, min, t.Required, t.Needed, met, t.DaysLeft, trend)
	}
	tw.Flush()
	var names []string
	for n := range pr.ByDistrict {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(e.stdout)
	tw = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("cli.progress.district-columns", nil))
	for _, n := range names {
		dp := pr.ByDistrict[n]
		label := n
		if label == "" {
			label = e.t("report.row.no-district", nil)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f%%", label, dp.Counted, dp.Green, dp.Rate*100)
		for _, t := range dp.Targets {
			fmt.Fprintf(tw, "\t%s:%d", t.Date, t.Needed)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func runDeadlines(e *env, args []string) error {
	fs := flag.NewFlagSet("deadlines", flag.ContinueOnError)
	asOf := asOfFlag(fs)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["deadlines"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	d, err := parseAsOf(*asOf)
	if err != nil {
		return planErr(e, err)
	}
	p, err := app.OpenPlanning(pos[0], true)
	if err != nil {
		return err
	}
	defer p.Close()
	dl, err := app.DeadlinesOn(context.Background(), p, d)
	if err != nil {
		return planErr(e, err)
	}
	if *asJSON {
		return writeJSON(e.stdout, dl)
	}
	fmt.Fprintln(e.stdout, e.t("cli.deadlines.header", i18n.Args{"date": d.String(), "overdue": dl.Overdue, "behind": dl.Behind, "stale": dl.StaleFires}))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("cli.deadlines.columns", nil))
	for _, it := range dl.Items {
		who := it.Licence
		if who == "" {
			who = it.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\n", e.t("plan.kind."+it.Kind, nil), who, it.What, it.Due, e.t("plan.status."+string(it.Status), nil), it.DaysLate, it.DaysLeft)
	}
	tw.Flush()
	if len(dl.StopList) > 0 {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, e.t("cli.deadlines.stop-header", i18n.Args{"count": len(dl.StopList)}))
		for _, s := range dl.StopList {
			fmt.Fprintf(e.stdout, "  %s %s %s (%d)\n", s.Licence, s.Name, s.District, s.DaysLate)
		}
	}
	return nil
}
