package render

import (
	"fmt"
	"math"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// ParseFont parses TrueType or OpenType font data; for a collection (TTC,
// OTC) it returns the first font. Fonts whose tables are not 4-byte aligned
// (golang.org/x/image rejects them; wqy-microhei.ttc is one) are repacked
// in memory first. Errors are *Error with CodeBadFont.
func ParseFont(data []byte) (f *opentype.Font, err error) {
	if len(data) < 12 {
		return nil, newError(CodeBadFont, "%d bytes is too short for a font", len(data))
	}
	// golang.org/x/image/font/sfnt is not hardened against every malformed
	// input; a panic in it is a bad font, not a crash.
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, newError(CodeBadFont, "font parser failed: %v", p)
		}
	}()
	f, err = parseFirst(data)
	if err == nil {
		return f, nil
	}
	if fixed, rerr := realignSFNT(data); rerr == nil {
		if f, ferr := opentype.Parse(fixed); ferr == nil {
			return f, nil
		}
	}
	return nil, &Error{Code: CodeBadFont, Err: err}
}

func parseFirst(data []byte) (*opentype.Font, error) {
	c, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, err
	}
	return c.Font(0)
}

// LoadFont reads and parses the font file at path (see ParseFont).
func LoadFont(path string) (*opentype.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("render: read font: %w", err)
	}
	return ParseFont(data)
}

// maxTextSize bounds the em size of drawn text, in pixels.
const maxTextSize = 1000

// textOK reports whether s can draw anything.
func (s *LabelStyle) textOK() bool {
	return s != nil && s.Font != nil && s.Size > 0 && s.Size <= maxTextSize && s.Color.A|s.Halo.A != 0
}

type glyphKey struct {
	f    *sfnt.Font
	ppem fixed.Int26_6
	r    rune
}

type glyphInfo struct {
	index sfnt.GlyphIndex
	adv   fixed.Int26_6
}

type metricsKey struct {
	f    *sfnt.Font
	ppem fixed.Int26_6
}

type kernKey struct {
	f    *sfnt.Font
	ppem fixed.Int26_6
	a, b sfnt.GlyphIndex
}

type widthKey struct {
	f    *sfnt.Font
	ppem fixed.Int26_6
	text string
}

// typesetter lays out single lines of text left to right, with kerning and
// no complex shaping, caching glyph advances and kerning (a pair's lookup
// in a CJK font's tables costs a few microseconds, and a map's labels
// repeat pairs: 煤矿 ends most mine names). Drawers keep theirs from one
// Draw to the next (see release). It is not safe for concurrent use.
type typesetter struct {
	buf     sfnt.Buffer
	glyphs  map[glyphKey]glyphInfo
	metrics map[metricsKey]font.Metrics
	kerns   map[kernKey]fixed.Int26_6
	// widths are the advance widths of texts measured: a map places the
	// same few thousand labels frame after frame.
	widths map[widthKey]float64
}

// maxTypesetterEntries bounds what a typesetter caches: past it, a pooled
// drawer starts afresh.
const maxTypesetterEntries = 1 << 16

// size is how many entries t caches.
func (t *typesetter) size() int {
	return len(t.glyphs) + len(t.kerns) + len(t.metrics) + len(t.widths)
}

// kern is f.Kern, cached; 0 where the font says nothing.
func (t *typesetter) kern(f *sfnt.Font, ppem fixed.Int26_6, a, b sfnt.GlyphIndex) fixed.Int26_6 {
	k := kernKey{f, ppem, a, b}
	if v, ok := t.kerns[k]; ok {
		return v
	}
	if t.kerns == nil {
		t.kerns = make(map[kernKey]fixed.Int26_6)
	}
	v, err := f.Kern(&t.buf, a, b, ppem, font.HintingNone)
	if err != nil {
		v = 0
	}
	t.kerns[k] = v
	return v
}

func ppemOf(size float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(size * 64)) }

func (t *typesetter) glyph(f *sfnt.Font, ppem fixed.Int26_6, r rune) glyphInfo {
	k := glyphKey{f, ppem, r}
	if g, ok := t.glyphs[k]; ok {
		return g
	}
	if t.glyphs == nil {
		t.glyphs = make(map[glyphKey]glyphInfo)
	}
	var g glyphInfo
	g.index, _ = f.GlyphIndex(&t.buf, r) // 0 (.notdef) when missing
	g.adv, _ = f.GlyphAdvance(&t.buf, g.index, ppem, font.HintingNone)
	t.glyphs[k] = g
	return g
}

