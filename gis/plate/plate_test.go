package plate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"minerehab/gis/pdf"
)

var pagesRe = regexp.MustCompile(`Pages:\s+1\n`)

func writePDF(t *testing.T, spec *Spec) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(context.Background(), &buf, spec, pdf.Options{CreationDate: fixedDate, Title: spec.Title}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plate.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func TestPDFGolden(t *testing.T) {
	for _, c := range []struct {
		name      string
		paper     string
		landscape bool
		size      string
	}{
		{"a3-landscape", "A3", true, "1190.55 x 841.89 pts"},
		{"a4-portrait", "A4", false, "595.276 x 841.89 pts"},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec := testSpec(t, c.paper, c.landscape)
			path, data := writePDF(t, spec)
			_, again := writePDF(t, spec)
			if !bytes.Equal(data, again) {
				t.Error("two writes of the same plate differ")
			}
			if info := poppler(t, "pdfinfo", path); !strings.Contains(info, c.size) || !pagesRe.MatchString(info) {
				t.Errorf("pdfinfo:\n%s", info)
			}
			fonts := poppler(t, "pdffonts", path)
			if !strings.Contains(fonts, "CID TrueType") || !strings.Contains(fonts, "yes yes yes") {
				t.Errorf("pdffonts: want an embedded subset font\n%s", fonts)
			}
			text := poppler(t, "pdftotext", path, "-")
			for _, want := range []string{"乌海市矿山地质环境现状图", "图例", "矿山范围", "比例尺", "第36带", "乌海市自然资源局", "骆驼山煤矿", "规划单元"} {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext lacks %q", want)
				}
			}
			dir := t.TempDir()
			poppler(t, "pdftoppm", "-r", "40", "-png", "-singlefile", path, filepath.Join(dir, "p"))
			compareGolden(t, c.name+".png", readPNG(t, filepath.Join(dir, "p.png")), 0.01)
		})
	}
}
