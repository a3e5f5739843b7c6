package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"minerehab/app"
	"minerehab/app/i18n"
)

func init() {
	register(command{name: "info", usage: "P.gpkg [--json]", run: runInfo})
	register(command{name: "validate", usage: "P.gpkg", run: runValidate})
}

func runInfo(e *env, args []string) error {
	fs := flag.NewFlagSet("info", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["info"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	st, err := app.OpenProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	in, err := app.Info(context.Background(), st, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(in)
	}
	fmt.Fprintln(e.stdout, e.t("cli.info.header", i18n.Args{"path": in.Path, "version": in.SchemaVersion}))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, e.t("cli.info.columns", nil))
	for _, l := range in.Layers {
		ext := "-"
		if l.Extent != nil {
			ext = fmt.Sprintf("%.5f,%.5f,%.5f,%.5f", l.Extent[0], l.Extent[1], l.Extent[2], l.Extent[3])
		}
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t%s\t\n", l.Name, l.Count, l.AreaHa, l.AreaMu, ext)
	}
	return tw.Flush()
}

func runValidate(e *env, args []string) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	pos, err := parse(e, commands["validate"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	st, err := app.OpenProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	probs, err := st.Validate(context.Background())
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintln(e.stdout, e.t("cli.validate.problem", i18n.Args{"layer": p.Layer, "id": p.ID, "code": p.Code, "detail": p.Detail}))
	}
	if len(probs) > 0 {
		return &usageError{e.t("cli.validate.failed", i18n.Args{"count": len(probs), "path": pos[0]})}
	}
	fmt.Fprintln(e.stdout, e.t("cli.validate.ok", i18n.Args{"path": pos[0]}))
	return nil
}
