package pdf

import (
	"encoding/binary"
	"unicode/utf16"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"

	"minerehab/gis/render"
)

// Font is a TrueType font (glyf outlines) ready to be embedded: the parsed
// tables it needs to subset, and the golang.org/x/image face that lays
// text out (the same face gis/render measures and draws with). A Font is
// only read after ParseFont, so one Font may serve many documents and
// goroutines; each Document keeps its own record of the glyphs it used.
type Font struct {
	face *opentype.Font
	name string // PostScript name, without a subset tag

	unitsPerEm       uint16
	bbox             [4]int16
	ascent, descent  int16
	capHeight        int16
	italicAngle      float64
	numGlyphs        int
	numHMetrics      int
	longLoca         bool
	tables           map[string][]byte // raw tables: head hhea maxp hmtx loca glyf cvt fpgm prep
	widthsCache      []uint16          // advance widths in font units, by glyph
	fixedPitch, bold bool
}

// Face returns the parsed face for laying text out (gis/render's
// LabelStyle.Font). Text drawn through a Canvas with this face is written
// as real text in this Font.
func (f *Font) Face() *opentype.Font { return f.face }

// Name returns the font's PostScript name.
func (f *Font) Name() string { return f.name }

// ParseFont reads a TrueType font (.ttf) or the first face of a collection
// (.ttc). Fonts with CFF outlines (most .otf files, Noto Sans CJK) are
// refused with CodeCFFFont: their subsetting is not implemented.
func ParseFont(data []byte) (f *Font, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, newError(CodeBadFont, "malformed font: %v", p)
		}
	}()
	off := uint32(0)
	if len(data) < 12 {
		return nil, newError(CodeBadFont, "%d bytes is too short for a font", len(data))
	}
	if string(data[:4]) == "ttcf" {
		if len(data) < 16 || binary.BigEndian.Uint32(data[8:]) == 0 {
			return nil, newError(CodeBadFont, "empty font collection")
		}
		off = binary.BigEndian.Uint32(data[12:])
	}
	tabs, err := readTables(data, off)
	if err != nil {
		return nil, err
	}
	if _, ok := tabs["CFF "]; ok {
		return nil, newError(CodeCFFFont, "font has CFF outlines; use a TrueType font such as WenQuanYi Micro Hei (fonts-wqy-microhei)")
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if _, ok := tabs[t]; !ok {
			return nil, newError(CodeBadFont, "font has no %q table", t)
		}
	}
	f = &Font{tables: map[string][]byte{}}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cvt ", "fpgm", "prep"} {
		if b, ok := tabs[t]; ok {
			f.tables[t] = b
		}
	}
	head, hhea, maxp := tabs["head"], tabs["hhea"], tabs["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, newError(CodeBadFont, "short head, hhea or maxp table")
	}
	f.unitsPerEm = be16(head[18:])
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return nil, newError(CodeBadFont, "units per em %d out of range", f.unitsPerEm)
	}
	for i := range f.bbox {
		f.bbox[i] = int16(be16(head[36+2*i:]))
	}
	f.longLoca = be16(head[50:]) == 1
	f.ascent, f.descent = int16(be16(hhea[4:])), int16(be16(hhea[6:]))
	f.numHMetrics = int(be16(hhea[34:]))
	f.numGlyphs = int(be16(maxp[4:]))
	if f.numGlyphs == 0 || f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs {
		return nil, newError(CodeBadFont, "bad glyph counts %d/%d", f.numHMetrics, f.numGlyphs)
	}
	if len(tabs["hmtx"]) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) {
		return nil, newError(CodeBadFont, "short hmtx table")
	}
	locaLen := 2 * (f.numGlyphs + 1)
	if f.longLoca {
		locaLen *= 2
	}
	if len(tabs["loca"]) < locaLen {
		return nil, newError(CodeBadFont, "short loca table")
	}
	f.capHeight = f.ascent
	if os2 := tabs["OS/2"]; len(os2) >= 90 && be16(os2) >= 2 {
		f.capHeight = int16(be16(os2[88:]))
	}
	if post := tabs["post"]; len(post) >= 16 {
		f.italicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		f.fixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	f.bold = be16(head[44:])&1 != 0
	f.name = postScriptName(tabs["name"])
	f.widthsCache = make([]uint16, f.numGlyphs)
	for g := range f.widthsCache {
		f.widthsCache[g] = f.advance(g)
	}
	face, err := render.ParseFont(data)
	if err != nil {
		return nil, &Error{Code: CodeBadFont, Err: err}
	}
	if face.NumGlyphs() != f.numGlyphs {
		return nil, newError(CodeBadFont, "face has %d glyphs, tables %d", face.NumGlyphs(), f.numGlyphs)
	}
	f.face = face
	return f, nil
}

