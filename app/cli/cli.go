// Package cli is minerehab's command-line front end: `minerehab <command>`
// for batch jobs and scripts. It parses arguments, calls the application
// layer (minerehab/app) and prints results; errors become one line on stderr
// in the user's language and exit status 1. It never shows a Go panic trace.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"minerehab/app"
	"minerehab/app/i18n"
)

// env is what a command runs with.
type env struct {
	stdout, stderr io.Writer
	lang           i18n.Lang
	stderrIsTTY    bool
}

func (e *env) t(key string, args i18n.Args) string { return i18n.T(e.lang, key, args) }

// command is one `minerehab <name>`.
type command struct {
	name  string
	usage string // the argument synopsis after the name
	run   func(e *env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// IsCommand reports whether a word names a CLI command (main.go uses it to
// choose between the window and the command line).
func IsCommand(name string) bool {
	_, ok := commands[name]
	return ok || name == "help" || name == "--help" || name == "-h"
}

// Main runs one command and returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) (code int) {
	e := &env{stdout: stdout, stderr: stderr, lang: i18n.FromEnv(), stderrIsTTY: isTerminal(stderr)}
	defer func() {
		if r := recover(); r != nil {
			// A bug, not a user error: one line for the user, the trace only on request.
			fmt.Fprintln(stderr, "minerehab: "+e.t("cli.internal-error", i18n.Args{"detail": fmt.Sprint(r)}))
			if os.Getenv("MINEREHAB_DEBUG") != "" {
				fmt.Fprintln(stderr, string(debug.Stack()))
			}
			code = 2
		}
	}()
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				printUsage(e, c, nil)
				return 0
			}
		}
		printOverview(e)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintln(stderr, "minerehab: "+e.t("cli.unknown-command", i18n.Args{"name": args[0]}))
		return 1
	}
	err := c.run(e, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "minerehab "+c.name+": "+app.Message(e.lang, err))
		return 1
	}
	return 0
}

func printOverview(e *env) {
	fmt.Fprintln(e.stdout, e.t("cli.overview", nil))
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(e.stdout, "  %-9s %s\n", n, e.t("cli."+n+".short", nil))
	}
	fmt.Fprintln(e.stdout, e.t("cli.overview-more", nil))
}

func printUsage(e *env, c command, fs *flag.FlagSet) {
	fmt.Fprintf(e.stdout, "%s: minerehab %s %s\n\n%s\n", e.t("cli.usage", nil), c.name, c.usage, e.t("cli."+c.name+".long", nil))
	if fs != nil {
		fs.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(e.stdout, "  --%-14s %s\n", f.Name, e.t("cli.flag."+c.name+"."+f.Name, nil))
		})
	}
}

// usageError carries a sentence already in the user's language: a mistake in
// the command line itself, or a finding such as `validate`'s.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

// parse parses flags that may stand before, between or after positional
// arguments (`import p.gpkg --layer mines a.geojson`), and checks the count of
// positionals is within [min, max] (max < 0: no limit).
func parse(e *env, c command, fs *flag.FlagSet, args []string, min, max int) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(e, c, fs)
				return nil, flag.ErrHelp
			}
			return nil, &usageError{e.t("cli.bad-flags", i18n.Args{"detail": err.Error(), "name": c.name})}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		return nil, &usageError{e.t("cli.bad-args", i18n.Args{"usage": "minerehab " + c.name + " " + c.usage, "name": c.name})}
	}
	return pos, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// joinLines indents a block of lines.
func joinLines(lines []string) string { return strings.Join(lines, "\n") }
