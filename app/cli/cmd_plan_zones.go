package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

func init() {
	register(command{name: "zones", usage: "P.gpkg [--as-of DATE] [--zone ID --share S] [--json]", run: runZones})
}

func runZones(e *env, args []string) error {
	fs := flag.NewFlagSet("zones", flag.ContinueOnError)
	asOf := asOfFlag(fs)
	zone := fs.Int64("zone", 0, "")
	share := fs.Float64("share", 0, "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["zones"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	d, err := parseAsOf(*asOf)
	if err != nil {
		return planErr(e, err)
	}
	ctx := context.Background()
	setting := *share != 0
	if setting && *zone == 0 {
		return &usageError{e.t("cli.zones.need-zone", nil)}
	}
	p, err := app.OpenPlanning(pos[0], !setting)
	if err != nil {
		return err
	}
	defer p.Close()
	if setting {
		if err := p.SetZoneShare(ctx, *zone, *share); err != nil {
			return planErr(e, err)
		}
	}
	zs, err := app.ZonesOn(ctx, p, d)
	if err != nil {
		return planErr(e, err)
	}
	if *zone != 0 {
		var keep []app.ZoneSummary
		for _, z := range zs {
			if z.ID == *zone {
				keep = append(keep, z)
			}
		}
		zs = keep
	}
	if *asJSON {
		return writeJSON(e.stdout, zs)
	}
	for _, z := range zs {
		fmt.Fprintln(e.stdout, e.t("cli.zones.header", i18n.Args{"id": z.ID, "name": z.Name, "members": len(z.Members), "green": z.Green,
			"share": fmt.Sprintf("%.0f%%", z.Share*100), "mines": fmt.Sprintf("%.2f", z.MinesM2/1e4), "heaps": fmt.Sprintf("%.2f", z.HeapsM2/1e4),
			"pits": fmt.Sprintf("%.2f", z.PitsM2/1e4), "disturbed": fmt.Sprintf("%.2f", z.DisturbedM2/1e4)}))
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, m := range z.Milestones {
			st := e.t("plan.status."+string(m.Status), nil)
			if m.Status == models.Overdue || (m.Status == models.Done && m.DaysLate > 0) {
				st += fmt.Sprintf(" (%d)", m.DaysLate)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.t("plan.milestone."+m.Key, nil), m.Due, m.Done, st)
		}
		tw.Flush()
	}
	return nil
}
