package pdf

import (
	"encoding/binary"
	"slices"
)

// Composite glyph flags (TrueType glyf).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// glyphSet is the glyphs of one font a document uses, renumbered densely:
// old[i] is the font's glyph that the subset calls i. Glyph 0 (.notdef)
// is always kept as 0.
type glyphSet struct {
	old   []uint16
	index map[uint16]uint16 // font glyph -> subset glyph
	runes map[uint16]rune   // subset glyph -> first rune drawn with it
}

func newGlyphSet() *glyphSet {
	return &glyphSet{old: []uint16{0}, index: map[uint16]uint16{0: 0}, runes: map[uint16]rune{}}
}

// add returns the subset glyph of font glyph g, adding it if new.
func (s *glyphSet) add(g uint16) uint16 {
	if n, ok := s.index[g]; ok {
		return n
	}
	n := uint16(len(s.old))
	s.old = append(s.old, g)
	s.index[g] = n
	return n
}

// components returns the glyphs a composite glyph refers to; nil for a
// simple or empty glyph or a malformed composite.
func components(data []byte) []uint16 {
	if len(data) < compositeHeader || int16(be16(data)) >= 0 {
		return nil
	}
	var out []uint16
	p := compositeHeader
	for {
		if p+4 > len(data) {
			return out
		}
		flags := be16(data[p:])
		out = append(out, be16(data[p+2:]))
		p += 4 + componentArgsLen(flags)
		if flags&moreComponents == 0 {
			return out
		}
	}
}

func componentArgsLen(flags uint16) int {
	n := 2
	if flags&argsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// remapComponents returns a copy of composite glyph data with its
// component glyph numbers replaced through m.
func remapComponents(data []byte, m map[uint16]uint16) []byte {
	out := slices.Clone(data)
	p := compositeHeader
	for p+4 <= len(out) {
		flags := be16(out[p:])
		binary.BigEndian.PutUint16(out[p+2:], m[be16(out[p+2:])])
		p += 4 + componentArgsLen(flags)
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// closeComposites adds the components of every composite glyph in s
// (recursively, to a bounded depth) so the subset draws them.
func (s *glyphSet) closeComposites(f *Font) {
	for i := 0; i < len(s.old); i++ {
		for _, c := range components(f.glyphData(int(s.old[i]))) {
			if int(c) < f.numGlyphs {
				s.add(c)
			}
		}
	}
}

// subset returns a TrueType font holding the glyphs of s, renumbered, with
// the tables a PDF CIDFontType2 needs: head, hhea, maxp, hmtx, loca (long),
// glyf and the hinting tables cvt, fpgm, prep when present.
func (f *Font) subset(s *glyphSet) []byte {
	s.closeComposites(f)
	n := len(s.old)
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range s.old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		d := f.glyphData(int(g))
		if len(d) >= compositeHeader && int16(be16(d)) < 0 {
			d = remapComponents(d, s.index)
		}
		glyf = append(glyf, d...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], f.advance(int(g)))
		binary.BigEndian.PutUint16(hmtx[4*i+2:], f.lsb(int(g)))
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))

	tabs := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		if b, ok := f.tables[t]; ok {
			tabs[t] = b
		}
	}
	out, headOff := writeSFNT(tabs)
	binary.BigEndian.PutUint32(out[headOff+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// writeSFNT lays tables out in tag order after a table directory and
// returns the file and the offset of the head table.
func writeSFNT(tabs map[string][]byte) ([]byte, int) {
	tags := make([]string, 0, len(tabs))
	for t := range tabs {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-(16<<es)))
	headOff := 0
	for i, t := range tags {
		b := tabs[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		if t == "head" {
			headOff = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, headOff
}

// checksum is the sfnt table checksum: the sum of big-endian uint32s, the
// last one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
