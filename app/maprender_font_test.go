package app

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"minerehab/app/fonts"
)

// TestMapFontFace: MapFont picks the face fonts.Find picks (the
// Simplified Chinese one of a collection), and it has Chinese glyphs.
func TestMapFontFace(t *testing.T) {
	if os.Getenv(fonts.Env) != "" {
		t.Skip(fonts.Env + " is set")
	}
	want, _, err := fonts.FindSystem()
	if err != nil {
		t.Skip("no Chinese font installed")
	}
	f, err := MapFont()
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	name, err := f.Name(&buf, sfnt.NameIDFamily)
	if err != nil {
		t.Fatal(err)
	}
	if name != want.Family && !strings.HasSuffix(want.Family, name) {
		t.Errorf("MapFont family %q, fonts.FindSystem %q", name, want.Family)
	}
	if g, err := f.GlyphIndex(&buf, '矿'); err != nil || g == 0 {
		t.Errorf("no glyph for 矿: %v", err)
	}
}

// FuzzTTCFamily: the name-table reader never panics and never reads past
// the data, whatever the bytes; seeded with the head of a real collection.
func FuzzTTCFamily(f *testing.F) {
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"), 0)
	for _, c := range fonts.SystemCandidates() {
		if data, err := os.ReadFile(c.Regular); err == nil && len(data) > 1<<16 {
			f.Add(data[:1<<16], 2)
			break
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, i int) {
		ttcFamily(data, i)
	})
}
