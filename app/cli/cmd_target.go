package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

func init() {
	register(command{name: "target", usage: "P.gpkg [--add | --set ID | --delete ID] [--date DATE --rate R --count N --label TEXT] [--json]", run: runTarget})
}

func runTarget(e *env, args []string) error {
	fs := flag.NewFlagSet("target", flag.ContinueOnError)
	add := fs.Bool("add", false, "")
	set := fs.Int64("set", 0, "")
	del := fs.Int64("delete", 0, "")
	date := fs.String("date", "", "")
	rate := fs.String("rate", "", "")
	count := fs.Int("count", -1, "")
	label := fs.String("label", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["target"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	modes := 0
	for _, b := range []bool{*add, *set != 0, *del != 0} {
		if b {
			modes++
		}
	}
	if modes > 1 {
		return &usageError{e.t("cli.target.one-mode", nil)}
	}
	ctx := context.Background()
	p, err := app.OpenPlanning(pos[0], modes == 0)
	if err != nil {
		return err
	}
	defer p.Close()
	switch {
	case *del != 0:
		if err := p.DeleteTarget(ctx, *del); err != nil {
			return planErr(e, err)
		}
		fmt.Fprintln(e.stdout, e.t("cli.target.deleted", i18n.Args{"id": *del}))
		return p.Close()
	case *add || *set != 0:
		t := models.Target{ID: *set}
		if *set != 0 {
			found := false
			ts, err := p.Targets(ctx)
			if err != nil {
				return planErr(e, err)
			}
			for _, x := range ts {
				if x.ID == *set {
					t, found = x, true
				}
			}
			if !found {
				return planErr(e, &models.PlanError{Code: models.CodeUnknownRecord, Field: "target", Value: strconv.FormatInt(*set, 10)})
			}
		}
		if *date != "" {
			if t.Date, err = models.ParseDate(*date); err != nil {
				return planErr(e, err)
			}
		}
		if *rate != "" {
			if t.Rate, err = models.ParseRate(*rate); err != nil {
				return planErr(e, err)
			}
		}
		if *count >= 0 {
			t.MinCount = *count
		} else if *count < -1 {
			return planErr(e, &models.PlanError{Code: models.CodeBadCount, Value: strconv.Itoa(*count)})
		}
		if *label != "" {
			t.Label = *label
		}
		id, err := p.PutTarget(ctx, t)
		if err != nil {
			return planErr(e, err)
		}
		fmt.Fprintln(e.stdout, e.t("cli.target.saved", i18n.Args{"id": id, "date": t.Date.String(), "rate": fmt.Sprintf("%.1f%%", t.Rate*100)}))
		return p.Close()
	}
	ts, err := p.Targets(ctx)
	if err != nil {
		return planErr(e, err)
	}
	if *asJSON {
		return writeJSON(e.stdout, ts)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("cli.target.columns", nil))
	for _, t := range ts {
		min := "-"
		if t.MinCount > 0 {
			min = strconv.Itoa(t.MinCount)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.Date, strconv.FormatFloat(t.Rate*100, 'f', -1, 64)+"%", min, t.Label)
	}
	return tw.Flush()
}
