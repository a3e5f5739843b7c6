package cli

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"minerehab/models"
	"minerehab/models/store"
)

// sampleFile creates a project holding the bundled sample.
func sampleFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "样例.gpkg")
	mustRun(t, "sample", "--quiet", p)
	return p
}

// decodePNG reads a PNG file.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", path, err)
	}
	return img
}

// inked counts the pixels that differ from the top-left one (the map's
// background) by more than a little.
func inked(img image.Image) int {
	br, bg, bb, _ := img.At(0, 0).RGBA()
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if absd(r, br)+absd(g, bg)+absd(b, bb) > 3*0x1000 {
				n++
			}
		}
	}
	return n
}

func absd(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestRender(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	p := sampleFile(t)
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		w, h       int
		minInkFrac float64 // of the pixels
	}{
		{"default size", nil, 1600, 1000, 0.02},
		{"size", []string{"--size", "800x500"}, 800, 500, 0.02},
		{"size with ×", []string{"--size", "640×480"}, 640, 480, 0.02},
		{"bbox", []string{"--size", "600x600", "--bbox", "106.80,39.60,106.90,39.70"}, 600, 600, 0.02},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "map"+string(rune('a'+i))+".png")
			stdout := mustRun(t, append([]string{"render", p, "-o", out}, tc.args...)...)
			if !strings.Contains(stdout, out) || !strings.Contains(stdout, "scale about 1:") {
				t.Errorf("stdout %q", stdout)
			}
			img := decodePNG(t, out)
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Fatalf("picture %v, want %dx%d", b, tc.w, tc.h)
			}
			if n := inked(img); float64(n) < tc.minInkFrac*float64(tc.w*tc.h) {
				t.Errorf("only %d of %d pixels drawn", n, tc.w*tc.h)
			}
		})
	}
	// No temporary files are left beside the output.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".minerehab-render-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestRenderBBoxShowsThatArea: the same 0.1° box drawn from the whole
// project and on its own agree on where things are: the picture of a box
// with features has ink, the picture of an empty box has none but the
// scale bar.
func TestRenderBBoxEmptyArea(t *testing.T) {
	p := sampleFile(t)
	out := filepath.Join(t.TempDir(), "empty.png")
	mustRun(t, "render", p, "-o", out, "--size", "400x300", "--bbox", "100.0,30.0,100.1,30.1")
	img := decodePNG(t, out)
	if n := inked(img); n == 0 || n > 400*300/20 {
		t.Errorf("a box far from Wuhai has %d drawn pixels; want the scale bar only", n)
	}
}

