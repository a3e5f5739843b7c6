package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// This file reads just enough of the OpenType (sfnt) container to turn one
// face of a .ttc/.otc collection into a stand-alone font file. Fyne's font
// loader (go-text's ParseTTF) rejects collections outright ("collections not
// allowed"), and the CJK fonts that Linux, Windows and macOS ship are mostly
// collections (NotoSansCJK-Regular.ttc, wqy-microhei.ttc, msyh.ttc, PingFang.ttc).

// Sfnt version tags of a single face, and the collection tag.
const (
	tagTrueType = 0x00010000
	tagOTTO     = 0x4F54544F // "OTTO": CFF outlines
	tagTrue     = 0x74727565 // "true": old Apple TrueType
	tagTTCF     = 0x74746366 // "ttcf"
	tagHead     = 0x68656164 // "head"
	tagName     = 0x6E616D65 // "name"

	maxFaces  = 2048 // go-text's own limit for a collection
	maxTables = 512  // real fonts have fewer than 40
)

// errFont is the sentinel of every malformed-font error here.
var errFont = errors.New("malformed font file")

// fontFaces returns the offsets of the table directories of the faces in
// data: one offset (0) for a plain .ttf/.otf, one per face for a collection.
func fontFaces(data []byte) ([]uint32, error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("%w: %d bytes", errFont, len(data))
	}
	switch binary.BigEndian.Uint32(data) {
	case tagTrueType, tagOTTO, tagTrue:
		return []uint32{0}, nil
	case tagTTCF:
		n := binary.BigEndian.Uint32(data[8:])
		if n == 0 || n > maxFaces || uint64(len(data)) < 12+4*uint64(n) {
			return nil, fmt.Errorf("%w: collection of %d faces", errFont, n)
		}
		offs := make([]uint32, n)
		for i := range offs {
			offs[i] = binary.BigEndian.Uint32(data[12+4*i:])
		}
		return offs, nil
	default:
		return nil, fmt.Errorf("%w: not an OpenType or TrueType font", errFont)
	}
}

// sfntTable is one entry of a table directory; Off is from the start of the file.
type sfntTable struct {
	Tag, Sum, Off, Len uint32
}

// faceTables reads the table directory at off and checks that every table
// lies inside data.
func faceTables(data []byte, off uint32) (version uint32, tables []sfntTable, err error) {
	if uint64(off)+12 > uint64(len(data)) {
		return 0, nil, fmt.Errorf("%w: face directory at %d beyond end", errFont, off)
	}
	d := data[off:]
	version = binary.BigEndian.Uint32(d)
	if version != tagTrueType && version != tagOTTO && version != tagTrue {
		return 0, nil, fmt.Errorf("%w: face at %d has version %#x", errFont, off, version)
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	if n == 0 || n > maxTables || 12+16*n > len(d) {
		return 0, nil, fmt.Errorf("%w: face at %d has %d tables", errFont, off, n)
	}
	tables = make([]sfntTable, n)
	for i := range tables {
		r := d[12+16*i:]
		t := sfntTable{
			Tag: binary.BigEndian.Uint32(r),
			Sum: binary.BigEndian.Uint32(r[4:]),
			Off: binary.BigEndian.Uint32(r[8:]),
			Len: binary.BigEndian.Uint32(r[12:]),
		}
		if uint64(t.Off)+uint64(t.Len) > uint64(len(data)) {
			return 0, nil, fmt.Errorf("%w: table %q beyond end", errFont, tagString(t.Tag))
		}
		tables[i] = t
	}
	return version, tables, nil
}

// unusedTable reports whether the window never needs a table, so that
// extractFace leaves it out:
//   - GSUB: Fyne 2.7 makes a new HarfBuzz font for every string it measures
//     or draws (painter.walkString), and building the GSUB lookup
//     accelerators of Noto Sans CJK (167 kB of lookups for vertical forms,
//     other regions' glyph variants, Hangul jamo, …) takes 0.28 ms each
//     time: 0.3 s of the start alone, and every layout after it. Horizontal
//     Simplified Chinese and Latin need none of its default features (the
//     SC face's cmap already maps to SC glyphs), so the text looks the same;
//     with it gone a HarfBuzz font costs 19 µs.
//   - vhea, vmtx, VORG: vertical metrics, for vertical text, which neither
//     Fyne nor the map draws.
//
// GPOS (Latin kerning) stays: its cost is a few microseconds.
func unusedTable(tag uint32) bool {
	switch tagString(tag) {
	case "GSUB", "vhea", "vmtx", "VORG":
		return true
	}
	return false
}

// extractFace writes face i of a font file as a stand-alone font, without
// the tables the window never uses (unusedTable). A plain font file that
// has none of those comes back unchanged (i must be 0).
func extractFace(data []byte, i int) ([]byte, error) {
	offs, err := fontFaces(data)
	if err != nil {
		return nil, err
	}
	if i < 0 || i >= len(offs) {
		return nil, fmt.Errorf("%w: face %d of %d", errFont, i, len(offs))
	}
	version, tables, err := faceTables(data, offs[i])
	if err != nil {
		return nil, err
	}
	kept := tables[:0:0]
	for _, t := range tables {
		if !unusedTable(t.Tag) {
			kept = append(kept, t)
		}
	}
	if binary.BigEndian.Uint32(data) != tagTTCF && len(kept) == len(tables) {
		return data, nil
	}
	tables = kept
	size := 12 + 16*len(tables)
	for _, t := range tables {
		size += int(pad4(t.Len))
	}
	out := make([]byte, size)
	// Header: version, numTables, then searchRange, entrySelector and
	// rangeShift computed afresh (binary-search hints of the directory).
	n := len(tables)
	sel := 0
	for 1<<(sel+1) <= n {
		sel++
	}
	binary.BigEndian.PutUint32(out, version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<sel))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<sel))
	pos := uint32(12 + 16*n)
	headAt := -1
	for k, t := range tables {
		r := out[12+16*k:]
		binary.BigEndian.PutUint32(r, t.Tag)
		binary.BigEndian.PutUint32(r[4:], t.Sum)
		binary.BigEndian.PutUint32(r[8:], pos)
		binary.BigEndian.PutUint32(r[12:], t.Len)
		copy(out[pos:], data[t.Off:t.Off+t.Len])
		if t.Tag == tagHead && t.Len >= 12 {
			headAt = int(pos)
		}
		pos += pad4(t.Len)
	}
	// The head table's checkSumAdjustment covers the whole file, which has
	// changed: recompute it as the OpenType specification says.
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0)
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

