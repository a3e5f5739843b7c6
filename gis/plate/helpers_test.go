package plate

import (
	"context"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
	"minerehab/gis/pdf"
	"minerehab/gis/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const wqyPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

func testFont(t testing.TB) *pdf.Font {
	t.Helper()
	data, err := os.ReadFile(wqyPath)
	if err != nil {
		t.Skipf("no TrueType CJK font: %v (apt install fonts-wqy-microhei)", err)
	}
	f, err := pdf.ParseFont(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var fixedDate = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)

// Synthetic Wuhai-like scene: a district outline, mines, a river line,
// fire points.
var (
	sceneExtent = orb.Bound{Min: orb.Point{106.75, 39.60}, Max: orb.Point{106.90, 39.72}}
	mineStyle   = render.Style{Fill: color.NRGBA{0xff, 0xd8, 0xa8, 0x90}, Stroke: color.NRGBA{0xc2, 0x5a, 0x0c, 0xff}, StrokeWidth: 5}
	riverStyle  = render.Style{Stroke: color.NRGBA{0x2f, 0x7f, 0xd0, 0xff}, StrokeWidth: 7}
	fireStyle   = render.Style{Fill: color.NRGBA{0xe0, 0x1e, 0x1e, 0xff}, Stroke: color.NRGBA{0x7a, 0x08, 0x08, 0xff}, StrokeWidth: 3, PointShape: render.PointTriangle, PointSize: 30}
	reserve     = render.Style{Fill: color.NRGBA{0x2e, 0x8b, 0x3e, 0x26}, Stroke: color.NRGBA{0x2e, 0x8b, 0x3e, 0xff}, StrokeWidth: 3, Hatch: render.HatchDiagonal, HatchSpacing: 20, HatchWidth: 2}
	district    = render.Style{Stroke: color.NRGBA{0x78, 0x78, 0x78, 0xff}, StrokeWidth: 3, Dash: []float64{18, 10}}
)

func square(cx, cy, r float64) orb.Polygon {
	return orb.Polygon{{{cx - r, cy - r}, {cx + r, cy - r}, {cx + r, cy + r}, {cx - r, cy + r}, {cx - r, cy - r}}}
}

func sceneSource(font *pdf.Font) LayerSource {
	return func(ctx context.Context, v render.View, dpi float64) (Content, error) {
		var mines []render.Feature
		names := []string{"乌达区五虎山煤矿", "海勃湾区骆驼山煤矿", "海南区赛汗乌素矿", "苏海图石灰岩矿"}
		for i, n := range names {
			a := float64(i) * 1.3
			mines = append(mines, render.Feature{Geometry: square(106.82+0.045*math.Cos(a), 39.66+0.035*math.Sin(a), 0.008), Style: mineStyle, Label: n})
		}
		var river orb.LineString
		for i := 0; i <= 40; i++ {
			t := float64(i) / 40
			river = append(river, orb.Point{106.76 + 0.13*t, 39.61 + 0.1*t + 0.01*math.Sin(t*9)})
		}
		ls := &render.LabelStyle{Font: font.Face(), Size: 9 * dpi / 72, Color: color.NRGBA{0x3a, 0x22, 0x0a, 0xff}, Halo: color.NRGBA{255, 255, 255, 0xe0}, HaloWidth: 2 * dpi / 300}
		layers := []render.Layer{
			{Name: "district", Opacity: 1, Features: []render.Feature{{Geometry: square(106.825, 39.66, 0.07), Style: district}, {Geometry: square(106.79, 39.69, 0.02), Style: reserve}}},
			{Name: "river", Opacity: 1, Features: []render.Feature{{Geometry: river, Style: riverStyle}}},
			{Name: "mines", Opacity: 1, Features: mines, LabelStyle: ls},
			{Name: "fire", Opacity: 1, Features: []render.Feature{{Geometry: orb.Point{106.80, 39.64}, Style: fireStyle}}},
		}
		return Content{Layers: layers, Legend: []LegendEntry{
			{Label: "矿山范围", Kind: SwatchPolygon, Style: mineStyle},
			{Label: "河流", Kind: SwatchLine, Style: riverStyle},
			{Label: "自然保护区", Kind: SwatchPolygon, Style: reserve},
			{Label: "区界", Kind: SwatchLine, Style: district},
			{Label: "火点（燃烧中）", Kind: SwatchPoint, Style: fireStyle},
		}}, nil
	}
}

var zhStrings = Strings{Legend: "图例", Scale: "比例尺", North: "北", Overview: "位置示意图",
	Unit: "制图单位", Author: "制图", Checker: "审核", Date: "日期", Number: "图号", Notes: "备注",
	Metres: "米", Kilometres: "千米"}

func testSpec(t testing.TB, paper string, landscape bool) *Spec {
	font := testFont(t)
	p, err := PaperSize(paper, landscape)
	if err != nil {
		t.Fatal(err)
	}
	gk, err := crs.ByEPSG(4524)
	if err != nil {
		t.Fatal(err)
	}
	return &Spec{
		Paper: p, Extent: sceneExtent, Title: "乌海市矿山地质环境现状图", Subtitle: "海勃湾区 · 2026年",
		Grid: GridKilometres, GridCRS: gk, CRSNote: "2000国家大地坐标系 高斯-克吕格投影 3°带 第36带",
		TitleBlock: TitleBlock{Unit: "乌海市自然资源局", Author: "张三", Checker: "李四", Date: "2026-05-01", Number: "WH-XZ-01", Notes: "数据截至2026年4月"},
		Strings:    zhStrings, Font: font, PageLabel: "第 1 页 共 1 页",
		Layers: sceneSource(font), Overview: sceneSource(font),
		OverviewExtent: orb.Bound{Min: orb.Point{106.6, 39.4}, Max: orb.Point{107.1, 39.9}},
		Table: &Table{Title: "规划单元", Header: []string{"单元", "面积(公顷)", "进度"},
			Rows: [][]string{{"U1 排土场", "12.5", "60%"}, {"U2 采坑", "30.1", "15%"}, {"U3 矸石山", "8.0", "100%"}}},
	}
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not installed (apt install poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// compareGolden compares img with testdata/name (rewritten with -update):
// same size, and at most maxBad of the pixels differ by more than 48 in a
// channel (anti-aliasing and rasteriser versions move edges a little).
func compareGolden(t *testing.T, name string, img image.Image, maxBad float64) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return
	}
	want := readPNG(t, path)
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	bad := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if absDiff(r1, r2) > 48<<8 || absDiff(g1, g2) > 48<<8 || absDiff(b1, b2) > 48<<8 {
				bad++
			}
		}
	}
	if frac := float64(bad) / float64(b.Dx()*b.Dy()); frac > maxBad {
		t.Errorf("%s: %.3f%% of pixels differ (limit %.3f%%); run with -update if the change is intended", name, 100*frac, 100*maxBad)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
