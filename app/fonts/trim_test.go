package fonts

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// TestTrimmedFaceShapesTheSame shapes the window's kind of text (Chinese
// with Latin, digits and full-width punctuation) with the face as the
// window gets it (no GSUB, no vertical metrics) and with the whole face:
// the glyphs and their advances must be the same, so leaving the tables
// out changes nothing on screen.
func TestTrimmedFaceShapesTheSame(t *testing.T) {
	for _, path := range []string{notoPath, wqyPath} {
		t.Run(path, func(t *testing.T) {
			src := readOrSkip(t, path)
			trimmed, fam, err := pickFace(src, -1, "")
			if err != nil {
				t.Fatal(err)
			}
			whole := wholeFace(t, src, fam)
			if len(whole) <= len(trimmed) {
				t.Fatalf("%s: the whole face (%d bytes) is not bigger than the trimmed one (%d)", fam, len(whole), len(trimmed))
			}
			_, tables, err := faceTables(trimmed, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, tb := range tables {
				if unusedTable(tb.Tag) {
					t.Errorf("%s: table %s kept", fam, tagString(tb.Tag))
				}
			}
			for _, text := range []string{"乌海市矿山地质环境综合整治（2021—2023年）", "绿色矿山 47.6% · Green mines AV To Wa", "海勃湾区：12 处火点，面积 3.5 公顷"} {
				a, b := shape(t, trimmed, text), shape(t, whole, text)
				if len(a.Glyphs) != len(b.Glyphs) || a.Advance != b.Advance {
					t.Errorf("%s %q: %d glyphs advance %v trimmed, %d glyphs advance %v whole", fam, text, len(a.Glyphs), a.Advance, len(b.Glyphs), b.Advance)
				}
				for i := range a.Glyphs {
					if a.Glyphs[i].GlyphID != b.Glyphs[i].GlyphID || a.Glyphs[i].XAdvance != b.Glyphs[i].XAdvance {
						t.Errorf("%s %q glyph %d: %+v trimmed, %+v whole", fam, text, i, a.Glyphs[i], b.Glyphs[i])
					}
				}
			}
		})
	}
}

// wholeFace is the collection's face named fam with every table (a font
// file of one face, built like extractFace but keeping all).
func wholeFace(t *testing.T, src []byte, fam string) []byte {
	t.Helper()
	offs, err := fontFaces(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range offs {
		names, _ := faceFamilies(src, off)
		for _, n := range names {
			if n == fam {
				return buildFaceFile(t, src, off)
			}
		}
	}
	t.Fatalf("no face %q", fam)
	return nil
}

func buildFaceFile(t *testing.T, src []byte, off uint32) []byte {
	version, tables, err := faceTables(src, off)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n := len(tables)
	put32 := func(v uint32) { b.Write([]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}) }
	put16 := func(v uint16) { b.Write([]byte{byte(v >> 8), byte(v)}) }
	put32(version)
	put16(uint16(n))
	put16(0)
	put16(0)
	put16(0)
	pos := uint32(12 + 16*n)
	for _, tb := range tables {
		put32(tb.Tag)
		put32(tb.Sum)
		put32(pos)
		put32(tb.Len)
		pos += pad4(tb.Len)
	}
	for _, tb := range tables {
		b.Write(src[tb.Off : tb.Off+tb.Len])
		b.Write(make([]byte, pad4(tb.Len)-tb.Len))
	}
	return b.Bytes()
}

// oneFace is a shaping.Fontmap of one face.
type oneFace struct{ f *font.Face }

func (o oneFace) ResolveFace(rune) *font.Face { return o.f }

// shape shapes text as Fyne 2.7 does (painter.walkString): split into runs
// by script (the segmenter sets each run's script; no language), each run
// shaped by HarfBuzz; the runs' outputs joined.
func shape(t *testing.T, data []byte, text string) shaping.Output {
	t.Helper()
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	var (
		sh  shaping.HarfbuzzShaper
		seg shaping.Segmenter
		out shaping.Output
	)
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Face: face, Size: fixed.I(14)}
	for _, run := range seg.Split(in, oneFace{face}) {
		o := sh.Shape(run)
		out.Glyphs = append(out.Glyphs, o.Glyphs...)
		out.Advance += o.Advance
	}
	return out
}
