package pdf

import (
	"bytes"
	"image/color"
	"math"
	"strconv"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// FillRule chooses how a path's inside is found.
type FillRule uint8

// Fill rules.
const (
	NonZero FillRule = iota
	EvenOdd
)

// LineJoin is the shape of stroke corners (PDF's 0, 1, 2).
type LineJoin uint8

// Line joins.
const (
	JoinMiter LineJoin = iota
	JoinRound
	JoinBevel
)

// LineCap is the shape of stroke ends (PDF's 0, 1, 2).
type LineCap uint8

// Line caps.
const (
	CapButt LineCap = iota
	CapRound
	CapSquare
)

// TextRender says whether text is filled, stroked (its outline, as a halo)
// or both.
type TextRender uint8

// Text render modes.
const (
	TextFill TextRender = iota
	TextStroke
	TextFillStroke
)

// gsKey is an opacity pair, fill and stroke, rounded to 1/255.
type gsKey struct{ fill, stroke float64 }

// gstate is what a page tracks of the graphics state to skip redundant
// operators.
type gstate struct {
	fill, stroke     color.RGBA // zero alpha: not yet set
	fillA, strokeA   float64
	lineWidth        float64
	join             LineJoin
	cap              LineCap
	dash             string
	fillSet, strkSet bool
}

// Page is one page being drawn. Drawing methods append PDF operators to
// its content stream in PDF user space (points, y up from the lower left)
// as modified by Transform.
type Page struct {
	doc      *Document
	w, h     float64
	buf      bytes.Buffer
	st       gstate
	stack    []gstate
	fonts    map[*docFont]bool
	gs       map[gsKey]string
	gsOrder  []gsKey
	images   []pageImage
	sbuf     sfnt.Buffer
	num      []byte
	prec     int
	canvases []*Canvas // canvases drawing on the page, flushed before writing
	chunks   []*zchunk // content chunks being compressed
	zdata    [][]byte  // the compressed content streams, once written
}

// Size returns the page size in points.
func (p *Page) Size() (w, h float64) { return p.w, p.h }

// defaultPrec is the default number of decimals of coordinates.
const defaultPrec = 3

// SetPrecision sets how many decimals (0–6) coordinates, widths and dash
// lengths are written with; the default is 3. Two decimals of a 300 dpi
// dot are far below what prints.
func (p *Page) SetPrecision(decimals int) { p.prec = max(0, min(6, decimals)) }

func (p *Page) nums(vs ...float64) {
	for _, v := range vs {
		p.buf.Write(appendNum(p.num[:0], v, p.prec))
		p.buf.WriteByte(' ')
	}
}

// raw appends operators already formatted.
func (p *Page) raw(b []byte) {
	p.buf.Write(b)
	if p.buf.Len() >= chunkSize {
		p.flushChunk()
	}
}

func (p *Page) op(s string) {
	p.buf.WriteString(s)
	p.buf.WriteByte('\n')
	if p.buf.Len() >= chunkSize {
		p.flushChunk()
	}
}

// Save pushes the graphics state (q).
func (p *Page) Save() {
	p.stack = append(p.stack, p.st)
	p.op("q")
}

// Restore pops the graphics state (Q); extra calls are ignored.
func (p *Page) Restore() {
	if len(p.stack) == 0 {
		return
	}
	p.st = p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	p.op("Q")
}

// Transform concatenates the matrix [a b c d e f] to the current
// transformation (cm).
func (p *Page) Transform(a, b, c, d, e, f float64) {
	for _, v := range []float64{a, b, c, d, e, f} {
		p.num = appendNum(p.num[:0], v, 6)
		p.buf.Write(p.num)
		p.buf.WriteByte(' ')
	}
	p.op("cm")
}

// opacity makes sure the ExtGState for the current alphas is in force.
func (p *Page) opacity(fillA, strokeA float64) {
	fillA = math.Round(fillA*255) / 255
	strokeA = math.Round(strokeA*255) / 255
	if fillA == p.st.fillA && strokeA == p.st.strokeA {
		return
	}
	k := gsKey{fillA, strokeA}
	name, ok := p.gs[k]
	if !ok {
		name = "GS" + strconv.Itoa(len(p.gsOrder))
		p.gs[k] = name
		p.gsOrder = append(p.gsOrder, k)
	}
	p.op("/" + name + " gs")
	p.st.fillA, p.st.strokeA = fillA, strokeA
}

func rgbOf(c color.NRGBA) color.RGBA { return color.RGBA{R: c.R, G: c.G, B: c.B, A: 255} }

// color writes c's components with three decimals (whatever the
// coordinate precision).
func (p *Page) color(c color.NRGBA) {
	for _, v := range []uint8{c.R, c.G, c.B} {
		p.buf.Write(appendNum(p.num[:0], float64(v)/255, 3))
		p.buf.WriteByte(' ')
	}
}

// SetFillColor sets the fill colour; its alpha becomes the fill opacity.
func (p *Page) SetFillColor(c color.NRGBA) {
	p.opacity(float64(c.A)/255, p.st.strokeA)
	if rgb := rgbOf(c); !p.st.fillSet || rgb != p.st.fill {
		p.color(c)
		p.op("rg")
		p.st.fill, p.st.fillSet = rgb, true
	}
}

// SetStrokeColor sets the stroke colour; its alpha becomes the stroke
// opacity.
func (p *Page) SetStrokeColor(c color.NRGBA) {
	p.opacity(p.st.fillA, float64(c.A)/255)
	if rgb := rgbOf(c); !p.st.strkSet || rgb != p.st.stroke {
		p.color(c)
		p.op("RG")
		p.st.stroke, p.st.strkSet = rgb, true
	}
}

// SetLineWidth sets the stroke width in user space units.
func (p *Page) SetLineWidth(w float64) {
	if !(w >= 0) || math.IsInf(w, 1) {
		w = 0
	}
	if w != p.st.lineWidth {
		p.nums(w)
		p.op("w")
		p.st.lineWidth = w
	}
}

// SetLineJoin sets the corner shape of strokes.
func (p *Page) SetLineJoin(j LineJoin) {
	if j != p.st.join && j <= JoinBevel {
		p.op(strconv.Itoa(int(j)) + " j")
		p.st.join = j
	}
}

// SetLineCap sets the end shape of strokes.
func (p *Page) SetLineCap(c LineCap) {
	if c != p.st.cap && c <= CapSquare {
		p.op(strconv.Itoa(int(c)) + " J")
		p.st.cap = c
	}
}

// SetDash sets the dash pattern (alternate on/off lengths, starting on)
// and its phase; nil, or a pattern with a non-positive total, is solid.
func (p *Page) SetDash(dash []float64, phase float64) {
	total := 0.0
	ok := true
	for _, d := range dash {
		if !(d >= 0) || math.IsInf(d, 1) {
			ok = false
		}
		total += d
	}
	var b []byte
	b = append(b, '[')
	if ok && total > 0 {
		for i, d := range dash {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendNum(b, d, p.prec)
		}
	} else {
		phase = 0
	}
	b = append(b, "] "...)
	b = appendNum(b, phase, p.prec)
	if s := string(b); s != p.st.dash {
		if !(p.st.dash == "" && s == "[] 0") {
			p.op(s + " d")
		}
		p.st.dash = s
	}
}

// MoveTo starts a subpath at (x, y).
func (p *Page) MoveTo(x, y float64) { p.nums(x, y); p.op("m") }

// LineTo adds a straight segment to (x, y).
func (p *Page) LineTo(x, y float64) { p.nums(x, y); p.op("l") }

// CurveTo adds a cubic Bézier segment.
func (p *Page) CurveTo(x1, y1, x2, y2, x3, y3 float64) {
	p.nums(x1, y1, x2, y2, x3, y3)
	p.op("c")
}

// ClosePath closes the current subpath.
func (p *Page) ClosePath() { p.op("h") }

// Rect adds a closed rectangle subpath.
func (p *Page) Rect(x, y, w, h float64) { p.nums(x, y, w, h); p.op("re") }

// Fill fills the current path with the fill colour.
func (p *Page) Fill(rule FillRule) {
	if rule == EvenOdd {
		p.op("f*")
	} else {
		p.op("f")
	}
}

// Stroke strokes the current path.
func (p *Page) Stroke() { p.op("S") }

// FillStroke fills then strokes the current path.
func (p *Page) FillStroke(rule FillRule) {
	if rule == EvenOdd {
		p.op("B*")
	} else {
		p.op("B")
	}
}

// Clip intersects the clipping region with the current path and ends the
// path without painting it. Use Save/Restore around it.
func (p *Page) Clip(rule FillRule) {
	if rule == EvenOdd {
		p.op("W* n")
	} else {
		p.op("W n")
	}
}

// TextOptions say how Text draws.
type TextOptions struct {
	Render TextRender
	// FlipY draws upright text in a user space whose y axis points down
	// (as after Transform(s, 0, 0, -s, …)).
	FlipY bool
}

// Text draws one line of text in font f at size (user space units per em)
// with its baseline starting at (x, y), in the fill colour (and for
// TextStroke the stroke colour and width). Glyphs are laid out as gis/render
// lays them out: advance widths plus the font's kerning, control
// characters skipped. Characters the font lacks show its .notdef glyph.
func (p *Page) Text(f *Font, size, x, y float64, text string, o TextOptions) {
	if f == nil || !(size > 0) || math.IsInf(size, 1) || text == "" {
		return
	}
	df := p.doc.font(f)
	p.fonts[df] = true
	p.buf.WriteString("BT /" + df.name + " ")
	p.nums(size)
	p.op("Tf")
	if o.Render != TextFill {
		p.op(strconv.Itoa(int(o.Render)) + " Tr")
	}
	d := 1.0
	if o.FlipY {
		d = -1
	}
	p.nums(1, 0, 0, d, x, y)
	p.op("Tm")
	p.buf.WriteString("[<")
	ppem := fixed.Int26_6(1000 * 64)
	prev := sfnt.GlyphIndex(0)
	for _, r := range text {
		if r < 0x20 || r == 0x7f {
			continue
		}
		g := f.glyphIndex(&p.sbuf, r)
		if prev != 0 && g != 0 {
			if k, err := f.face.Kern(&p.sbuf, prev, g, ppem, font.HintingNone); err == nil && k != 0 {
				// TJ numbers move left by thousandths of an em.
				p.buf.WriteString("> ")
				p.buf.WriteString(fmtNum(-float64(k)/64, 1))
				p.buf.WriteString(" <")
			}
		}
		n := df.glyphs.add(uint16(g))
		if _, ok := df.glyphs.runes[n]; !ok && g != 0 {
			df.glyphs.runes[n] = r
		}
		const hex = "0123456789ABCDEF"
		p.buf.Write([]byte{hex[n>>12], hex[n>>8&15], hex[n>>4&15], hex[n&15]})
		prev = g
	}
	p.buf.WriteString(">] TJ")
	if o.Render != TextFill {
		p.buf.WriteString(" 0 Tr")
	}
	p.op(" ET")
}

// TextWidth is the advance width of text in f at size, as Text lays it out.
func TextWidth(f *Font, size float64, text string) float64 {
	if f == nil {
		return 0
	}
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(1000 * 64)
	var w fixed.Int26_6
	prev := sfnt.GlyphIndex(0)
	for _, r := range text {
		if r < 0x20 || r == 0x7f {
			continue
		}
		g := f.glyphIndex(&buf, r)
		if prev != 0 && g != 0 {
			if k, err := f.face.Kern(&buf, prev, g, ppem, font.HintingNone); err == nil {
				w += k
			}
		}
		w += fixed.Int26_6(math.Round(float64(f.widthsCache[g]) * 1000 * 64 / float64(f.unitsPerEm)))
		prev = g
	}
	return float64(w) / 64 / 1000 * size
}
