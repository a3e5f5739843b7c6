package gui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"minerehab/app/i18n"
)

// startWindow builds the window as Run does: the project to show opened
// beside it (startPreopen) and handed over.
func startWindow(t *testing.T, a fyne.App, cfg Config) *MainWindow {
	t.Helper()
	t.Setenv(LangEnv, "")
	pre := startPreopen(cfg, a.Preferences())
	if pre != nil {
		<-pre.done // so a test can tell who opened what
	}
	m := newMainWindow(a, cfg, a.NewWindow("minerehab"), pre)
	t.Cleanup(m.Shutdown)
	settle(m)
	return m
}

// existing returns the path of a new empty file (the quiet open of a
// remembered project checks the file is there).
func existing(t *testing.T, name string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPreopenedProject: the project opened at start is the window's,
// opened once, whether named or remembered.
func TestPreopenedProject(t *testing.T) {
	remembered, named := existing(t, "last.gpkg"), existing(t, "乌海.gpkg")
	for _, tc := range []struct {
		name, arg, want string
	}{
		{"named", named, named},
		{"remembered", "", remembered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Preferences().SetStringList(prefRecent, []string{remembered})
			s := newStores()
			m := startWindow(t, a, config(s, i18n.EN, tc.arg))
			if !slices.Equal(s.opened, []string{tc.want}) || m.ProjectPath() != tc.want {
				t.Errorf("opened %q, showing %q; want %q once", s.opened, m.ProjectPath(), tc.want)
			}
			if st := s.get(tc.want); st == nil || m.store != st {
				t.Error("the window does not hold the store opened at start")
			}
			if rows := layerRows(m); len(rows) == 0 {
				t.Error("the layer panel is empty: the project's summary did not arrive")
			}
		})
	}
}

// TestPreopenedProjectDiscarded: when another project is opened first,
// the one opened at start is closed.
func TestPreopenedProjectDiscarded(t *testing.T) {
	a := test.NewTempApp(t)
	s := newStores()
	pa, pb := existing(t, "a.gpkg"), existing(t, "b.gpkg")
	cfg := config(s, i18n.EN, pa)
	pre := startPreopen(cfg, a.Preferences())
	cfg.ProjectPath = pb
	t.Setenv(LangEnv, "")
	m := newMainWindow(a, cfg, a.NewWindow("minerehab"), pre)
	t.Cleanup(m.Shutdown)
	settle(m)
	if m.ProjectPath() != pb {
		t.Fatalf("showing %q", m.ProjectPath())
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if st := s.get(pa); st != nil && st.closedCount() == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the project opened at start was not closed")
		}
	}
}

func (s *testStore) closedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}
