package cli

import (
	"context"
	"flag"
	"fmt"

	"minerehab/app"
	"minerehab/app/i18n"
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
	onLayer := func(layer string, added int) {
		if !*quiet {
			fmt.Fprintln(e.stdout, e.t("cli.sample.layer", i18n.Args{"layer": layer, "count": added}))
		}
	}
	if err := app.CreateSample(context.Background(), path, onLayer); err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintln(e.stdout, e.t("cli.sample.done", i18n.Args{"path": path}))
	}
	return nil
}
