package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/crs"
)

func init() {
	register(command{name: "import", usage: "P.gpkg --layer mines|sites|fire_points|roads|reference|auto [--format auto|corners] [--kind K] [--crs EPSG:N] [--key FIELD] [--skip-invalid] [--quiet] FILE...", run: runImport})
}

func runImport(e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	layer := fs.String("layer", "auto", "")
	kind := fs.String("kind", "", "")
	crsName := fs.String("crs", "", "")
	key := fs.String("key", "", "")
	skip := fs.Bool("skip-invalid", false, "")
	quiet := fs.Bool("quiet", false, "")
	format := fs.String("format", "auto", "")
	pos, err := parse(e, commands["import"], fs, args, 2, -1)
	if err != nil {
		return err
	}
	st, err := app.OpenProject(pos[0], false)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(e, *quiet)
	req := app.ImportRequest{Files: pos[1:], Layer: *layer, Kind: *kind, CRS: *crsName, Key: *key, SkipInvalid: *skip, Format: *format}
	sum, err := app.Import(ctx, st, req, bar.update)
	bar.finish()
	if err != nil {
		return err
	}
	if *quiet {
		return st.Close()
	}
	printSummary(e, sum)
	if *format == "corners" {
		printCornerNotes(e, req.Files, *crsName)
	}
	return st.Close()
}

func printSummary(e *env, sum *app.ImportSummary) {
	for _, f := range sum.Files {
		fmt.Fprintln(e.stdout, e.t("cli.import.file", i18n.Args{"file": f.File, "count": f.Features, "crs": f.CRS}))
		switch f.CRSNote {
		case "detected-gk-zone":
			fmt.Fprintln(e.stdout, "  "+e.t("cli.import.crs-detected", i18n.Args{"zone": f.Zone, "crs": f.CRS}))
		case "member":
			fmt.Fprintln(e.stdout, "  "+e.t("cli.import.crs-member", i18n.Args{"crs": f.CRS}))
		}
		var routes []string
		for r := range f.Routes {
			routes = append(routes, r)
		}
		sort.Strings(routes)
		for _, r := range routes {
			fmt.Fprintf(e.stdout, "  %s: %d\n", r, f.Routes[r])
		}
	}
	var per []string
	for _, l := range sum.Layers() {
		per = append(per, fmt.Sprintf("%s %d", l, sum.PerLayer[l]))
	}
	fmt.Fprintln(e.stdout, e.t("cli.import.totals", i18n.Args{"added": sum.Added, "updated": sum.Updated,
		"unchanged": sum.Unchanged, "skipped": len(sum.Skipped), "layers": strings.Join(per, ", ")}))
	for _, s := range sum.Skipped {
		fmt.Fprintln(e.stdout, "  "+e.t("cli.import.skipped", i18n.Args{"reason": app.Message(e.lang, s)}))
	}
}

// printCornerNotes lists what an import of corner-coordinate files fixed or
// passed over (X and Y swapped, header lines skipped, …).
func printCornerNotes(e *env, files []string, crsName string) {
	epsg := 0
	if c, err := crs.Parse(crsName); err == nil {
		epsg = c.EPSG
	}
	for _, f := range files {
		p, err := app.ReadCornerFile(f, epsg)
		if err != nil || p == nil {
			continue
		}
		for _, w := range p.Warnings {
			fmt.Fprintln(e.stdout, "  "+e.t("cli.import.corner-note", i18n.Args{"message": f + ": " + app.CornerWarningMessage(e.lang, w)}))
		}
	}
}
