package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"minerehab/app"
)

func plateToolsOrSkip(t *testing.T) {
	t.Helper()
	if _, err := app.PlateFont(); err != nil {
		t.Skipf("no TrueType CJK font: %v", err)
	}
	for _, tool := range []string{"pdfinfo", "pdftotext", "pdffonts"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (apt install poppler-utils)", tool)
		}
	}
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func TestPlateCommand(t *testing.T) {
	plateToolsOrSkip(t)
	t.Setenv("MINEREHAB_LANG", "zh-CN")
	p := sampleFile(t)
	dir := t.TempDir()

	out := filepath.Join(dir, "现状图.pdf")
	stdout := mustRun(t, "plate", p, "--template", "status", "--extent", "district:海勃湾区", "--paper", "A3",
		"--orientation", "landscape", "--title", "海勃湾区矿山现状图", "--date", "2026-05-01", "--unit", "乌海市自然资源局", "-o", out)
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout: %s", stdout)
	}
	if info := tool(t, "pdfinfo", out); !strings.Contains(info, "1190.55 x 841.89 pts") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	if fonts := tool(t, "pdffonts", out); !strings.Contains(fonts, "yes yes yes") {
		t.Errorf("pdffonts:\n%s", fonts)
	}
	text := tool(t, "pdftotext", out, "-")
	for _, want := range []string{"海勃湾区矿山现状图", "图例", "2026-05-01", "乌海市自然资源局", "煤矿"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}

	// A mine at an exact scale, portrait A4, as PNG and SVG.
	st, err := app.OpenProject(p, true)
	if err != nil {
		t.Fatal(err)
	}
	exts, err := app.PlateExtents(context.Background(), st, "mine")
	st.Close()
	if err != nil || len(exts) == 0 {
		t.Fatalf("mines: %v", err)
	}
	licence := exts[0].Key
	png := filepath.Join(dir, "mine.png")
	mustRun(t, "plate", p, "--extent", "mine:"+licence, "--paper", "A4", "--orientation", "portrait", "--scale", "10000", "--dpi", "72", "-o", png)
	if b := decodePNG(t, png).Bounds(); b.Dx() != 595 || b.Dy() != 842 {
		t.Errorf("A4 at 72 dpi: %v", b.Size())
	}
	svg := filepath.Join(dir, "mine.svg")
	mustRun(t, "plate", p, "--extent", "mine:"+licence, "--template", "survey", "-o", svg)
	if b, err := os.ReadFile(svg); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("svg: %v", err)
	}
}

func TestPlateAtlasCommand(t *testing.T) {
	plateToolsOrSkip(t)
	p := sampleFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "atlas.pdf")
	mustRun(t, "plate", p, "--atlas", "districts", "--template", "progress", "-o", out)
	info := tool(t, "pdfinfo", out)
	if !strings.Contains(info, "Pages:") || strings.Contains(info, "Pages:           1\n") {
		t.Errorf("pdfinfo:\n%s", info)
	}
	// One PNG per page.
	mustRun(t, "plate", p, "--atlas", "districts", "--dpi", "40", "-o", filepath.Join(dir, "d.png"))
	files, _ := filepath.Glob(filepath.Join(dir, "d-*.png"))
	if len(files) < 2 {
		t.Errorf("png atlas wrote %v", files)
	}
}

func TestPlateBadArgs(t *testing.T) {
	plateToolsOrSkip(t)
	t.Setenv("MINEREHAB_LANG", "en")
	p := sampleFile(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"plate", p}, "usage"},
		{[]string{"plate", p, "-o", "x.doc"}, ".pdf, .svg or .png"},
		{[]string{"plate", p, "-o", out, "--paper", "B5"}, "B5"},
		{[]string{"plate", p, "-o", out, "--orientation", "sideways"}, "sideways"},
		{[]string{"plate", p, "-o", out, "--scale", "-5"}, "-5"},
		{[]string{"plate", p, "-o", out, "--scale", "10000"}, "does not fit"},
		{[]string{"plate", p, "-o", out, "--template", "nonesuch"}, "nonesuch"},
		{[]string{"plate", p, "-o", out, "--extent", "mine:NOPE"}, "mine:NOPE"},
		{[]string{"plate", p, "-o", out, "--extent", "view"}, "--bbox"},
		{[]string{"plate", p, "-o", out, "--atlas", "rivers"}, "rivers"},
		{[]string{"plate", p, "-o", out, "--atlas", "zones"}, "zones"},
		{[]string{"plate", p, "-o", out, "--dpi", "5000"}, "5000"},
	} {
		code, _, stderr := run(t, c.args...)
		if code != 1 || !strings.Contains(strings.ToLower(stderr), strings.ToLower(c.want)) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args[2:], code, stderr, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed plate left a file")
	}
}

// TestPlateTemplateSavedEditedUsed: a built-in template is saved as JSON,
// edited (a new number prefix), and used for a plate; a misspelt key in an
// edited template is refused with the file named.
func TestPlateTemplateSavedEditedUsed(t *testing.T) {
	plateToolsOrSkip(t)
	p := sampleFile(t)
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "我的模板.json")
	mustRun(t, "plate", p, "--template", "plan", "--save-template", tmpl)
	data, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("saved template is not JSON: %v", err)
	}
	out := filepath.Join(dir, "p.pdf")
	v["numbr_prefix"] = "typo"
	b, _ := json.Marshal(v)
	os.WriteFile(tmpl, b, 0o644)
	if code, _, stderr := run(t, "plate", p, "--template", tmpl, "-o", out); code != 1 || !strings.Contains(stderr, "我的模板.json") {
		t.Errorf("misspelt key: exit %d, %q", code, stderr)
	}
	delete(v, "numbr_prefix")
	v["number_prefix"] = "ZZ-99"
	b, _ = json.Marshal(v)
	os.WriteFile(tmpl, b, 0o644)
	mustRun(t, "plate", p, "--template", tmpl, "-o", out)
	if txt := tool(t, "pdftotext", out, "-"); !strings.Contains(txt, "ZZ-99") {
		t.Errorf("the plate made from the edited template lacks its number prefix:\n%.400s", txt)
	}
}

// TestPlateScreeningBand: `plate --screening NAME` draws the saved
// screening's band with its legend entry; an unknown name is refused with
// its name and writes nothing.
func TestPlateScreeningBand(t *testing.T) {
	plateToolsOrSkip(t)
	t.Setenv("MINEREHAB_LANG", "zh-CN")
	p := sampleFile(t)
	mustRun(t, "screen", p, "--distance", "3000", "--save", "黄河三公里")
	out := filepath.Join(t.TempDir(), "band.pdf")
	mustRun(t, "plate", p, "--screening", "黄河三公里", "-o", out)
	if txt := tool(t, "pdftotext", out, "-"); !strings.Contains(txt, "3000 米排查范围") {
		t.Errorf("the legend lacks the band:\n%s", txt)
	}
	bad := filepath.Join(t.TempDir(), "bad.pdf")
	code, _, stderr := run(t, "plate", p, "--screening", "没有这个", "-o", bad)
	if code == 0 || !strings.Contains(stderr, "没有这个") {
		t.Errorf("unknown screening: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a plate was written for an unknown screening")
	}
}
