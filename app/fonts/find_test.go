package fonts

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindCJKFont(t *testing.T) {
	readOrSkip(t, wqyPath)
	readOrSkip(t, latinTTF)
	missing := filepath.Join(t.TempDir(), "none.ttf")
	wqy := []Candidate{{Regular: wqyPath}}
	tests := []struct {
		name       string
		env        string
		candidates []Candidate
		wantFamily string
		wantNote   string // a substring of the notes, "" for none
		wantErr    error
	}{
		{"env collection picks the sans face", wqyPath, nil, "WenQuanYi Micro Hei", "", nil},
		{"env face index", wqyPath + "#1", nil, "WenQuanYi Micro Hei Mono", "", nil},
		{"env bad face index falls back", wqyPath + "#7", wqy, "WenQuanYi Micro Hei", "face 7 of 2", nil},
		{"env Latin font is refused", latinTTF, wqy, "WenQuanYi Micro Hei", "no Chinese glyphs", nil},
		{"env missing file", missing, wqy, "WenQuanYi Micro Hei", "no such file", nil},
		{"candidates in order, absent ones skipped", "", []Candidate{{Regular: missing}, {Regular: wqyPath}}, "WenQuanYi Micro Hei", "", nil},
		{"nothing usable", missing, []Candidate{{Regular: missing}, {Regular: latinTTF}}, "", "no Chinese glyphs", ErrNoCJK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, notes, err := Find(tc.env, tc.candidates)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			joined := strings.Join(notes, "\n")
			if tc.wantNote != "" && !strings.Contains(joined, tc.wantNote) {
				t.Errorf("notes %q lack %q", joined, tc.wantNote)
			}
			if tc.wantNote == "" && len(notes) > 0 {
				t.Errorf("unexpected notes %q", joined)
			}
			if err != nil {
				return
			}
			if f.Family != tc.wantFamily {
				t.Errorf("family %q, want %q", f.Family, tc.wantFamily)
			}
			if offs, err := fontFaces(f.Regular); err != nil || len(offs) != 1 {
				t.Errorf("regular face is not a single font: %d faces, %v", len(offs), err)
			}
		})
	}
}

func TestNoFontMessageNamesPackage(t *testing.T) {
	for _, want := range []string{"fonts-wqy-microhei", Env} {
		if !strings.Contains(ErrNoCJK.Error(), want) {
			t.Errorf("%q does not mention %s", ErrNoCJK, want)
		}
	}
}

func TestSystemCandidatesPreferSimplifiedChinese(t *testing.T) {
	readOrSkip(t, notoPath)
	f, _, err := Find("", SystemCandidates())
	if err != nil {
		t.Fatal(err)
	}
	// Fyne's own fallback picks face 0 of this file, "Noto Sans CJK JP".
	if f.Family != "Noto Sans CJK SC" || f.Bold == nil {
		t.Errorf("system font %q (bold %v), want Noto Sans CJK SC with its bold", f.Family, f.Bold != nil)
	}
}

func TestParseFaceIndex(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "12": 12, "": -1, "x": -1, "-1": -1, "99999": -1} {
		got, err := parseFaceIndex(in)
		if (err != nil) != (want < 0) || (err == nil && got != want) {
			t.Errorf("parseFaceIndex(%q) = %d, %v", in, got, err)
		}
	}
}

func BenchmarkFindCJKFont(b *testing.B) {
	readOrSkip(b, notoPath)
	for b.Loop() {
		if _, _, err := Find("", SystemCandidates()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractFaceWQY(b *testing.B) {
	src := readOrSkip(b, wqyPath)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := extractFace(src, 0); err != nil {
			b.Fatal(err)
		}
	}
}
