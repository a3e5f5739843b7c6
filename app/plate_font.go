package app

import (
	"errors"
	"os"
	"slices"
	"strings"
	"sync"

	"minerehab/app/fonts"
	"minerehab/gis/pdf"
)

// ErrNoPlateFont is returned when no font can be embedded in a plate: PDF
// embedding subsets TrueType (glyf) outlines, and Noto Sans CJK ships CFF
// ones.
var ErrNoPlateFont = errors.New("no TrueType Chinese font for plates: install fonts-wqy-microhei (Debian/Ubuntu: apt install fonts-wqy-microhei) or set " + fonts.Env + " to a .ttf/.ttc with TrueType outlines")

var plateFont = sync.OnceValues(func() (*pdf.Font, error) {
	return findPlateFont(os.Getenv(fonts.Env), fonts.SystemCandidates())
})

// PlateFont returns the font plates are drawn and embedded with: the
// MINEREHAB_FONT file when it is TrueType, else the first system CJK
// candidate with TrueType outlines (WenQuanYi Micro Hei on Debian; Microsoft
// YaHei on Windows). The font is found once per process.
func PlateFont() (*pdf.Font, error) { return plateFont() }

func findPlateFont(env string, candidates []fonts.Candidate) (*pdf.Font, error) {
	if env != "" {
		candidates = append([]fonts.Candidate{{Regular: env}}, candidates...)
	}
	// CFF collections (Noto Sans CJK) cannot be subset: try them last, so
	// the large file is not read when a TrueType font is there.
	slices.SortStableFunc(candidates, func(a, b fonts.Candidate) int {
		return cffRank(a.Regular) - cffRank(b.Regular)
	})
	for _, c := range candidates {
		if _, err := os.Stat(c.Regular); err != nil {
			continue
		}
		f, err := fonts.Load(fonts.Candidate{Regular: c.Regular}, -1)
		if err != nil {
			continue
		}
		pf, err := pdf.ParseFont(f.Regular)
		if err == nil {
			return pf, nil
		}
	}
	return nil, ErrNoPlateFont
}

func cffRank(path string) int {
	if strings.Contains(path, "NotoSansCJK") || strings.HasSuffix(strings.ToLower(path), ".otf") {
		return 1
	}
	return 0
}
