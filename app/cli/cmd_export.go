package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/gis/crs"
	"minerehab/models"
)

func init() {
	register(command{name: "export", usage: "P.gpkg --layer L --format geojson|csv|corners [--crs EPSG:N] -o OUT", run: runExport})
}

func runExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	layer := fs.String("layer", "", "")
	format := fs.String("format", "geojson", "")
	out := fs.String("o", "", "")
	crsName := fs.String("crs", "", "")
	pos, err := parse(e, commands["export"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *layer == "" || *out == "" {
		return &usageError{e.t("cli.bad-args", i18n.Args{"usage": "minerehab export " + commands["export"].usage, "name": "export"})}
	}
	write := app.ExportGeoJSON
	switch *format {
	case "geojson":
	case "csv":
		write = app.ExportCSV
	case "corners":
		if *crsName == "" {
			return &usageError{e.t("cli.bad-args", i18n.Args{"usage": "minerehab export " + commands["export"].usage, "name": "export"})}
		}
		c, err := crs.Parse(*crsName)
		if err != nil {
			return &app.FileError{Code: "bad-crs-option", Err: err}
		}
		write = func(ctx context.Context, st models.Store, layer string, w io.Writer) (int, error) {
			return app.ExportCorners(ctx, st, layer, c.EPSG, w)
		}
	default:
		return &usageError{e.t("cli.export.bad-format", i18n.Args{"format": *format})}
	}
	st, err := app.OpenProject(pos[0], true)
	if err != nil {
		return err
	}
	defer st.Close()
	// Write beside the target and rename, so a failed export never leaves half a file.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".minerehab-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := write(context.Background(), st, *layer, tmp)
	if err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.t("cli.export.done", i18n.Args{"count": n, "layer": *layer, "path": *out}))
	return nil
}
