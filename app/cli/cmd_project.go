package cli

import (
	"context"
	"flag"
	"fmt"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
	"minerehab/sampledata"
)

func init() {
	register(command{name: "init", usage: "P.gpkg", run: runInit})
	register(command{name: "sample", usage: "P.gpkg", run: runSample})
}

func runInit(e *env, args []string) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	pos, err := parse(e, commands["init"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	st, err := app.CreateProject(pos[0])
	if err != nil {
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.t("cli.init.done", i18n.Args{"path": pos[0]}))
	return nil
}

// runSample creates a project holding the bundled synthetic Wuhai sample.
func runSample(e *env, args []string) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	quiet := fs.Bool("quiet", false, "")
	pos, err := parse(e, commands["sample"], fs, args, 1, 1)
	if err != nil {
		return err
	}
	path := pos[0]
	st, err := app.CreateProject(path)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range sampledata.Files() {
		req := app.ImportRequest{FS: sampledata.FS(), Files: []string{f.Name}, Layer: f.Layer}
		sum, err := app.Import(context.Background(), st, req, nil)
		if err != nil {
			return err
		}
		if !*quiet {
			fmt.Fprintln(e.stdout, e.t("cli.sample.layer", i18n.Args{"layer": f.Layer, "count": sum.Added}))
		}
	}
	// The sample's planning story: status and green-mine histories, plan
	// units and progress up to today, so the dashboard has something to show.
	if p, err := app.PlanningOf(st); err == nil {
		if err := app.SampleHistories(context.Background(), p, models.Date(0)); err != nil {
			return err
		}
	}
	if !*quiet {
		fmt.Fprintln(e.stdout, e.t("cli.sample.done", i18n.Args{"path": path}))
	}
	return st.Close()
}
