package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
)

// writeFont writes df as five objects from base: the Type0 font, its
// CIDFontType2 descendant, the font descriptor, the subset font file and
// the ToUnicode CMap.
func (d *Document) writeFont(o *objWriter, base int, df *docFont) {
	f := df.f
	file := f.subset(df.glyphs)
	name := subsetTag(df.glyphs.old) + "+" + f.name
	scale := 1000 / float64(f.unitsPerEm)
	u := func(v int16) string { return fmtNum(math.Round(float64(v)*scale), 0) }

	o.object(base, fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		name, base+1, base+4))

	var w bytes.Buffer
	w.WriteString("[0 [")
	for i, g := range df.glyphs.old {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(fmtNum(math.Round(float64(f.advance(int(g)))*scale), 0))
	}
	w.WriteString("]]")
	o.object(base+1, fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W %s /CIDToGIDMap /Identity >>",
		name, base+2, w.String()))

	flags := 4 // symbolic
	if f.fixedPitch {
		flags |= 1
	}
	stemV := 80
	if f.bold {
		stemV = 140
	}
	o.object(base+2, fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV %d /FontFile2 %d 0 R >>",
		name, flags, u(f.bbox[0]), u(f.bbox[1]), u(f.bbox[2]), u(f.bbox[3]), num4(f.italicAngle), u(f.ascent), u(f.descent), u(f.capHeight), stemV, base+3))
	o.stream(base+3, fmt.Sprintf("/Length1 %d ", len(file)), file, true)
	o.stream(base+4, "", toUnicode(df.glyphs), true)
}

// subsetTag is six capital letters derived from the glyph list, so a
// subset's name is stable for the same glyphs and differs between subsets.
func subsetTag(glyphs []uint16) string {
	h := fnv.New64a()
	for _, g := range glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}

// toUnicode is the CMap mapping subset glyphs (2-byte codes) back to the
// characters they were drawn for, so text can be searched and copied.
func toUnicode(s *glyphSet) []byte {
	gids := make([]uint16, 0, len(s.runes))
	for g := range s.runes {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(gids) > 0 {
		n := min(len(gids), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, g := range gids[:n] {
			fmt.Fprintf(&b, "<%04X> <%s>\n", g, utf16Hex(s.runes[g]))
		}
		b.WriteString("endbfchar\n")
		gids = gids[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

func utf16Hex(r rune) string {
	if r >= 0x10000 {
		r -= 0x10000
		return fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3ff))
	}
	return fmt.Sprintf("%04X", r)
}
