package geojson

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns /work/shared/data/<sub> computed from the module root
// (the directory holding go.mod), skipping the test if it is absent.
func sharedData(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s absent", p)
	}
	return p
}

// outcome is everything a full read of one input produced.
type outcome struct {
	features  []*Feature
	ferrs     []*FeatureError
	late      []*LateCRSError
	fileErr   error // *SyntaxError or read error; nil at a clean io.EOF
	crs       string
	layout    Layout
	nextCalls int
}

// readAll calls Next until io.EOF or a fatal error. It fails the test if
// the reader does not make progress (more calls than input bytes + 10).
func readAll(t testing.TB, r io.Reader, size int, opt Options) outcome {
	t.Helper()
	rd := NewReader(r, opt)
	var o outcome
	for {
		o.nextCalls++
		if o.nextCalls > size+10 {
			t.Fatalf("reader does not make progress after %d calls", o.nextCalls)
		}
		f, err := rd.Next()
		var fe *FeatureError
		var le *LateCRSError
		switch {
		case err == nil:
			if f == nil {
				t.Fatal("nil feature with nil error")
			}
			o.features = append(o.features, f)
			continue
		case errors.Is(err, io.EOF):
		case errors.As(err, &fe):
			o.ferrs = append(o.ferrs, fe)
			continue
		case errors.As(err, &le):
			o.late = append(o.late, le)
			continue
		default:
			o.fileErr = err
			if _, err2 := rd.Next(); err2 != err {
				t.Fatalf("fatal error not sticky: %v then %v", err, err2)
			}
		}
		break
	}
	o.crs = rd.CRS()
	o.layout = rd.Layout()
	return o
}

func fileCode(err error) string {
	var se *SyntaxError
	if errors.As(err, &se) {
		return se.Code
	}
	if err != nil {
		return "other:" + err.Error()
	}
	return ""
}
