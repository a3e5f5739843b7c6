// Command minerehab plans and tracks the rehabilitation of mines in Wuhai.
// With a command (`minerehab import …`) it works headless; otherwise it opens
// the desktop window on the project named by its argument, or the last one.
// This is the only file that picks a front end.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"

	"minerehab/app"
	"minerehab/app/cli"
	"minerehab/app/gui"
	"minerehab/app/hugeheap"
	"minerehab/app/i18n"
	"minerehab/models"
)

func main() {
	// In the background: the window or the command starts meanwhile.
	hugeheap.Start(hugeheap.Program)
	profiling := false
	if path := os.Getenv("MINEREHAB_CPUPROFILE"); path != "" {
		// A CPU profile of the whole run, for `go tool pprof` (developers).
		if f, err := os.Create(path); err == nil {
			profiling = pprof.StartCPUProfile(f) == nil
		}
	}
	code := run()
	if profiling {
		pprof.StopCPUProfile()
	}
	os.Exit(code)
}

// shortRuns are the commands whose heap is mostly what they keep to the
// end, run with the collector off up to a memory limit (hugeheap.ShortRun).
var shortRuns = map[string]bool{"render": true}

func run() int {
	args := os.Args[1:]
	if len(args) > 0 && cli.IsCommand(args[0]) {
		if shortRuns[args[0]] {
			hugeheap.ShortRun(hugeheap.ShortRunLimit)
		}
		return cli.Main(args, os.Stdout, os.Stderr)
	}
	path := ""
	if len(args) > 0 {
		path = args[0]
	}
	if gui.DisplayMissing(os.Getenv) {
		fmt.Fprintln(os.Stderr, "minerehab: "+i18n.T(i18n.FromEnv(), "gui.no-display", nil))
		return 1
	}
	gui.Run(gui.Config{
		ProjectPath: path,
		Open:        func(p string) (models.Store, error) { return app.OpenProject(p, false) },
		Create:      app.CreateProject,
		Sample:      func(p string) error { return app.CreateSample(context.Background(), p, nil) },
		Lang:        i18n.FromEnv(),
		ErrorText:   app.Message,
	})
	return 0
}
