package gui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"minerehab/models"
)

// TestPlateDialog: the preview follows the options (A4 portrait gives a
// portrait picture), a bad scale is said in Chinese, and Save writes a PDF
// whose text holds the title.
func TestPlateDialog(t *testing.T) {
	m := openSample(t, &renderLog{})
	mine := sampleFeatures(t, m, models.LayerMines)[0]
	act(m, func() { m.setSelection([]*models.Feature{mine}, 0) })
	act(m, m.showPlateDialog)
	f := m.plate
	if f == nil || f.lastSpecErr != nil || f.preview.Image == nil {
		t.Skipf("no plate preview (font?): %v", f.lastSpecErr)
	}
	if got := f.extents[f.extent.SelectedIndex()]; got != "mine:"+mine.Attrs.Licence {
		t.Errorf("default extent %q, want the selected mine", got)
	}
	b := f.preview.Image.Bounds()
	if b.Dx() <= b.Dy() {
		t.Errorf("A3 landscape preview is %v", b)
	}
	act(m, func() { f.paper.SetSelected("A4"); f.landscape.SetChecked(false) })
	if b := f.preview.Image.Bounds(); b.Dx() >= b.Dy() {
		t.Errorf("A4 portrait preview is %v", b)
	}
	act(m, func() { f.scale.SetText("abc"); f.refresh() })
	if !strings.Contains(f.note.Text, "abc") {
		t.Errorf("bad scale note %q", f.note.Text)
	}
	act(m, func() { f.scale.SetText("1:25000"); f.title.SetText("测试图件标题"); f.refresh() })
	opt, spec, err := f.options()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "p.pdf")
	w, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	act(m, func() { f.saveTo(w, path, opt, spec, f.view) })
	if out, err := exec.Command("pdftotext", path, "-").Output(); err == nil {
		if !strings.Contains(string(out), "测试图件标题") {
			t.Errorf("the PDF's text lacks the title: %.200q", out)
		}
	} else if _, lookErr := exec.LookPath("pdftotext"); lookErr == nil {
		t.Fatalf("pdftotext: %v", err)
	}
}
