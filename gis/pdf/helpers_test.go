package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// wqyPath is WenQuanYi Micro Hei (fonts-wqy-microhei): TrueType glyf
// outlines with Chinese and Latin glyphs.
const wqyPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

func testFont(t testing.TB) *Font {
	t.Helper()
	data, err := os.ReadFile(wqyPath)
	if err != nil {
		t.Skipf("no TrueType CJK font: %v (apt install fonts-wqy-microhei)", err)
	}
	f, err := ParseFont(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// writeTemp writes d to a file in a test directory and returns its path.
func writeTemp(t *testing.T, d *Document) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// poppler runs a poppler tool, skipping the test when it is missing.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not installed (apt install poppler-utils)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}