// readTables returns the tables of the face whose table directory is at
// off, by tag; the slices alias data.
func readTables(data []byte, off uint32) (map[string][]byte, error) {
	if uint64(off)+12 > uint64(len(data)) {
		return nil, newError(CodeBadFont, "table directory beyond the end")
	}
	switch v := binary.BigEndian.Uint32(data[off:]); v {
	case 0x00010000, 0x74727565, 0x4f54544f: // 1.0, 'true', 'OTTO'
	default:
		return nil, newError(CodeBadFont, "not a TrueType/OpenType font (version %#x)", v)
	}
	n := int(be16(data[off+4:]))
	if uint64(off)+12+16*uint64(n) > uint64(len(data)) {
		return nil, newError(CodeBadFont, "table directory beyond the end")
	}
	tabs := make(map[string][]byte, n)
	for i := range n {
		rec := data[int(off)+12+16*i:]
		tag := string(rec[:4])
		o, l := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if o+l > uint64(len(data)) {
			return nil, newError(CodeBadFont, "table %q beyond the end", tag)
		}
		tabs[tag] = data[o : o+l : o+l]
	}
	return tabs, nil
}

// postScriptName reads name ID 6 (Windows Unicode, else Mac Roman), keeps
// the characters a PDF name may carry, or returns "Font".
func postScriptName(tab []byte) string {
	if len(tab) < 6 {
		return "Font"
	}
	count, strOff := int(be16(tab[2:])), int(be16(tab[4:]))
	for _, wantPlatform := range []uint16{3, 1} {
		for i := range count {
			r := 6 + 12*i
			if r+12 > len(tab) {
				break
			}
			platform, nameID := be16(tab[r:]), be16(tab[r+6:])
			if platform != wantPlatform || nameID != 6 {
				continue
			}
			l, o := int(be16(tab[r+8:])), strOff+int(be16(tab[r+10:]))
			if o+l > len(tab) {
				continue
			}
			raw := tab[o : o+l]
			var s string
			if platform == 3 {
				u := make([]uint16, len(raw)/2)
				for j := range u {
					u[j] = be16(raw[2*j:])
				}
				s = string(utf16.Decode(u))
			} else {
				s = string(raw)
			}
			if n := cleanName(s); n != "" {
				return n
			}
		}
	}
	return "Font"
}

// cleanName keeps the printable ASCII characters a PDF name can hold
// without escapes.
func cleanName(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0x20 && r < 0x7f && !isDelimiter(byte(r)) && r != '#' {
			b = append(b, byte(r))
		}
	}
	if len(b) > 100 {
		b = b[:100]
	}
	return string(b)
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// advance is glyph g's advance width in font units.
func (f *Font) advance(g int) uint16 {
	hmtx := f.tables["hmtx"]
	if g < f.numHMetrics {
		return be16(hmtx[4*g:])
	}
	return be16(hmtx[4*(f.numHMetrics-1):])
}

// lsb is glyph g's left side bearing in font units.
func (f *Font) lsb(g int) uint16 {
	hmtx := f.tables["hmtx"]
	if g < f.numHMetrics {
		return be16(hmtx[4*g+2:])
	}
	return be16(hmtx[4*f.numHMetrics+2*(g-f.numHMetrics):])
}

// glyphData returns the glyf bytes of glyph g (nil for an empty glyph).
func (f *Font) glyphData(g int) []byte {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	var a, b uint32
	if f.longLoca {
		a, b = binary.BigEndian.Uint32(loca[4*g:]), binary.BigEndian.Uint32(loca[4*g+4:])
	} else {
		a, b = 2*uint32(be16(loca[2*g:])), 2*uint32(be16(loca[2*g+2:]))
	}
	if a >= b || uint64(b) > uint64(len(glyf)) {
		return nil
	}
	return glyf[a:b]
}

// glyphIndex maps r to a glyph of f (0 when f has none).
func (f *Font) glyphIndex(buf *sfnt.Buffer, r rune) sfnt.GlyphIndex {
	g, err := f.face.GlyphIndex(buf, r)
	if err != nil {
		return 0
	}
	return g
}

func be16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
