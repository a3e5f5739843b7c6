package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"testing"
	"unicode/utf16"
)

// System CJK fonts the tests use when present (Debian: fonts-wqy-microhei,
// fonts-noto-cjk); tests that need them skip otherwise.
const (
	wqyPath  = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	notoPath = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	latinTTF = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

func readOrSkip(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s not installed: %v", path, err)
	}
	return b
}

// fakeFace is one face of a small but well-formed test font: a name table
// with one family, a format-12 cmap mapping runes, a head table.
type fakeFace struct {
	family string
	runes  []rune // mapped by the cmap
}

func nameTable(family string) []byte {
	u := utf16.Encode([]rune(family))
	str := make([]byte, 2*len(u))
	for i, c := range u {
		binary.BigEndian.PutUint16(str[2*i:], c)
	}
	b := make([]byte, 6+12)
	binary.BigEndian.PutUint16(b[2:], 1)    // count
	binary.BigEndian.PutUint16(b[4:], 6+12) // string offset
	r := b[6:]
	binary.BigEndian.PutUint16(r, 3)     // Windows
	binary.BigEndian.PutUint16(r[2:], 1) // Unicode BMP
	binary.BigEndian.PutUint16(r[4:], 0x409)
	binary.BigEndian.PutUint16(r[6:], 1) // family
	binary.BigEndian.PutUint16(r[8:], uint16(len(str)))
	return append(b, str...)
}

func cmapTable(runes []rune) []byte {
	b := make([]byte, 4+8)
	binary.BigEndian.PutUint16(b[2:], 1)
	binary.BigEndian.PutUint16(b[4:], 3)
	binary.BigEndian.PutUint16(b[6:], 10)
	binary.BigEndian.PutUint32(b[8:], 12)
	sub := make([]byte, 16+12*len(runes))
	binary.BigEndian.PutUint16(sub, 12)
	binary.BigEndian.PutUint32(sub[4:], uint32(len(sub)))
	binary.BigEndian.PutUint32(sub[12:], uint32(len(runes)))
	for i, r := range runes {
		g := sub[16+12*i:]
		binary.BigEndian.PutUint32(g, uint32(r))
		binary.BigEndian.PutUint32(g[4:], uint32(r))
		binary.BigEndian.PutUint32(g[8:], uint32(i+1))
	}
	return append(b, sub...)
}

// buildFont writes one face, or a collection when len(faces) > 1. Faces of
// a collection share the head table, as real collections share tables.
func buildFont(faces ...fakeFace) []byte {
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head, 0x00010000)
	binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5) // magic
	var out bytes.Buffer
	collection := len(faces) > 1
	hdr := 0
	if collection {
		hdr = 12 + 4*len(faces)
	}
	dirSize := 12 + 16*3
	dataStart := hdr + dirSize*len(faces)
	// Lay out data: shared head, then each face's cmap and name.
	data := []byte{}
	off := func(b []byte) uint32 {
		o := uint32(dataStart + len(data))
		data = append(data, b...)
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
		return o
	}
	headOff := off(head)
	dirs := make([][]byte, len(faces))
	for i, f := range faces {
		cm, nm := cmapTable(f.runes), nameTable(f.family)
		cmOff, nmOff := off(cm), off(nm)
		d := make([]byte, dirSize)
		binary.BigEndian.PutUint32(d, 0x00010000)
		binary.BigEndian.PutUint16(d[4:], 3)
		for k, tb := range []struct {
			tag      uint32
			off, len uint32
			data     []byte
		}{
			{tagCmap, cmOff, uint32(len(cm)), cm},
			{tagHead, headOff, uint32(len(head)), head},
			{tagName, nmOff, uint32(len(nm)), nm},
		} {
			r := d[12+16*k:]
			binary.BigEndian.PutUint32(r, tb.tag)
			binary.BigEndian.PutUint32(r[4:], checksum(tb.data))
			binary.BigEndian.PutUint32(r[8:], tb.off)
			binary.BigEndian.PutUint32(r[12:], tb.len)
		}
		dirs[i] = d
	}
	if collection {
		h := make([]byte, hdr)
		binary.BigEndian.PutUint32(h, tagTTCF)
		binary.BigEndian.PutUint16(h[4:], 1)
		binary.BigEndian.PutUint32(h[8:], uint32(len(faces)))
		for i := range faces {
			binary.BigEndian.PutUint32(h[12+4*i:], uint32(hdr+dirSize*i))
		}
		out.Write(h)
	}
	for _, d := range dirs {
		out.Write(d)
	}
	out.Write(data)
	return out.Bytes()
}

