package app

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/app/fonts"
	"minerehab/app/i18n"
	"minerehab/gis/plate"
	"minerehab/models/store"
)

var plateDate = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

func plateFontOrSkip(tb testing.TB) {
	tb.Helper()
	if _, err := PlateFont(); err != nil {
		tb.Skipf("no TrueType CJK font: %v", err)
	}
}

func popplerOrSkip(tb testing.TB, tool string, args ...string) string {
	tb.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		tb.Skipf("%s not installed (apt install poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func plateOptions(tb testing.TB, template string, ext PlateExtent) PlateOptions {
	tb.Helper()
	t, err := LoadPlateTemplate(template)
	if err != nil {
		tb.Fatal(err)
	}
	f, _ := PlateFont()
	return PlateOptions{Template: t, Extent: ext, Paper: "A3", Landscape: true, Lang: i18n.ZH, Date: plateDate, Font: f,
		TitleBlock: plate.TitleBlock{Unit: "乌海市自然资源局", Author: "张三", Checker: "李四"}}
}

func writeTempFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestPlateTemplates(t *testing.T) {
	names := PlateTemplateNames()
	if strings.Join(names, ",") != "status,plan,progress,survey" {
		t.Fatalf("templates %v", names)
	}
	for _, n := range names {
		tm, err := LoadPlateTemplate(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if i18n.T(i18n.ZH, tm.TitleKey, i18n.Args{"place": "X"}) == tm.TitleKey {
			t.Errorf("%s: title key %q has no text", n, tm.TitleKey)
		}
		var buf bytes.Buffer
		if err := tm.Save(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := ParsePlateTemplate(n, buf.Bytes())
		if err != nil || again.Grid != tm.Grid || len(again.Layers) != len(tm.Layers) {
			t.Errorf("%s: saved template does not read back: %v", n, err)
		}
	}
	var te *PlateTemplateError
	if _, err := LoadPlateTemplate("nonesuch"); !errors.As(err, &te) || te.Code != "unknown-template" {
		t.Errorf("unknown template: %v", err)
	}
	for _, bad := range []string{`{}`, `{"layers":["nope"]}`, `{"layers":["mines"],"grid":"utm"}`, `{"layers":["mines"],"extra":1}`, `not json`} {
		if _, err := ParsePlateTemplate("x", []byte(bad)); !errors.As(err, &te) || te.Code != "bad-template" {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestResolvePlateExtent(t *testing.T) {
	st := sampleProject(t)
	ctx := context.Background()
	mines, err := PlateExtents(ctx, st, "mine")
	if err != nil || len(mines) != 60 {
		t.Fatalf("mines: %d, %v", len(mines), err)
	}
	view := orb.Bound{Min: orb.Point{106.8, 39.6}, Max: orb.Point{106.9, 39.7}}
	for _, c := range []struct {
		spec, kind, name, code string
	}{
		{"all", "all", "", ""},
		{"view", "view", "", ""},
		{"mine:" + mines[3].Key, "mine", mines[3].Name, ""},
		{"mine:" + mines[3].Name, "mine", mines[3].Name, ""},
		{"district:海勃湾区", "district", "海勃湾区", ""},
		{"district:北京市", "", "", "not-found"},
		{"zone:Z1", "", "", "not-found"},
		{"mine:", "", "", "bad-extent"},
		{"county:x", "", "", "bad-extent"},
	} {
		e, err := ResolvePlateExtent(ctx, st, c.spec, &view)
		if c.code != "" {
			var pe *PlateExtentError
			if !errors.As(err, &pe) || pe.Code != c.code {
				t.Errorf("%s: %v, want %s", c.spec, err, c.code)
			}
			continue
		}
		if err != nil || e.Kind != c.kind || e.Name != c.name || !(e.Bound.Max[0] > e.Bound.Min[0]) {
			t.Errorf("%s: %+v, %v", c.spec, e, err)
		}
	}
	if _, err := ResolvePlateExtent(ctx, st, "view", nil); err == nil {
		t.Error("view without a box resolved")
	}
	empty, err := store.Create(filepath.Join(t.TempDir(), "e.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	var pe *PlateExtentError
	if _, err := ResolvePlateExtent(ctx, empty, "all", nil); !errors.As(err, &pe) || pe.Code != "empty-extent" {
		t.Errorf("empty project: %v", err)
	}
}

// TestPlatePDF makes every template's plate of the sample and checks
// the PDF with poppler: paper, fonts, text, and a golden raster of the
// status plate.
func TestPlatePDF(t *testing.T) {
	plateFontOrSkip(t)
	st := sampleProject(t)
	ctx := context.Background()
	all, err := ResolvePlateExtent(ctx, st, "all", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range PlateTemplateNames() {
		t.Run(name, func(t *testing.T) {
			opt := plateOptions(t, name, all)
			var buf bytes.Buffer
			if err := WritePlate(ctx, st, opt, PlatePDF, 0, &buf); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			if err := WritePlate(ctx, st, opt, PlatePDF, 0, &again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("the same plate twice gives different bytes")
			}
			path := writeTempFile(t, "p.pdf", buf.Bytes())
			if info := popplerOrSkip(t, "pdfinfo", path); !strings.Contains(info, "1190.55 x 841.89 pts") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			if fonts := popplerOrSkip(t, "pdffonts", path); !strings.Contains(fonts, "CID TrueType") || !strings.Contains(fonts, "yes yes yes") {
				t.Errorf("pdffonts:\n%s", fonts)
			}
			text := popplerOrSkip(t, "pdftotext", path, "-")
			title := i18n.T(i18n.ZH, opt.Template.TitleKey, i18n.Args{"place": ""})
			for _, want := range []string{title, "图例", "比例尺", "2000国家大地坐标系", "乌海市自然资源局"} {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext lacks %q", want)
				}
			}
			if name == "status" {
				if !strings.Contains(text, "煤矿") || !strings.Contains(text, "矿山范围") {
					t.Errorf("pdftotext lacks mine labels or legend:\n%s", text)
				}
				dir := t.TempDir()
				popplerOrSkip(t, "pdftoppm", "-r", "30", "-png", "-singlefile", path, filepath.Join(dir, "p"))
				comparePlateGolden(t, "plate-status-a3.png", filepath.Join(dir, "p.png"))
			}
		})
	}
}

// comparePlateGolden compares a rasterised plate with testdata/name
// (rewritten with -update), allowing 1% of pixels to differ.
func comparePlateGolden(t *testing.T, name, path string) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	a, err1 := png.Decode(bytes.NewReader(data))
	b, err2 := png.Decode(bytes.NewReader(want))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if a.Bounds() != b.Bounds() {
		t.Fatalf("size %v, golden %v", a.Bounds(), b.Bounds())
	}
	bad := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if diff(r1, r2) > 48<<8 || diff(g1, g2) > 48<<8 || diff(b1, b2) > 48<<8 {
				bad++
			}
		}
	}
	if frac := float64(bad) / float64(r.Dx()*r.Dy()); frac > 0.01 {
		t.Errorf("%.2f%% of pixels differ from %s", 100*frac, golden)
	}
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestPlateSVGAndPNG(t *testing.T) {
	plateFontOrSkip(t)
	st := sampleProject(t)
	ctx := context.Background()
	ext, err := ResolvePlateExtent(ctx, st, "district:乌达区", nil)
	if err != nil {
		t.Fatal(err)
	}
	opt := plateOptions(t, "survey", ext)
	opt.Paper, opt.Landscape = "A4", false
	var svg bytes.Buffer
	if err := WritePlate(ctx, st, opt, PlateSVG, 0, &svg); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&svg)
	texts := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("svg is not well-formed: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts += string(cd)
		}
	}
	if !strings.Contains(texts, "乌达区废弃矿山调查图") {
		t.Errorf("svg text lacks the title: %.300s", texts)
	}
	var pngBuf bytes.Buffer
	if err := WritePlate(ctx, st, opt, PlatePNG, 100, &pngBuf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&pngBuf)
	if err != nil {
		t.Fatal(err)
	}
	// A4 portrait at 100 dpi: 827 × 1169.
	if img.Bounds() != image.Rect(0, 0, 827, 1169) {
		t.Errorf("png size %v", img.Bounds())
	}
}

func TestPlateAtlas(t *testing.T) {
	plateFontOrSkip(t)
	st := sampleProject(t)
	ctx := context.Background()
	exts, err := AtlasExtents(ctx, st, "mines")
	if err != nil {
		t.Fatal(err)
	}
	opt := plateOptions(t, "plan", PlateExtent{})
	var calls atomic.Int32
	var buf bytes.Buffer
	if err := WritePlateAtlas(ctx, st, opt, exts, &buf, func(done, total int) {
		if calls.Add(1) != int32(done) || total != len(exts) {
			t.Errorf("progress %d/%d", done, total)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if int(calls.Load()) != len(exts) {
		t.Errorf("progress called %d times for %d pages", calls.Load(), len(exts))
	}
	path := writeTempFile(t, "atlas.pdf", buf.Bytes())
	if info := popplerOrSkip(t, "pdfinfo", path); !strings.Contains(info, "Pages:           60") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	page := popplerOrSkip(t, "pdftotext", "-f", "7", "-l", "7", path, "-")
	if !strings.Contains(page, exts[6].Name) || !strings.Contains(page, "第 7 页 共 60 页") || !strings.Contains(page, "GH-07") {
		t.Errorf("page 7 text:\n%s", page)
	}

	// Cancelled after three pages: the context's error, nothing written.
	cctx, cancel := context.WithCancel(ctx)
	var out bytes.Buffer
	err = WritePlateAtlas(cctx, st, opt, exts, &out, func(done, total int) {
		if done == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || out.Len() != 0 {
		t.Errorf("cancelled atlas: %v, %d bytes", err, out.Len())
	}
}

func TestPlateBadInput(t *testing.T) {
	plateFontOrSkip(t)
	st := sampleProject(t)
	ctx := context.Background()
	all, err := ResolvePlateExtent(ctx, st, "all", nil)
	if err != nil {
		t.Fatal(err)
	}

	// A 500-character title: one page, no overflow (wrapped or shrunk).
	opt := plateOptions(t, "status", all)
	opt.Title = strings.Repeat("很长的图名", 100)
	var buf bytes.Buffer
	if err := WritePlate(ctx, st, opt, PlatePDF, 0, &buf); err != nil {
		t.Fatal(err)
	}
	path := writeTempFile(t, "long.pdf", buf.Bytes())
	if info := popplerOrSkip(t, "pdfinfo", path); !strings.Contains(info, "Pages:           1") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	if bbox := popplerOrSkip(t, "pdftotext", "-bbox", path, "-"); strings.Contains(bbox, `xMin="-`) {
		t.Error("text starts left of the page")
	}

	// A scale that cannot fit: say which would.
	opt = plateOptions(t, "status", all)
	opt.Scale = 10000
	err = WritePlate(ctx, st, opt, PlatePDF, 0, io.Discard)
	var pe *plate.Error
	if !errors.As(err, &pe) || pe.Code != plate.CodeScaleTooBig || pe.Scale <= 10000 {
		t.Fatalf("scale too big: %v", err)
	}
	if msg := PlateMessage(i18n.ZH, err); !strings.Contains(msg, "1:") {
		t.Errorf("message %q does not name a scale", msg)
	}

	// No usable font: the error names the package to install.
	if _, err := findPlateFont("", []fonts.Candidate{{Regular: "/nonexistent.ttc"}}); !errors.Is(err, ErrNoPlateFont) || !strings.Contains(err.Error(), "fonts-wqy-microhei") {
		t.Errorf("no font: %v", err)
	}
	if _, err := os.Stat("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); err == nil {
		if _, err := findPlateFont("", []fonts.Candidate{{Regular: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}}); !errors.Is(err, ErrNoPlateFont) {
			t.Errorf("CFF font only: %v", err)
		}
	}

	// A template whose layers are all empty in the sample (zones, plan
	// units) still makes a plate.
	tm, err := ParsePlateTemplate("empty", []byte(`{"layers":["zones","plan_units"],"grid":"km","table":"plan_units"}`))
	if err != nil {
		t.Fatal(err)
	}
	opt = plateOptions(t, "status", all)
	opt.Template = tm
	if err := WritePlate(ctx, st, opt, PlatePDF, 0, io.Discard); err != nil {
		t.Errorf("empty layers: %v", err)
	}
}
