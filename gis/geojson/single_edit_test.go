package geojson

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestSingleEdits replaces, inserts or deletes one byte anywhere in a few
// small inputs and checks FuzzReader's first rule on each: a file read
// without a file error is valid JSON unless it is a sequence. The fuzzer
// found a lone trailing record separator in CI only after minutes; this
// sweep finds that class of mistake every run, deterministically.
func TestSingleEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep of ~60k inputs")
	}
	seeds := []string{ptF, fc(nullF), `{"type":"Point","coordinates":[1,2]}`, ptF + "\n" + nullF}
	alpha := []byte("{}[]\",:0123456789-+.eE \t\n\r\x1e\\/ubfnrtalsx\x00\x7f\xc3\xa9\xff")
	opt := Options{MaxDepth: 32, MaxFeatureBytes: 1 << 20}
	check := func(d []byte) {
		a := readAll(t, bytes.NewReader(d), len(d), opt)
		if a.fileErr == nil && a.layout != Sequence && !json.Valid(bytes.TrimPrefix(d, []byte(bom))) {
			t.Fatalf("accepted invalid json %q (layout %v)", d, a.layout)
		}
	}
	for _, s := range seeds {
		in := []byte(s)
		for i := 0; i <= len(in); i++ {
			for _, c := range alpha {
				if i < len(in) {
					d := append([]byte{}, in...)
					d[i] = c
					check(d)
				}
				d := append(append(append([]byte{}, in[:i]...), c), in[i:]...)
				check(d)
			}
			if i < len(in) {
				check(append(append([]byte{}, in[:i]...), in[i+1:]...))
			}
		}
	}
}
