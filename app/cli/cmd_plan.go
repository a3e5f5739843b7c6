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
	register(command{name: "plan", usage: "P.gpkg [--as-of DATE] [--json] | --sample-histories [--as-of DATE] | --add-unit NAME [--licence L | --zone ID] | --add-measure UNIT --kind K [--area HA --volume M3 --budget W --responsible R --start DATE --end DATE]", run: runPlan})
}

func runPlan(e *env, args []string) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	asOf := asOfFlag(fs)
	asJSON := fs.Bool("json", false, "")
	addUnit := fs.String("add-unit", "", "")
	licence := fs.String("licence", "", "")
	zone := fs.Int64("zone", 0, "")
	addMeasure := fs.Int64("add-measure", 0, "")
	kind := fs.String("kind", "", "")
	area := fs.String("area", "", "")
	volume := fs.String("volume", "", "")
	budget := fs.String("budget", "", "")
	responsible := fs.String("responsible", "", "")
	start := fs.String("start", "", "")
	end := fs.String("end", "", "")
	sample := fs.Bool("sample-histories", false, "")
	pos, err := parse(e, commands["plan"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *sample {
		d, err := parseAsOf(*asOf)
		if err != nil {
			return planErr(e, err)
		}
		p, err := app.OpenPlanning(pos[0], false)
		if err != nil {
			return err
		}
		defer p.Close()
		if err := app.SampleHistories(ctx, p, d); err != nil {
			return planErr(e, err)
		}
		fmt.Fprintln(e.stdout, e.t("cli.plan.sample-done", i18n.Args{"path": pos[0], "date": d.String()}))
		return p.Close()
	}
	if *addUnit != "" || *addMeasure != 0 {
		var m models.Measure
		if *addMeasure != 0 {
			m = models.Measure{UnitID: *addMeasure, Responsible: *responsible}
			k, ok := models.ParseMeasureKind(*kind)
			if !ok {
				return planErr(e, &models.PlanError{Code: models.CodeBadMeasure, Field: "kind", Value: *kind})
			}
			m.Kind = k
			for _, q := range []struct {
				field, s string
				v        *float64
			}{{"area_ha", *area, &m.AreaHa}, {"volume_m3", *volume, &m.VolumeM3}, {"budget_wan", *budget, &m.BudgetWan}} {
				if q.s == "" {
					continue
				}
				v, err := strconv.ParseFloat(q.s, 64)
				if err != nil {
					return planErr(e, &models.PlanError{Code: models.CodeBadQuantity, Field: q.field, Value: q.s})
				}
				*q.v = v
			}
			for _, dt := range []struct {
				s string
				d *models.Date
			}{{*start, &m.Start}, {*end, &m.End}} {
				if dt.s == "" {
					continue
				}
				if *dt.d, err = models.ParseDate(dt.s); err != nil {
					return planErr(e, err)
				}
			}
			if err := m.Check(); err != nil {
				return planErr(e, err)
			}
		}
		p, err := app.OpenPlanning(pos[0], false)
		if err != nil {
			return err
		}
		defer p.Close()
		if *addUnit != "" {
			id, err := app.AddUnit(ctx, p, *addUnit, *licence, *zone)
			if err != nil {
				return planErr(e, err)
			}
			fmt.Fprintln(e.stdout, e.t("cli.plan.unit-added", i18n.Args{"id": id, "name": *addUnit}))
		} else {
			id, err := p.PutMeasure(ctx, m)
			if err != nil {
				return planErr(e, err)
			}
			fmt.Fprintln(e.stdout, e.t("cli.plan.measure-added", i18n.Args{"id": id, "unit": m.UnitID, "kind": e.t("plan.measure."+string(m.Kind), nil)}))
		}
		return p.Close()
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
	units, err := app.PlanOn(ctx, p, d)
	if err != nil {
		return planErr(e, err)
	}
	if *asJSON {
		return writeJSON(e.stdout, units)
	}
	for _, u := range units {
		fmt.Fprintln(e.stdout, e.t("cli.plan.unit", i18n.Args{"id": u.ID, "name": u.Name, "licence": u.Licence, "budget": strconv.FormatFloat(u.BudgetWan, 'f', -1, 64)}))
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, m := range u.Measures {
			fmt.Fprintf(tw, "  %d\t%s\t%s–%s\t%.0f%%\t%s\t%d\n", m.ID, e.t("plan.measure."+string(m.Kind), nil), m.Start, m.End, m.Done*100,
				e.t("plan.status."+string(m.Status), nil), m.DaysLate)
		}
		tw.Flush()
	}
	return nil
}
