package plate

import "strings"

// Paper is a sheet size in millimetres, width × height as printed.
type Paper struct {
	Name              string
	WidthMM, HeightMM float64
}

// ISO 216 A series, portrait.
var papers = map[string]Paper{
	"A0": {"A0", 841, 1189},
	"A1": {"A1", 594, 841},
	"A2": {"A2", 420, 594},
	"A3": {"A3", 297, 420},
	"A4": {"A4", 210, 297},
}

// PaperNames lists the supported paper names, largest first.
var PaperNames = []string{"A0", "A1", "A2", "A3", "A4"}

// PaperSize returns the named paper (A0–A4, any case) in the given
// orientation.
func PaperSize(name string, landscape bool) (Paper, error) {
	p, ok := papers[strings.ToUpper(strings.TrimSpace(name))]
	if !ok {
		return Paper{}, newError(CodeBadPaper, "unknown paper %q (want A0–A4)", name)
	}
	if landscape {
		p.WidthMM, p.HeightMM = p.HeightMM, p.WidthMM
	}
	return p, nil
}

// Landscape reports whether the sheet is wider than high.
func (p Paper) Landscape() bool { return p.WidthMM > p.HeightMM }
