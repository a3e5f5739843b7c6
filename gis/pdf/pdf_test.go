package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minerehab/gis/render"
)

var (
	red   = color.NRGBA{R: 0xe0, G: 0x10, B: 0x10, A: 0xff}
	green = color.NRGBA{R: 0x10, G: 0xa0, B: 0x30, A: 0x80}
	ink   = color.NRGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xff}
	white = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// sampleDoc draws a page with every kind of content through the Canvas.
func sampleDoc(t testing.TB, f *Font) *Document {
	d := New(Options{Title: "测试 plate", CreationDate: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)})
	p, err := d.AddPage(595.28, 841.89)
	if err != nil {
		t.Fatal(err)
	}
	c := NewCanvas(p, 72.0/150, f)
	var path render.Path
	path.MoveTo(100, 100)
	path.LineTo(600, 100)
	path.LineTo(600, 500)
	path.LineTo(100, 500)
	path.Close()
	c.FillPath(&path, green)
	c.HatchPath(&path, render.Hatch{Color: ink, Spacing: 20, Width: 2})
	c.StrokePath(&path, 6, red, []float64{30, 15})
	ls := &render.LabelStyle{Font: f.Face(), Size: 48, Color: ink, Halo: white, HaloWidth: 3}
	c.DrawText(120, 700, "海勃湾区矿山 Mine 01", ls)
	c.PushClip(100, 800, 300, 200)
	path.Reset()
	path.MoveTo(0, 0)
	path.LineTo(1000, 1000)
	c.StrokePath(&path, 4, ink, nil)
	c.PopClip()
	return d
}

func TestDocumentPoppler(t *testing.T) {
	f := testFont(t)
	path := writeTemp(t, sampleDoc(t, f))

	fonts := poppler(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) != 3 {
		t.Fatalf("pdffonts: want one font\n%s", fonts)
	}
	fields := strings.Fields(lines[2])
	if !strings.Contains(fields[0], "+") || len(strings.SplitN(fields[0], "+", 2)[0]) != 6 {
		t.Errorf("font name %q has no subset tag", fields[0])
	}
	if !strings.Contains(lines[2], "CID TrueType") || !strings.Contains(lines[2], "Identity-H") || !strings.Contains(lines[2], "yes yes yes") {
		t.Errorf("pdffonts: want embedded subset CID TrueType with ToUnicode:\n%s", fonts)
	}
	text := poppler(t, "pdftotext", path, "-")
	if !strings.Contains(text, "海勃湾区矿山 Mine 01") {
		t.Errorf("pdftotext: %q", text)
	}
	info := poppler(t, "pdfinfo", path)
	if !strings.Contains(info, "595.28 x 841.89 pts") || !strings.Contains(info, "测试 plate") {
		t.Errorf("pdfinfo:\n%s", info)
	}

	// Rasterise and look at a few pixels: the fill, the stroke, the text.
	dir := t.TempDir()
	poppler(t, "pdftoppm", "-r", "150", "-png", "-singlefile", path, filepath.Join(dir, "p"))
	fh, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 1230 || b.Dx() > 1242 {
		t.Fatalf("raster width %d, want about 1240", b.Dx())
	}
	dark := 0
	for y := 650; y < 710; y++ {
		for x := 120; x < 700; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x4000 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("text area has %d dark pixels", dark)
	}
	if r, g, b, _ := img.At(100, 300).RGBA(); !(r > 0xa000 && g < 0x6000 && b < 0x6000) {
		t.Errorf("stroke pixel %x %x %x, want red", r>>8, g>>8, b>>8)
	}
}

func TestDeterministic(t *testing.T) {
	f := testFont(t)
	var a, b bytes.Buffer
	if _, err := sampleDoc(t, f).WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := sampleDoc(t, f).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same drawing, different bytes")
	}
	if a.Len() > 40_000 {
		t.Errorf("document is %d bytes: font not subset?", a.Len())
	}
}

// TestFillLast: a fill that is the last thing drawn (held back for a
// possible outline) is written.
func TestFillLast(t *testing.T) {
	d := New(Options{NoCompress: true})
	p, _ := d.AddPage(100, 100)
	c := NewCanvas(p, 1)
	var path render.Path
	path.MoveTo(10, 10)
	path.LineTo(90, 10)
	path.LineTo(90, 90)
	path.Close()
	c.FillPath(&path, red)
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("\nf\n")) {
		t.Errorf("last fill not written:\n%s", buf.String())
	}
}

func TestImage(t *testing.T) {
	d := New(Options{})
	p, _ := d.AddPage(200, 200)
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.SetNRGBA(0, 0, red)
	if err := p.DrawImage(img, 10, 10, 100, 100); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, d)
	out := poppler(t, "pdfimages", "-list", path)
	if !strings.Contains(out, "rgb") {
		t.Errorf("pdfimages: %s", out)
	}
}

func TestBadArguments(t *testing.T) {
	d := New(Options{})
	if _, err := d.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("empty document written")
	}
	for _, sz := range [][2]float64{{0, 100}, {100, -1}, {1e9, 10}} {
		if _, err := d.AddPage(sz[0], sz[1]); err == nil {
			t.Errorf("page %v accepted", sz)
		}
	}
}

func TestParseFontErrors(t *testing.T) {
	cases := map[string][]byte{
		"empty":     nil,
		"garbage":   []byte("hello world, not a font at all"),
		"ttc-empty": append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), make([]byte, 8)...),
	}
	for name, data := range cases {
		if _, err := ParseFont(data); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	if data, err := os.ReadFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); err == nil {
		_, err := ParseFont(data)
		var pe *Error
		if !asError(err, &pe) || pe.Code != CodeCFFFont {
			t.Errorf("Noto CJK (CFF): %v, want %s", err, CodeCFFFont)
		}
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		prec int
		want string
	}{{1, 3, "1"}, {1.5, 3, "1.5"}, {-0.0001, 3, "0"}, {0.12345, 3, "0.123"}, {1e12, 2, "10000000"}, {-2.50, 2, "-2.5"}} {
		if got := fmtNum(c.v, c.prec); got != c.want {
			t.Errorf("fmtNum(%v, %d) = %q, want %q", c.v, c.prec, got, c.want)
		}
	}
}
