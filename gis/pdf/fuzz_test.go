package pdf

import (
	"bytes"
	"encoding/binary"
	"image/color"
	"math"
	"os"
	"testing"

	"minerehab/gis/render"
)

// FuzzParseFont feeds ParseFont real fonts cut and altered: it must
// return a font or an error, never panic, and a font it accepts must
// subset to a font it accepts again.
func FuzzParseFont(f *testing.F) {
	if data, err := os.ReadFile(wqyPath); err == nil {
		font, err := ParseFont(data)
		if err == nil {
			s := newGlyphSet()
			for _, r := range "海勃湾区 Mine 01" {
				s.add(uint16(font.glyphIndex(nil, r)))
			}
			f.Add(font.subset(s))
		}
	}
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"))
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00head\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x36"))
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := ParseFont(data)
		if err != nil {
			return
		}
		s := newGlyphSet()
		for g := range min(font.numGlyphs, 64) {
			s.add(uint16(g))
		}
		if _, err := ParseFont(font.subset(s)); err != nil {
			t.Fatalf("subset of an accepted font is rejected: %v", err)
		}
	})
}

// FuzzCanvas draws arbitrary paths (including NaN, huge and degenerate
// points) through a Canvas: no panic, and the document still writes.
func FuzzCanvas(f *testing.F) {
	f.Add([]byte{0, 10, 20, 30, 40, 50, 60, 70, 80, 90}, 2.0, true)
	f.Add(bytes.Repeat([]byte{0xff}, 64), 0.0, false)
	f.Fuzz(func(t *testing.T, raw []byte, width float64, close bool) {
		d := New(Options{})
		p, err := d.AddPage(200, 200)
		if err != nil {
			t.Fatal(err)
		}
		c := NewCanvas(p, 0.5)
		var path render.Path
		for i := 0; i+16 <= len(raw); i += 16 {
			x := math.Float64frombits(binary.LittleEndian.Uint64(raw[i:]))
			y := math.Float64frombits(binary.LittleEndian.Uint64(raw[i+8:]))
			if i%48 == 0 {
				path.MoveTo(x, y)
			} else {
				path.LineTo(x, y)
			}
			if close && i%64 == 0 {
				path.Close()
			}
		}
		for i, b := range raw {
			path.LineTo(float64(b)*float64(i%7), float64(i))
		}
		col := color.NRGBA{R: 10, G: 20, B: 30, A: 200}
		c.FillPath(&path, col)
		c.HatchPath(&path, render.Hatch{Color: col, Spacing: 4, Width: 1})
		c.StrokePath(&path, width, col, []float64{width, 1})
		c.PushClip(10, 10, 50, 50)
		c.StrokePath(&path, 1, col, nil)
		c.PopClip()
		c.Flush()
		var out bytes.Buffer
		if _, err := d.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
	})
}

// TestSimplify keeps the shape within the tolerance and drops collinear
// vertices.
func TestSimplify(t *testing.T) {
	c := &Canvas{Tolerance: 0.5}
	var line []render.Pt
	for i := range 100 {
		line = append(line, render.Pt{X: float64(i), Y: 0.1 * math.Sin(float64(i))})
	}
	got := c.simplify(line, false)
	if len(got) != 2 {
		t.Errorf("near-straight line of 100 points kept %d", len(got))
	}
	square := []render.Pt{{X: 0, Y: 0}, {X: 5, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}}
	if got := c.simplify(square, true); len(got) != 4 {
		t.Errorf("square kept %v", got)
	}
	tiny := []render.Pt{{X: 0, Y: 0}, {X: 0.1, Y: 0}, {X: 0.1, Y: 0.1}, {X: 0, Y: 0.1}}
	if got := c.simplify(tiny, true); len(got) < 3 {
		t.Errorf("ring collapsed to %v", got)
	}
}
