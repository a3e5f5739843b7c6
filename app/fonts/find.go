package fonts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Why minerehab picks its own font (measured on Debian 12 with
// fonts-noto-cjk and fonts-wqy-microhei, Fyne 2.7.1):
//
// Fyne's default theme font (Noto Sans) has no Han glyphs. Fyne then asks
// go-text's fontscan, per character, for a system font in the "sans-serif"
// family that covers it. Chinese does render (no boxes), but the face it
// picks is the first one of NotoSansCJK-Regular.ttc, "Noto Sans CJK JP":
// Japanese glyph forms (骨, 直, 角 …) in a Chinese government application.
// The locale-based lookup (zh_CN) resolves to DejaVu Sans and does not help,
// and a Fyne binary built with the "test" tag has no fallback at all. So the
// theme names a Simplified Chinese face itself. Fyne's loader takes one
// font per resource and rejects collections (.ttc), which is how every
// common CJK font ships; extractFace cuts the wanted face out. The map
// labels (gis/render) need the same face: golang.org/x/image would take
// face 0 of a collection, the Japanese one.

// Env names the environment variable that overrides the font: a path
// to a .ttf, .otf or .ttc (a collection's Simplified Chinese face is used,
// else its first face; "path#N" picks face N).
const Env = "MINEREHAB_FONT"

// ErrNoCJK is returned by Find when no usable font exists; its text
// says what to install.
var ErrNoCJK = errors.New("no Chinese font found: install fonts-wqy-microhei (Debian/Ubuntu: apt install fonts-wqy-microhei) or set " + Env + " to a .ttf/.otf/.ttc file")

// Font is a CJK font ready for Fyne and gis/render: stand-alone faces
// (never a collection).
type Font struct {
	Family  string // as the font names itself, e.g. "Noto Sans CJK SC"
	Path    string // where the regular face came from
	Regular []byte
	Bold    []byte // nil when the family has no bold file
}

// Candidate is a font file that may hold a CJK face, with the file of its
// bold face ("" for none).
type Candidate struct {
	Regular, Bold string
}

// SystemCandidates lists CJK fonts in order of preference: Simplified
// Chinese faces that also carry Latin glyphs first.
func SystemCandidates() []Candidate {
	switch runtime.GOOS {
	case "windows":
		dir := filepath.Join(os.Getenv("WINDIR"), "Fonts")
		if os.Getenv("WINDIR") == "" {
			dir = `C:\Windows\Fonts`
		}
		return []Candidate{
			{filepath.Join(dir, "msyh.ttc"), filepath.Join(dir, "msyhbd.ttc")}, // Microsoft YaHei
			{filepath.Join(dir, "simhei.ttf"), ""},
			{filepath.Join(dir, "simsun.ttc"), ""},
		}
	case "darwin":
		return []Candidate{
			{"/System/Library/Fonts/PingFang.ttc", ""},
			{"/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc"},
			{"/Library/Fonts/Arial Unicode.ttf", ""},
		}
	}
	var out []Candidate
	for _, dir := range []string{
		"/usr/share/fonts/opentype/noto", // Debian, Ubuntu (fonts-noto-cjk)
		"/usr/share/fonts/noto-cjk",      // Arch
		"/usr/share/fonts/google-noto-cjk",
		"/usr/share/fonts/google-noto-sans-cjk-fonts", // Fedora
	} {
		out = append(out, Candidate{filepath.Join(dir, "NotoSansCJK-Regular.ttc"), filepath.Join(dir, "NotoSansCJK-Bold.ttc")})
	}
	for _, p := range []string{
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", // Debian, Ubuntu (fonts-wqy-microhei)
		"/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
		"/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
		"/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
		"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", // Han only; Latin comes from Fyne's own font
	} {
		out = append(out, Candidate{p, ""})
	}
	return out
}

// Find returns the font: MINEREHAB_FONT when set and usable, else
// the first system candidate that loads. The returned notes say which
// candidates were rejected and why (for the log).
func Find(env string, candidates []Candidate) (*Font, []string, error) {
	var notes []string
	if env != "" {
		path, face := env, -1
		if i := strings.LastIndexByte(env, '#'); i > 0 {
			if n, err := parseFaceIndex(env[i+1:]); err == nil {
				path, face = env[:i], n
			}
		}
		f, err := Load(Candidate{Regular: path}, face)
		if err == nil {
			return f, notes, nil
		}
		notes = append(notes, fmt.Sprintf("%s=%s: %v", Env, env, err))
	}
	for _, c := range candidates {
		if _, err := os.Stat(c.Regular); err != nil {
			continue
		}
		f, err := Load(c, -1)
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %v", c.Regular, err))
			continue
		}
		return f, notes, nil
	}
	return nil, notes, ErrNoCJK
}

