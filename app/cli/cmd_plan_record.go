package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"minerehab/app"
	"minerehab/app/i18n"
)

func init() {
	register(command{name: "record", usage: "P.gpkg --kind green|status|progress|problem|fire|site FILE.csv [--json]", run: runRecord})
}

func runRecord(e *env, args []string) error {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	kind := fs.String("kind", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(e, commands["record"], fs, args, 2, 2)
	if err != nil {
		return err
	}
	k := app.RecordKind(strings.ToLower(*kind))
	if _, ok := app.RecordColumns[k]; !ok {
		var names []string
		for _, x := range app.RecordKinds {
			names = append(names, string(x))
		}
		return &usageError{e.t("cli.record.bad-kind", i18n.Args{"kind": *kind, "kinds": strings.Join(names, ", ")})}
	}
	data, err := os.ReadFile(pos[1])
	if err != nil {
		return &app.FileError{File: pos[1], Code: "missing-file", Err: err}
	}
	p, err := app.OpenPlanning(pos[0], false)
	if err != nil {
		return err
	}
	defer p.Close()
	sum, err := app.RecordCSV(context.Background(), p, k, pos[1], data)
	if err != nil {
		return planErr(e, err)
	}
	if *asJSON {
		if err := writeJSON(e.stdout, sum); err != nil {
			return err
		}
		return p.Close()
	}
	fmt.Fprintln(e.stdout, e.t("cli.record.done", i18n.Args{"file": sum.File, "rows": sum.Rows, "added": sum.Added, "unchanged": sum.Unchanged, "encoding": sum.Encoding}))
	return p.Close()
}
