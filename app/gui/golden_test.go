package gui

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"minerehab/app/fonts"
	"minerehab/app/i18n"
	"minerehab/gis/render"
)

// wqyPath is WenQuanYi Micro Hei (Debian: fonts-wqy-microhei), the font of
// the golden images.
const wqyPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenApp is a test app whose theme is the test theme with WenQuanYi
// Micro Hei as the UI font, so that Chinese renders the same on every
// machine that has the font (skips otherwise).
func goldenApp(t *testing.T) fyne.App {
	t.Helper()
	if _, err := os.Stat(wqyPath); err != nil {
		t.Skipf("%s not installed: %v", wqyPath, err)
	}
	f, err := fonts.Load(fonts.Candidate{Regular: wqyPath}, -1)
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	test.ApplyTheme(t, newCJKTheme(test.Theme(), f))
	return a
}

// withMapFont gives the window's map the golden font (for the scale bar).
func withMapFont(t *testing.T, m *MainWindow) {
	t.Helper()
	f, err := fonts.Load(fonts.Candidate{Regular: wqyPath}, -1)
	if err != nil {
		t.Fatal(err)
	}
	mf, err := render.ParseFont(f.Regular)
	if err != nil {
		t.Fatal(err)
	}
	act(m, func() { m.mapView.setFont(mf) })
}

// TestGoldenWindowZH renders the Chinese window: every label in Chinese
// glyphs (no boxes), no label cut off. Look at testdata/main_zh.png after
// -update.
func TestGoldenWindowZH(t *testing.T) {
	a := goldenApp(t)
	m := newTestWindow(t, a, config(newStores(), i18n.ZH, "/projects/乌海矿山修复.gpkg"))
	withMapFont(t, m)
	act(m, func() { m.win.Resize(fyne.NewSize(1000, 600)) })
	img := m.win.Canvas().Capture()
	path := filepath.Join("testdata", "main_zh.png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := png.Encode(out, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertImageMatches(t, "main_zh.png", img)
}

// TestGoldenWindowEN compares the English window's object tree (positions,
// sizes, texts) with testdata/main_en.xml.
func TestGoldenWindowEN(t *testing.T) {
	a := goldenApp(t)
	m := newTestWindow(t, a, config(newStores(), i18n.EN, "/projects/wuhai.gpkg"))
	withMapFont(t, m)
	act(m, func() { m.win.Resize(fyne.NewSize(1000, 600)) })
	got := test.RenderToMarkup(m.win.Canvas())
	path := filepath.Join("testdata", "main_en.xml")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		failed := filepath.Join(os.TempDir(), "minerehab-failed-main_en.xml")
		os.WriteFile(failed, []byte(got), 0o644)
		t.Errorf("markup differs from %s; got written to %s", path, failed)
	}
}