func TestRenderErrors(t *testing.T) {
	p := sampleFile(t)
	empty := newProject(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "x.png")
	tests := []struct {
		name string
		lang string
		args []string
		want []string // substrings of stderr
	}{
		{"bad size", "en", []string{"render", p, "-o", out, "--size", "big"}, []string{"bad picture size \"big\"", "1600x1000"}},
		{"zero size", "en", []string{"render", p, "-o", out, "--size", "0x100"}, []string{"bad picture size \"0x100\""}},
		{"huge size", "en", []string{"render", p, "-o", out, "--size", "100000x100"}, []string{"1 to 8192 pixels"}},
		{"half a size", "en", []string{"render", p, "-o", out, "--size", "800x"}, []string{"bad picture size"}},
		{"bad size, Chinese", "zh_CN", []string{"render", p, "-o", out, "--size", "大"}, []string{"图片大小“大”无效"}},
		{"three numbers", "en", []string{"render", p, "-o", out, "--bbox", "106,39,107"}, []string{"bad map extent \"106,39,107\"", "minlon,minlat,maxlon,maxlat"}},
		{"min above max", "en", []string{"render", p, "-o", out, "--bbox", "107,39,106,40"}, []string{"bad map extent"}},
		{"not numbers", "en", []string{"render", p, "-o", out, "--bbox", "a,b,c,d"}, []string{"bad map extent"}},
		{"not finite", "en", []string{"render", p, "-o", out, "--bbox", "NaN,39,107,40"}, []string{"bad map extent"}},
		{"beyond the poles", "en", []string{"render", p, "-o", out, "--bbox", "106,39,107,95"}, []string{"bad map extent"}},
		{"bbox, Chinese", "zh_CN", []string{"render", p, "-o", out, "--bbox", "x"}, []string{"地图范围“x”无效"}},
		{"no output", "en", []string{"render", p}, []string{"usage: minerehab render"}},
		{"unknown flag", "en", []string{"render", p, "-o", out, "--dpi", "300"}, []string{"--help"}},
		{"empty project", "en", []string{"render", empty, "-o", out}, []string{"holds no features", "--bbox"}},
		{"no project", "en", []string{"render", filepath.Join(dir, "none.gpkg"), "-o", out}, []string{"none.gpkg", "no such project file"}},
		{"unknown layer", "en", []string{"render", p, "-o", out, "--layers", "mines,wells"}, []string{"no layer \"wells\"", "fire_points (Fire points)"}},
		{"no layer named", "en", []string{"render", p, "-o", out, "--layers", ","}, []string{"no layer \",\""}},
		{"unknown layer, Chinese", "zh_CN", []string{"render", p, "-o", out, "--layers", "矿井"}, []string{"没有名为“矿井”的图层", "fire_points (火点)"}},
		{"unwritable output", "en", []string{"render", p, "-o", filepath.Join(dir, "no", "such", "dir", "x.png")}, []string{"cannot write", "x.png"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("MINEREHAB_LANG", tc.lang)
			code, _, errs := run(t, tc.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1; stderr %s", code, errs)
			}
			if strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("stderr is not one line: %q", errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a failed render wrote %s", out)
			}
		})
	}
}

// TestRenderLayers: --layers draws the layers it names (by the project
// file's names or the layer panel's, in either language and any case),
// fitting the map to them; without it the layers the project hides (in
// the project file, as the layer panel stores them) are not drawn.
func TestRenderLayers(t *testing.T) {
	p := sampleFile(t)
	dir := t.TempDir()
	draw := func(name string, args ...string) []byte {
		t.Helper()
		out := filepath.Join(dir, name+".png")
		mustRun(t, append([]string{"render", p, "-o", out, "--size", "400x300", "--bbox", "106.7,39.4,107.0,39.8"}, args...)...)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	all := draw("all")
	mines := draw("mines", "--layers", "mines")
	fires := draw("fires", "--layers", "火点")
	both := draw("both", "--layers", "MINES, Fire points")
	ink := func(b []byte) int { return inked(mustDecode(t, b)) }
	if ink(mines) == 0 || ink(fires) == 0 || ink(mines) >= ink(all) || ink(fires) >= ink(all) || ink(both) >= ink(all) {
		t.Errorf("inked pixels: all %d, mines %d, fire points %d, both %d", ink(all), ink(mines), ink(fires), ink(both))
	}
	if ink(both) <= ink(mines) || ink(both) <= ink(fires) {
		t.Errorf("mines and fire points together (%d) no more than either (%d, %d)", ink(both), ink(mines), ink(fires))
	}

	// Fitted to the layers drawn: the fire points lie in a smaller box
	// than the whole project (its reference features reach further).
	scale := func(args ...string) string {
		t.Helper()
		out := mustRun(t, append([]string{"render", p, "-o", filepath.Join(dir, "fit.png"), "--size", "400x300"}, args...)...)
		_, n, ok := strings.Cut(out, "1:")
		if !ok {
			t.Fatalf("no scale in %q", out)
		}
		return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(n), ")"))
	}
	if w, f := scale(), scale("--layers", "fire_points"); w == f {
		t.Errorf("fire points drawn at the whole project's scale 1:%s", w)
	}

	// Hidden in the project file: drawn as with --layers listing the rest.
	st, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hidden := models.DefaultLayerStyle(models.LayerMines)
	hidden.Visible = false
	if err := st.SetLayerStyle(context.Background(), hidden); err != nil {
		t.Fatal(err)
	}
	st.Close()
	var rest []string
	for _, l := range models.Layers {
		if l.Name != models.LayerMines {
			rest = append(rest, l.Name)
		}
	}
	if a, b := draw("nomines", "--layers", strings.Join(rest, ",")), draw("stored"); !bytes.Equal(a, b) {
		t.Error("the map of a project hiding its mines differs from --layers without mines")
	}
	if bytes.Equal(draw("stored2"), all) {
		t.Error("the project hides its mines; they are drawn")
	}
	if !bytes.Equal(draw("named", "--layers", "mines"), mines) {
		t.Error("--layers mines does not draw the mines the project hides")
	}
}

