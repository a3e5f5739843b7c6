// Command minerehab plans and tracks the rehabilitation of mines in Wuhai.
// With a command (`minerehab import …`) it works headless; otherwise it opens
// the desktop window on the project named by its argument, or the last one.
// This is the only file that picks a front end.
package main

import (
	"os"

	"minerehab/app"
	"minerehab/app/cli"
	"minerehab/app/gui"
	"minerehab/app/i18n"
	"minerehab/models"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
	path := ""
	if len(args) > 0 {
		path = args[0]
	}
	gui.Run(gui.Config{
		ProjectPath: path,
		Open:        func(p string) (models.Store, error) { return app.OpenProject(p, false) },
		Create:      app.CreateProject,
		Lang:        i18n.FromEnv(),
		ErrorText:   app.Message,
	})
}
