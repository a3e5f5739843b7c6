package app

import (
	"os"
	"path/filepath"
	"testing"

	"minerehab/models"
)

// FuzzCornerParseText: no pasted text panics, and a text the preview
// accepts is one the store accepts.
func FuzzCornerParseText(f *testing.F) {
	files, _ := filepath.Glob(cornerFixture("*.txt"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b), 0)
		}
	}
	f.Add("J1 4393000 399000\nJ2 4393100 399100\nJ3 4393000 399100\nJ4 4393100 399000\nJ1 4393000 399000", 4545)
	f.Fuzz(func(t *testing.T, text string, epsg int) {
		p, err := ParseCornerText(text, epsg)
		if p == nil {
			t.Fatalf("no preview (%v)", err)
		}
		if (err == nil) != p.OK() {
			t.Fatalf("err %v but OK %v", err, p.OK())
		}
		if err != nil {
			return
		}
		if _, err := p.Features(models.LayerMines); err != nil {
			t.Fatalf("preview accepted what the store refuses: %v", err)
		}
	})
}
