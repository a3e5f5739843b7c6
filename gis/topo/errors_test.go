package topo

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geos"
)

func TestErrorMessages(t *testing.T) {
	_, err := Union(mp(rect(0, 0, 1, 1)), mp(bowtie))
	want := "topo: invalid-input: input 1 polygon 0 is not a valid polygon: self-intersection[1 1]"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	_, err = Split(rect(0, 0, 1, 1), line(0.5, 0.5))
	want = "topo: invalid-input: line has 1 distinct positions, a line needs at least 2"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	if s := ErrNoSplit.Error(); s != strings.ToLower(s) {
		t.Errorf("ErrNoSplit %q is not lower case", s)
	}
}

// GEOS reports some failures by returning NULL (go-geos gives a nil
// *Geom) and others by a panic with a geos.Error; both must become an
// *Error with CodeGEOS, while other panics (bugs) propagate.
func TestRunGEOSFailures(t *testing.T) {
	err := run("op", func(s *session) error {
		_, err := s.keep("intersection", nil)
		return err
	})
	if errCode(err) != CodeGEOS || err.Error() != "topo: geos: geos intersection failed" {
		t.Errorf("nil result: %v", err)
	}
	err = run("op", func(s *session) error { panic(geos.Error("TopologyException: side location conflict")) })
	var ge geos.Error
	if errCode(err) != CodeGEOS || !errors.As(err, &ge) {
		t.Errorf("panic: %v", err)
	}
	defer func() {
		if r := recover(); r != "bug" {
			t.Errorf("recovered %v, want the original panic", r)
		}
	}()
	_ = run("op", func(s *session) error { panic("bug") })
}

// Operations run in their own GEOS context; they are safe to call from
// several goroutines (checked under -race).
func TestConcurrent(t *testing.T) {
	ms := mines(10)
	want, err := Union(ms...)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			got, err := Union(ms...)
			if err == nil && !sameGeometry(orb.MultiPolygon(got), orb.MultiPolygon(want)) {
				err = errors.New("different union")
			}
			if err == nil {
				_, err = Buffer(ms[0], 50)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
