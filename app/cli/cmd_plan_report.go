package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"minerehab/app"
	"minerehab/app/i18n"
)

func init() {
	register(command{name: "report", usage: "P.gpkg --as-of DATE --format pdf|xlsx|csv|json -o OUT [--lang zh-CN|en]", run: runReport})
}

func runReport(e *env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	asOf := asOfFlag(fs)
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	lang := fs.String("lang", "", "")
	pos, err := parse(e, commands["report"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	if *out == "" {
		return &usageError{e.t("cli.report.need-output", nil)}
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if f != "pdf" && f != "xlsx" && f != "csv" && f != "json" {
		return &usageError{e.t("cli.report.bad-format", i18n.Args{"format": *format})}
	}
	// The report is in Chinese unless asked otherwise (it goes to the bureau).
	l := i18n.ZH
	if *lang != "" {
		l = i18n.Parse(*lang)
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
	r, err := app.BuildReport(context.Background(), p, d)
	if err != nil {
		return planErr(e, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".report-*")
	if err != nil {
		return &app.FileError{File: *out, Code: "write", Err: err}
	}
	defer os.Remove(tmp.Name())
	switch f {
	case "pdf":
		err = app.WriteReportPDF(tmp, r, l)
	case "xlsx":
		err = app.WriteReportXLSX(tmp, r, l)
	case "csv":
		err = app.WriteReportCSV(tmp, r, l)
	default:
		err = app.WriteReportJSON(tmp, r)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if errors.Is(err, app.ErrNoPlateFont) {
		return err
	}
	if err != nil {
		return &app.FileError{File: *out, Code: "write", Err: err}
	}
	fmt.Fprintln(e.stdout, e.t("cli.report.done", i18n.Args{"path": *out, "date": d.String()}))
	return nil
}