var hanRunes = []rune{'A', '区', '亩', '矿'}

// checkStandalone verifies that out is a single face whose tables are
// byte-identical to those of face i of src, with a valid whole-file checksum.
func checkStandalone(t *testing.T, src []byte, i int, out []byte) {
	t.Helper()
	offs, err := fontFaces(out)
	if err != nil || !slices.Equal(offs, []uint32{0}) {
		t.Fatalf("extracted face: faces %v, %v", offs, err)
	}
	srcOffs, _ := fontFaces(src)
	_, all, err := faceTables(src, srcOffs[i])
	if err != nil {
		t.Fatal(err)
	}
	var want []sfntTable // the source's tables but those left out on purpose
	for _, tb := range all {
		if !unusedTable(tb.Tag) {
			want = append(want, tb)
		}
	}
	_, got, err := faceTables(out, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d tables, want %d", len(got), len(want))
	}
	for k := range got {
		g, w := got[k], want[k]
		if g.Tag != w.Tag || g.Len != w.Len || g.Off%4 != 0 {
			t.Errorf("table %d: %+v, source %+v", k, g, w)
			continue
		}
		if g.Tag == tagHead { // differs in checkSumAdjustment only
			gb, wb := slices.Clone(out[g.Off:g.Off+g.Len]), slices.Clone(src[w.Off:w.Off+w.Len])
			copy(gb[8:12], []byte{0, 0, 0, 0})
			copy(wb[8:12], []byte{0, 0, 0, 0})
			if !bytes.Equal(gb, wb) {
				t.Errorf("head table differs beyond checkSumAdjustment")
			}
			continue
		}
		if !bytes.Equal(out[g.Off:g.Off+g.Len], src[w.Off:w.Off+w.Len]) {
			t.Errorf("table %s differs from the source", tagString(g.Tag))
		}
	}
	if sum := checksum(out); sum != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %#x, want 0xB1B0AFBA", sum)
	}
}

func TestExtractFaceSynthetic(t *testing.T) {
	ttc := buildFont(fakeFace{"Test Sans JP", hanRunes}, fakeFace{"Test Sans SC", hanRunes}, fakeFace{"Test Sans Mono SC", hanRunes[:1]})
	for i := range 3 {
		out, err := extractFace(ttc, i)
		if err != nil {
			t.Fatalf("face %d: %v", i, err)
		}
		checkStandalone(t, ttc, i, out)
	}
	got, fam, err := pickFace(ttc, -1, "")
	if err != nil || fam != "Test Sans SC" || !hasHan(got) {
		t.Errorf("pickFace: %q, han %v, %v", fam, hasHan(got), err)
	}
	if _, fam, _ := pickFace(ttc, -1, "Test Sans JP"); fam != "Test Sans JP" {
		t.Errorf("pickFace wanting JP gave %q", fam)
	}
	mono, _ := extractFace(ttc, 2)
	if hasHan(mono) {
		t.Error("hasHan true for a face that maps only A")
	}
	single := buildFont(fakeFace{"Solo", hanRunes})
	if out, err := extractFace(single, 0); err != nil || !bytes.Equal(out, single) {
		t.Errorf("a single font must come back unchanged: %v", err)
	}
}