// mustDecode decodes a PNG held in memory.
func mustDecode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestRenderHelp(t *testing.T) {
	t.Setenv("MINEREHAB_LANG", "en")
	code, out, _ := run(t, "render", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"minerehab render P.gpkg -o MAP.png", "--size", "--bbox", "--layers", "picture size in pixels", "layers to draw"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	if _, overview, _ := run(t, "help"); !strings.Contains(overview, "render") {
		t.Error("the overview does not list render")
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		w, h int
		ok   bool
	}{
		{"1600x1000", 1600, 1000, true},
		{" 800 X 600 ", 800, 600, true},
		{"640×480", 640, 480, true},
		{"1*1", 1, 1, true},
		{"8192x8192", 8192, 8192, true},
		{"8193x10", 0, 0, false},
		{"0x10", 0, 0, false},
		{"-5x10", 0, 0, false},
		{"10", 0, 0, false},
		{"x", 0, 0, false},
		{"1.5x2", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tc := range tests {
		w, h, err := parseSize(tc.in)
		if (err == nil) != tc.ok || w != tc.w || h != tc.h {
			t.Errorf("parseSize(%q) = %d, %d, %v", tc.in, w, h, err)
		}
	}
}

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"106.6,39.2,107.1,39.9", true},
		{" 106.6 , 39.2 , 107.1 , 39.9 ", true},
		{"-180,-85,180,85", true},
		{"106.6,39.2,106.6,39.9", false}, // no width
		{"107.1,39.2,106.6,39.9", false},
		{"106.6,39.9,107.1,39.2", false},
		{"-181,0,1,1", false},
		{"0,0,1,Inf", false},
		{"0,0,1", false},
		{"0,0,1,1,1", false},
		{"", false},
	}
	for _, tc := range tests {
		b, err := parseBBox(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("parseBBox(%q) = %v, %v", tc.in, b, err)
		}
	}
}

// FuzzRenderArgs: the --size, --bbox and --layers parsers never panic and
// accept only what a view can be made of (--layers: layers that exist,
// at least one).
func FuzzRenderArgs(f *testing.F) {
	for _, s := range []string{"1600x1000", "640×480", "8192x8192", "0x0", "106.6,39.2,107.1,39.9", "-180,-85,180,85", "1e308,1,2,3", "x", ",,,", "NaN,NaN,NaN,NaN", "mines,fire_points", "矿山，火点", "Fire points, ROADS"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if w, h, err := parseSize(s); err == nil && (w < 1 || h < 1 || w > renderMaxSize || h > renderMaxSize) {
			t.Errorf("parseSize(%q) accepted %dx%d", s, w, h)
		}
		if b, err := parseBBox(s); err == nil {
			for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("parseBBox(%q) accepted %v", s, b)
				}
			}
			if !(b.Min[0] < b.Max[0] && b.Min[1] < b.Max[1]) {
				t.Errorf("parseBBox(%q) accepted an empty box %v", s, b)
			}
		}
		if only, err := parseLayers(s); err == nil {
			if len(only) == 0 {
				t.Errorf("parseLayers(%q) accepted no layer", s)
			}
			for name := range only {
				if _, ok := models.LayerByName(name); !ok {
					t.Errorf("parseLayers(%q) accepted %q", s, name)
				}
			}
		} else if only != nil {
			t.Errorf("parseLayers(%q) failed (%v) with layers %v", s, err, only)
		}
	})
}
