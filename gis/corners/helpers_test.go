package corners

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*")

// dump describes a parse result in stable text, for golden files.
func dump(f *File, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "epsg %d from %s encoding %s layout %s\n", f.EPSG, f.CRSFrom, f.Encoding, f.Layout)
	for _, k := range f.AttrKeys {
		fmt.Fprintf(&b, "attr %s=%s (line %d)\n", k, f.Attrs[k], f.AttrLines[k])
	}
	for _, w := range f.Warnings {
		fmt.Fprintf(&b, "warning %s line %d detail %q text %q\n", w.Code, w.Line, w.Detail, w.Text)
	}
	var es *Errors
	if errors.As(err, &es) {
		for _, e := range es.List {
			fmt.Fprintf(&b, "error %s line %d detail %q text %q\n", e.Code, e.Line, e.Detail, e.Text)
		}
		if es.More {
			b.WriteString("error more\n")
		}
	} else if err != nil {
		fmt.Fprintf(&b, "error %v\n", err)
	}
	for i, p := range f.Parcels {
		fmt.Fprintf(&b, "parcel %d line %d fields %q\n", i, p.Line, p.Fields)
		for _, r := range p.Rings {
			fmt.Fprintf(&b, "  ring %d\n", r.No)
			for _, pt := range r.Points {
				fmt.Fprintf(&b, "    %s %s %s line %d\n", pt.Name, pt.XText, pt.YText, pt.Line)
			}
		}
	}
	return b.String()
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// firstCode is the code and line of the first error, or "", 0.
func firstCode(err error) (string, int) {
	var e *Error
	if errors.As(err, &e) {
		return e.Code, e.Line
	}
	return "", 0
}
