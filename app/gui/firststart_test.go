package gui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"minerehab/app"
	"minerehab/app/i18n"
)

// sampleConfig is realConfig with the sample wired as main.go wires it;
// made counts the samples written.
func sampleConfig(l i18n.Lang, made *int) Config {
	cfg := realConfig(l)
	cfg.Sample = func(p string) error {
		*made++
		return app.CreateSample(context.Background(), p, nil)
	}
	return cfg
}

// startWays are the two ways a window starts: made alone, and made as Run
// makes it (the project opened, and the sample made, beside it).
var startWays = map[string]func(*testing.T, fyne.App, Config) *MainWindow{
	"alone": newTestWindow, "as Run": startWindow,
}

// emptyHome points HOME at a new folder (and the settings folder under
// it), as a new user's, and returns it.
func emptyHome(t *testing.T) string {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	return home
}

// TestFirstStartOpensSample: with no project named or remembered, the
// window makes the sample under HOME and opens it, and it is then the
// last project; a second start reopens it without making it again, and
// so does a start that remembers nothing while the sample is there.
func TestFirstStartOpensSample(t *testing.T) {
	for name, startFn := range startWays {
		t.Run(name, func(t *testing.T) {
			home := emptyHome(t)
			want := filepath.Join(home, ".config", "minerehab", sampleName)
			a := test.NewTempApp(t)
			made := 0
			for _, tc := range []struct {
				name   string
				forget bool // the recent list is emptied first
			}{
				{"first start", false},
				{"second start", false},
				{"recent list cleared", true},
			} {
				if tc.forget {
					a.Preferences().SetStringList(prefRecent, nil)
				}
				m := startFn(t, a, sampleConfig(i18n.EN, &made))
				if m.ProjectPath() != want || dialogTexts(m) != nil {
					t.Fatalf("%s: project %q, dialog %q; want %q", tc.name, m.ProjectPath(), dialogTexts(m), want)
				}
				// The sample's counts (the last text of a row).
				if rows := layerRows(m); len(rows["Mines"]) == 0 || rows["Mines"][len(rows["Mines"])-1] != "60" || !slices.Equal(rows["Fire points"], []string{"40"}) {
					t.Errorf("%s: layer rows %q", tc.name, rows)
				}
				if got := a.Preferences().StringList(prefRecent); !slices.Equal(got, []string{want}) {
					t.Errorf("%s: recent %q", tc.name, got)
				}
				if made != 1 {
					t.Errorf("%s: sample written %d times", tc.name, made)
				}
				m.Shutdown()
			}
			if left, _ := filepath.Glob(want + ".part*"); len(left) != 0 {
				t.Errorf("left behind: %q", left)
			}
		})
	}
}

// TestFirstStartCloseShowsWelcome: File > Close after the sample leads to
// the welcome page.
func TestFirstStartCloseShowsWelcome(t *testing.T) {
	emptyHome(t)
	made := 0
	m := newTestWindow(t, test.NewTempApp(t), sampleConfig(i18n.EN, &made))
	if m.ProjectPath() == "" || m.summary.Visible() {
		t.Fatalf("project %q, welcome shown %v", m.ProjectPath(), m.summary.Visible())
	}
	menuItem(t, m, "File", "Close Project").Action()
	settle(m)
	if m.ProjectPath() != "" || !m.summary.Visible() || m.summary.state != summaryNone {
		t.Errorf("after closing: project %q, welcome shown %v (state %v)", m.ProjectPath(), m.summary.Visible(), m.summary.state)
	}
}

// TestFirstStartSampleFails: when the sample cannot be made (a file where
// the settings folder should be, as on a disk that takes no folders; no
// HOME at all; the writing failing half way, as on a full disk) the window
// shows the welcome page and says why in the status bar, in the window's
// language, remembers nothing and leaves no half-made sample behind.
func TestFirstStartSampleFails(t *testing.T) {
	blocked := func(t *testing.T, cfg *Config) {
		home := emptyHome(t)
		if err := os.WriteFile(filepath.Join(home, ".config"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	homeless := func(t *testing.T, cfg *Config) {
		t.Setenv("HOME", "")
		t.Setenv("XDG_CONFIG_HOME", "")
	}
	halfWay := func(t *testing.T, cfg *Config) {
		emptyHome(t)
		cfg.Sample = func(p string) error {
			if err := os.WriteFile(p, []byte("half a sample"), 0o644); err != nil {
				return err
			}
			return errors.New("disk full")
		}
	}
	for _, tc := range []struct {
		name   string
		setup  func(*testing.T, *Config)
		lang   i18n.Lang
		prefix string
	}{
		{"blocked en", blocked, i18n.EN, "Could not create the sample project: "},
		{"blocked zh", blocked, i18n.ZH, "未能创建示例项目："},
		{"no home en", homeless, i18n.EN, "Could not create the sample project: "},
		{"no home zh", homeless, i18n.ZH, "未能创建示例项目："},
		{"half way en", halfWay, i18n.EN, "Could not create the sample project: disk full. "},
		{"half way zh", halfWay, i18n.ZH, "未能创建示例项目：disk full。"},
	} {
		for name, startFn := range startWays {
			t.Run(tc.name+" "+name, func(t *testing.T) {
				made := 0
				cfg := sampleConfig(tc.lang, &made)
				tc.setup(t, &cfg)
				a := test.NewTempApp(t)
				m := startFn(t, a, cfg)
				if m.ProjectPath() != "" || !m.summary.Visible() || m.summary.state != summaryNone || dialogTexts(m) != nil {
					t.Errorf("project %q, welcome shown %v, dialog %q", m.ProjectPath(), m.summary.Visible(), dialogTexts(m))
				}
				if got := m.status.text(); !strings.HasPrefix(got, tc.prefix) || len(got) <= len(tc.prefix)+len("。") {
					t.Errorf("status %q, want %q and the reason", got, tc.prefix)
				}
				if got := a.Preferences().StringList(prefRecent); len(got) != 0 {
					t.Errorf("recent %q", got)
				}
				if p, err := sampleFile(); err == nil {
					if left, _ := filepath.Glob(p + "*"); len(left) != 0 {
						t.Errorf("left behind: %q", left)
					}
				}
			})
		}
	}
}