// lineMetrics returns the ascent and descent (both positive, pixels).
func (t *typesetter) lineMetrics(f *sfnt.Font, ppem fixed.Int26_6) (ascent, descent float64) {
	k := metricsKey{f, ppem}
	m, ok := t.metrics[k]
	if !ok {
		m, _ = f.Metrics(&t.buf, ppem, font.HintingNone)
		if t.metrics == nil {
			t.metrics = make(map[metricsKey]font.Metrics)
		}
		t.metrics[k] = m
	}
	return fix(m.Ascent), fix(m.Descent)
}

func fix(v fixed.Int26_6) float64 { return float64(v) / 64 }

// layout calls fn for each drawable rune of text with its glyph and pen x
// offset, and returns the advance width of the line.
func (t *typesetter) layout(s *LabelStyle, text string, fn func(g glyphInfo, x float64)) float64 {
	f := s.Font
	ppem := ppemOf(s.Size)
	var pen fixed.Int26_6
	prev := sfnt.GlyphIndex(0)
	for _, r := range text {
		if r < 0x20 || r == 0x7f {
			continue
		}
		g := t.glyph(f, ppem, r)
		if prev != 0 && g.index != 0 {
			pen += t.kern(f, ppem, prev, g.index)
		}
		if fn != nil {
			fn(g, fix(pen))
		}
		pen += g.adv
		prev = g.index
	}
	return fix(pen)
}

// measure returns the advance width, ascent and descent of text in s.
func (t *typesetter) measure(s *LabelStyle, text string) (w, ascent, descent float64) {
	ppem := ppemOf(s.Size)
	ascent, descent = t.lineMetrics(s.Font, ppem)
	k := widthKey{s.Font, ppem, text}
	w, ok := t.widths[k]
	if !ok {
		if t.widths == nil {
			t.widths = make(map[widthKey]float64)
		}
		w = t.layout(s, text, nil)
		t.widths[k] = w
	}
	return w, ascent, descent
}

// outline appends the glyph outlines of text, baseline starting at (x, y),
// to dst as closed subpaths (TrueType/CFF contours, non-zero rule).
func (t *typesetter) outline(dst *Path, s *LabelStyle, x, y float64, text string) {
	f := s.Font
	ppem := ppemOf(s.Size)
	t.layout(s, text, func(g glyphInfo, gx float64) {
		segs, err := f.LoadGlyph(&t.buf, g.index, ppem, nil)
		if err != nil {
			return
		}
		ox := x + gx
		var cur Pt
		started := false
		for _, sg := range segs {
			a := sg.Args
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				if started {
					dst.Close()
				}
				cur = Pt{ox + fix(a[0].X), y + fix(a[0].Y)}
				dst.MoveTo(cur.X, cur.Y)
				started = true
			case sfnt.SegmentOpLineTo:
				cur = Pt{ox + fix(a[0].X), y + fix(a[0].Y)}
				dst.LineTo(cur.X, cur.Y)
			case sfnt.SegmentOpQuadTo:
				p1 := Pt{ox + fix(a[0].X), y + fix(a[0].Y)}
				p2 := Pt{ox + fix(a[1].X), y + fix(a[1].Y)}
				flattenQuad(dst, cur, p1, p2)
				cur = p2
			case sfnt.SegmentOpCubeTo:
				p1 := Pt{ox + fix(a[0].X), y + fix(a[0].Y)}
				p2 := Pt{ox + fix(a[1].X), y + fix(a[1].Y)}
				p3 := Pt{ox + fix(a[2].X), y + fix(a[2].Y)}
				flattenCubic(dst, cur, p1, p2, p3)
				cur = p3
			}
		}
		if started {
			dst.Close()
		}
	})
}

// curveTol is the flattening tolerance for glyph curves, pixels.
const curveTol = 0.1

func curveSteps(dev float64) int {
	n := int(math.Ceil(math.Sqrt(dev / curveTol)))
	return max(1, min(n, 32))
}

func flattenQuad(dst *Path, p0, p1, p2 Pt) {
	dev := math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y) / 4
	n := curveSteps(dev)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		mt := 1 - t
		dst.LineTo(mt*mt*p0.X+2*mt*t*p1.X+t*t*p2.X, mt*mt*p0.Y+2*mt*t*p1.Y+t*t*p2.Y)
	}
}

func flattenCubic(dst *Path, p0, p1, p2, p3 Pt) {
	d1 := math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y)
	d2 := math.Hypot(p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y)
	n := curveSteps(max(d1, d2) * 3 / 4)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		mt := 1 - t
		a, b, c, d := mt*mt*mt, 3*mt*mt*t, 3*mt*t*t, t*t*t
		dst.LineTo(a*p0.X+b*p1.X+c*p2.X+d*p3.X, a*p0.Y+b*p1.Y+c*p2.Y+d*p3.Y)
	}
}
