package gpkg

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A Decoder gives what Decode gives, call after call, whatever it decoded
// before (each case is decoded after every other, in both orders).
func TestDecoderMatchesDecode(t *testing.T) {
	blobs := make([][]byte, len(roundTripCases))
	for i, tc := range roundTripCases {
		b, err := Encode(tc.g, 4490)
		if err != nil {
			t.Fatal(err)
		}
		blobs[i] = b
	}
	for i, tc := range roundTripCases {
		t.Run(tc.name, func(t *testing.T) {
			for j := range blobs {
				var d Decoder
				for _, b := range [][]byte{blobs[j], blobs[i], blobs[i], blobs[j], blobs[i]} {
					got, srs, err := d.Decode(b)
					want, wantSRS, wantErr := Decode(b)
					if err != nil || wantErr != nil || srs != wantSRS || !sameGeometry(got, want) {
						t.Fatalf("after %s: Decoder %#v %d %v, Decode %#v %d %v", roundTripCases[j].name, got, srs, err, want, wantSRS, wantErr)
					}
				}
			}
		})
	}
	// Errors are Decode's.
	var d Decoder
	for _, b := range [][]byte{nil, []byte("GP"), bytes.Clone(blobs[0][:len(blobs[0])-1])} {
		_, _, err := d.Decode(b)
		_, _, wantErr := Decode(b)
		if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("%q: Decoder error %v, Decode %v", b, err, wantErr)
		}
	}
}

// FuzzDecoder: a Decoder that has decoded a polygon and a collection
// decodes any input as Decode does. Seeds: FuzzDecode's blobs from GDAL
// and this package's own encodings.
func FuzzDecoder(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzDecode", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		_, lit, ok := strings.Cut(strings.TrimSpace(string(b)), "[]byte(")
		if !ok {
			f.Fatalf("%s: not a []byte seed", name)
		}
		blob, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
		if err != nil {
			f.Fatalf("%s: %v", name, err)
		}
		f.Add([]byte(blob))
	}
	for _, tc := range roundTripCases {
		b, err := Encode(tc.g, 4490)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	var warm [][]byte
	for _, tc := range roundTripCases {
		if tc.name == "multipolygon" || tc.name == "collection" {
			b, _ := Encode(tc.g, 4490)
			warm = append(warm, b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Decoder
		for _, w := range warm {
			if _, _, err := d.Decode(w); err != nil {
				t.Fatal(err)
			}
		}
		got, srs, err := d.Decode(b)
		want, wantSRS, wantErr := Decode(b)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("Decoder err %v, Decode err %v", err, wantErr)
		}
		if err == nil && (srs != wantSRS || !sameGeometry(got, want) && !nonFinite(want)) {
			t.Fatalf("Decoder %#v, Decode %#v", got, want)
		}
	})
}