func parseFaceIndex(s string) (int, error) {
	n := 0
	if s == "" || len(s) > 4 {
		return 0, errors.New("bad face index")
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, errors.New("bad face index")
		}
		n = 10*n + int(c-'0')
	}
	return n, nil
}

// Load reads a candidate; face < 0 picks the Simplified Chinese face. The
// faces come from the face cache when it holds them (cache.go).
func Load(c Candidate, face int) (*Font, error) {
	// The bold face is found at the same time: cutting each out of its
	// collection shows in the time to the first window.
	type boldFace struct {
		face []byte // the bold file's face picked as Simplified Chinese
		fam  string
	}
	boldc := make(chan boldFace, 1)
	if c.Bold != "" {
		go func() {
			var bf boldFace
			bf.face, bf.fam, _ = cachedPick(c.Bold, -1, "")
			boldc <- bf
		}()
	} else {
		boldc <- boldFace{}
	}
	reg, fam, err := cachedPick(c.Regular, face, "")
	bf := <-boldc
	if err != nil {
		return nil, err
	}
	if !hasHan(reg) {
		return nil, fmt.Errorf("%s has no Chinese glyphs", fam)
	}
	f := &Font{Family: fam, Path: c.Regular, Regular: reg}
	switch {
	case bf.face != nil && bf.fam == fam:
		f.Bold = bf.face
	case c.Bold != "":
		// The regular face is not the one picked by default (a face named
		// in $MINEREHAB_FONT): the bold face of the same family.
		if bold, _, err := cachedPick(c.Bold, -1, fam); err == nil {
			f.Bold = bold
		}
	}
	return f, nil
}

// pickFace extracts face i of a font file, or when i < 0 the face whose
// family is want (when given) or looks Simplified Chinese, else face 0.
func pickFace(data []byte, i int, want string) ([]byte, string, error) {
	offs, err := fontFaces(data)
	if err != nil {
		return nil, "", err
	}
	if i >= len(offs) {
		return nil, "", fmt.Errorf("%w: face %d of %d", errFont, i, len(offs))
	}
	fams := make([][]string, len(offs))
	for k, off := range offs {
		fams[k], _ = faceFamilies(data, off)
	}
	if i < 0 {
		i = 0
		best := -1
		for k, names := range fams {
			if s := familyScore(names, want); s > best {
				i, best = k, s
			}
		}
	}
	out, err := extractFace(data, i)
	if err != nil {
		return nil, "", err
	}
	name := fmt.Sprintf("face %d", i)
	if len(fams[i]) > 0 {
		name = fams[i][0]
	}
	return out, name, nil
}

// familyScore ranks a face by its family names: the wanted family, then
// Simplified Chinese ones; Mono and Serif faces rank below Sans.
func familyScore(names []string, want string) int {
	best := 0
	for _, n := range names {
		s := 1
		l := strings.ToLower(n)
		switch {
		case want != "" && n == want:
			s = 100
		case strings.HasSuffix(l, " sc"), strings.Contains(l, "micro hei"), strings.Contains(l, "yahei"),
			strings.Contains(l, "pingfang sc"), strings.Contains(l, "simhei"), strings.Contains(l, " gb"):
			s = 50
		}
		if strings.Contains(l, "mono") || strings.Contains(l, "serif") {
			s -= 10
		}
		if s > best {
			best = s
		}
	}
	return best
}

// FindSystem is Find with the font named by $MINEREHAB_FONT and the system
// candidates.
func FindSystem() (*Font, []string, error) {
	return Find(os.Getenv(Env), SystemCandidates())
}

// Faces returns the number of faces in a font file: 1 for a plain
// .ttf/.otf, the face count of a collection.
func Faces(data []byte) (int, error) {
	offs, err := fontFaces(data)
	return len(offs), err
}
