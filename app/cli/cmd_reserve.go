package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/measure"
)

func init() {
	register(command{name: "reserve", usage: "P.gpkg [--json]", run: runReserve})
}

func runReserve(e *env, args []string) error {
	fs := flag.NewFlagSet("reserve", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["reserve"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	st, err := app.OpenProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := app.CheckReserves(context.Background(), st)
	if err != nil {
		return &usageError{app.SurveyMessage(e.lang, err)}
	}
	if *asJSON {
		return screenJSON(e, c)
	}
	if len(c.Reserves) == 0 {
		fmt.Fprintln(e.stdout, e.t("reserve.none", nil))
		return nil
	}
	for _, r := range c.Reserves {
		fmt.Fprintln(e.stdout, e.t("reserve.reserve", i18n.Args{"name": r.Name, "id": r.ID, "ha": fmt.Sprintf("%.1f", measure.Hectares(r.AreaM2))}))
	}
	fmt.Fprintln(e.stdout, e.t("reserve.header", i18n.Args{"count": len(c.Overlaps)}))
	if len(c.Overlaps) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, e.t("reserve.columns", nil))
	for _, o := range c.Overlaps {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%.2f\t%.1f%%\t\n", o.Layer, o.ID, o.Licence, o.Name, o.Reserve,
			measure.Hectares(o.OverlapM2), 100*o.Share)
	}
	return tw.Flush()
}