func pad4(n uint32) uint32 { return (n + 3) &^ 3 }

// checksum is the OpenType table checksum: the sum of big-endian uint32s,
// the last one zero-padded.
func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		s += binary.BigEndian.Uint32(last[:])
	}
	return s
}

// faceFamilies returns the family names (name IDs 1 and 16, every platform
// and language) of the face whose table directory is at off.
func faceFamilies(data []byte, off uint32) ([]string, error) {
	_, tables, err := faceTables(data, off)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if t.Tag == tagName {
			return nameFamilies(data[t.Off : t.Off+t.Len])
		}
	}
	return nil, fmt.Errorf("%w: no name table", errFont)
}

// nameFamilies reads the family names out of a 'name' table.
func nameFamilies(tab []byte) ([]string, error) {
	if len(tab) < 6 {
		return nil, fmt.Errorf("%w: short name table", errFont)
	}
	count := int(binary.BigEndian.Uint16(tab[2:]))
	strOff := int(binary.BigEndian.Uint16(tab[4:]))
	if 6+12*count > len(tab) {
		return nil, fmt.Errorf("%w: name table of %d records", errFont, count)
	}
	var out []string
	seen := map[string]bool{}
	for i := range count {
		r := tab[6+12*i:]
		platform, encoding := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:])
		id := binary.BigEndian.Uint16(r[6:])
		n, o := int(binary.BigEndian.Uint16(r[8:])), int(binary.BigEndian.Uint16(r[10:]))
		if id != 1 && id != 16 {
			continue
		}
		if strOff+o+n > len(tab) {
			continue // a broken record hides one name, not the font
		}
		raw := tab[strOff+o : strOff+o+n]
		var s string
		switch {
		case platform == 0 || (platform == 3 && (encoding == 0 || encoding == 1 || encoding == 10)):
			u := make([]uint16, len(raw)/2)
			for k := range u {
				u[k] = binary.BigEndian.Uint16(raw[2*k:])
			}
			s = string(utf16.Decode(u))
		case platform == 1 && encoding == 0:
			rs := make([]rune, len(raw))
			for k, c := range raw {
				rs[k] = rune(c) // Mac Roman agrees with Latin-1 on the ASCII family names that matter here
			}
			s = string(rs)
		default:
			continue
		}
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out, nil
}

func tagString(t uint32) string {
	return string([]byte{byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)})
}

const tagCmap = 0x636D6170 // "cmap"

// hasHan reports whether a stand-alone font maps the Han characters the
// window needs most (矿 mine, 亩 mu, 区 zone) to glyphs.
func hasHan(font []byte) bool {
	for _, r := range []rune{'矿', '亩', '区'} {
		if !covers(font, r) {
			return false
		}
	}
	return true
}

// covers reports whether the Unicode cmap (format 4 or 12) of a stand-alone
// font maps r.
func covers(font []byte, r rune) bool {
	_, tables, err := faceTables(font, 0)
	if err != nil {
		return false
	}
	var cmap []byte
	for _, t := range tables {
		if t.Tag == tagCmap {
			cmap = font[t.Off : t.Off+t.Len]
		}
	}
	if len(cmap) < 4 {
		return false
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		if 4+8*i+8 > len(cmap) {
			return false
		}
		rec := cmap[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		if !(platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))) {
			continue
		}
		off := binary.BigEndian.Uint32(rec[4:])
		if uint64(off)+4 > uint64(len(cmap)) {
			continue
		}
		if cmapCovers(cmap[off:], r) {
			return true
		}
	}
	return false
}

func cmapCovers(sub []byte, r rune) bool {
	switch binary.BigEndian.Uint16(sub) {
	case 4:
		if len(sub) < 14 || r > 0xFFFF {
			return false
		}
		segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
		if 16+8*segs > len(sub) {
			return false
		}
		ends, starts := sub[14:], sub[16+2*segs:]
		for k := range segs {
			end, start := rune(binary.BigEndian.Uint16(ends[2*k:])), rune(binary.BigEndian.Uint16(starts[2*k:]))
			if start <= r && r <= end {
				return r != 0xFFFF
			}
		}
	case 12:
		if len(sub) < 16 {
			return false
		}
		groups := binary.BigEndian.Uint32(sub[12:])
		if uint64(16)+12*uint64(groups) > uint64(len(sub)) {
			return false
		}
		for k := range int(groups) {
			g := sub[16+12*k:]
			if rune(binary.BigEndian.Uint32(g)) <= r && r <= rune(binary.BigEndian.Uint32(g[4:])) {
				return true
			}
		}
	}
	return false
}
