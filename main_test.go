package main

import (
	"bytes"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestNoDisplay: with no display to open the window on, minerehab says so
// and exits 1, instead of the window driver's panic.
func TestNoDisplay(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the X11 check is for Linux and the BSDs")
	}
	t.Setenv("DISPLAY", "")
	args := os.Args
	defer func() { os.Args = args }()
	os.Args = []string{"minerehab"}
	if code := run(); code != 1 {
		t.Errorf("run() without a display = %d, want 1", code)
	}
}

// TestCLocaleQuiet: on the C.UTF-8 locale (the default of Debian's
// containers and many servers) the program starts without Fyne logging
// that it cannot parse the locale, which it did at every start, three
// lines on stderr before any command's output (see third_party/go-locale).
// The locale is read as the program's packages initialise, so the test
// runs the program again in a process of its own.
func TestCLocaleQuiet(t *testing.T) {
	if os.Getenv("MINEREHAB_MAIN_TEST") == "help" {
		os.Args = []string{"minerehab", "--help"}
		os.Exit(run())
	}
	for _, lang := range []string{"C.UTF-8", "C", "POSIX", "zh_CN.UTF-8"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCLocaleQuiet$")
		cmd.Env = append(os.Environ(), "MINEREHAB_MAIN_TEST=help", "LANG="+lang, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%s: minerehab --help: %v\n%s", lang, err, stderr.String())
		}
		if strings.Contains(stderr.String(), "Fyne error") {
			t.Errorf("LANG=%s: minerehab --help logged:\n%s", lang, stderr.String())
		}
		if !strings.Contains(stdout.String(), "minerehab") {
			t.Errorf("LANG=%s: no help on stdout:\n%s", lang, stdout.String())
		}
	}
}