func TestExtractFaceErrors(t *testing.T) {
	ttc := buildFont(fakeFace{"A", hanRunes}, fakeFace{"B", hanRunes})
	truncated := ttc[:len(ttc)-8]
	badDir := slices.Clone(ttc)
	binary.BigEndian.PutUint32(badDir[12:], uint32(len(ttc)+100)) // face 0 directory beyond the end
	tests := []struct {
		name string
		data []byte
		face int
	}{
		{"empty", nil, 0},
		{"not a font", []byte("PK\x03\x04 this is a zip file"), 0},
		{"face out of range", ttc, 2},
		{"negative face", ttc, -1},
		{"table beyond end", truncated, 1},
		{"directory beyond end", badDir, 0},
		{"zero faces", append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), make([]byte, 8)...), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := extractFace(tc.data, tc.face); !errors.Is(err, errFont) {
				t.Errorf("err = %v, want errFont", err)
			}
		})
	}
}

func TestExtractFaceRealFonts(t *testing.T) {
	tests := []struct {
		path       string
		wantFamily string // of the face pickFace chooses
	}{
		{wqyPath, "WenQuanYi Micro Hei"},
		{notoPath, "Noto Sans CJK SC"},
	}
	for _, tc := range tests {
		t.Run(tc.wantFamily, func(t *testing.T) {
			src := readOrSkip(t, tc.path)
			offs, err := fontFaces(src)
			if err != nil || len(offs) < 2 {
				t.Fatalf("%s: %d faces, %v; want a collection", tc.path, len(offs), err)
			}
			for i := range offs {
				out, err := extractFace(src, i)
				if err != nil {
					t.Fatalf("face %d: %v", i, err)
				}
				checkStandalone(t, src, i, out)
			}
			out, fam, err := pickFace(src, -1, "")
			if err != nil || fam != tc.wantFamily {
				t.Errorf("picked %q (%v), want %q", fam, err, tc.wantFamily)
			}
			for _, r := range []rune{'矿', '亩', '骨', 'A', '（'} {
				if !covers(out, r) {
					t.Errorf("%s does not cover %q", fam, r)
				}
			}
		})
	}
}

func FuzzExtractFace(f *testing.F) {
	f.Add(buildFont(fakeFace{"Test Sans SC", hanRunes}, fakeFace{"Test Sans JP", hanRunes}))
	f.Add(buildFont(fakeFace{"Solo", hanRunes}))
	for _, p := range []string{wqyPath, notoPath, latinTTF} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b[:min(len(b), 4096)]) // the real header and table directory, tables cut off
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for i := range 3 {
			out, err := extractFace(data, i)
			if err != nil {
				continue
			}
			if offs, err := fontFaces(out); err != nil || len(offs) != 1 {
				t.Fatalf("face %d extracted to %d faces, %v", i, len(offs), err)
			}
			if _, _, err := faceTables(out, 0); err != nil {
				t.Fatalf("face %d extracted to a bad directory: %v", i, err)
			}
			covers(out, '矿')
		}
		pickFace(data, -1, "")
	})
}

func FuzzNameFamilies(f *testing.F) {
	f.Add(nameTable("WenQuanYi Micro Hei"))
	f.Add(nameTable("文泉驿微米黑"))
	if b, err := os.ReadFile(wqyPath); err == nil {
		if offs, err := fontFaces(b); err == nil {
			if _, tabs, err := faceTables(b, offs[0]); err == nil {
				for _, tb := range tabs {
					if tb.Tag == tagName {
						f.Add(b[tb.Off : tb.Off+tb.Len])
					}
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, tab []byte) {
		names, err := nameFamilies(tab)
		if err == nil && len(names) > int(binary.BigEndian.Uint16(tab[2:])) {
			t.Fatalf("%d names from %d records", len(names), binary.BigEndian.Uint16(tab[2:]))
		}
	})
}

func TestNameFamiliesRealFont(t *testing.T) {
	src := readOrSkip(t, wqyPath)
	names, err := faceFamilies(src, mustFaces(t, src)[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"WenQuanYi Micro Hei", "文泉驛微米黑", "文泉驿微米黑"} {
		if !slices.Contains(names, want) {
			t.Errorf("families %q lack %q", names, want)
		}
	}
}

func mustFaces(t *testing.T, b []byte) []uint32 {
	t.Helper()
	offs, err := fontFaces(b)
	if err != nil {
		t.Fatal(err)
	}
	return offs
}
