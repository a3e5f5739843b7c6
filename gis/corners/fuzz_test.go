package corners

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzParse: no input panics; whatever parses without error writes and
// parses back to the same corners.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Ｊ１，４３９３６８３．６７４，３６３９９０４４．０１６"))
	f.Add([]byte("[地块坐标]\n4,1,1,a,面,,,,@\nJ1,1,1,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data, Options{})
		if err != nil || a.EPSG == 0 {
			return
		}
		var w bytes.Buffer
		if err := Write(&w, a, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		b, err := Parse(w.Bytes(), Options{})
		if err != nil {
			t.Fatalf("reparse: %v\n%s", err, w.String())
		}
		if len(b.Parcels) != len(a.Parcels) {
			t.Fatalf("%d parcels, want %d", len(b.Parcels), len(a.Parcels))
		}
		dec := a.Decimals()
		for i := range a.Parcels {
			if len(a.Parcels[i].Rings) != len(b.Parcels[i].Rings) {
				t.Fatalf("parcel %d: rings differ", i)
			}
			for j, r := range a.Parcels[i].Rings {
				rb := b.Parcels[i].Rings[j].Points
				if len(rb) != len(r.Points) {
					t.Fatalf("parcel %d ring %d: points differ", i, j)
				}
				for k, p := range r.Points {
					q := rb[k]
					if written(p.X, dec) != q.X || written(p.Y, dec) != q.Y {
						t.Fatalf("point %+v came back as %+v", p, q)
					}
				}
			}
		}
	})
}

// written is v as Write writes it and Parse reads it back.
func written(v float64, dec int) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', dec, 64), 64)
	return r
}
