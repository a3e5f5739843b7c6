package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzReader feeds arbitrary bytes to the reader. It must never panic, loop
// or grow without bound, must accept only valid JSON, must not call valid
// JSON "bad-json", must hand out valid JSON properties, and must give the
// same result however the input is chunked.
func FuzzReader(f *testing.F) {
	if dir := sharedDataOrEmpty(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	for _, s := range []string{
		fc(ptF, nullF),
		"\x1e" + ptF + "\n\x1e" + nullF + "\n",
		ptF + "\n" + `{"type":"LineString","coordinates":[[1,2],[3,4]]}` + "\n",
		`{"features":[` + ptF + `],"crs":{"type":"EPSG","properties":{"code":4545}},"type":"FeatureCollection"}`,
		fc(feat(`{"a":1,"\u0061":[{"b":"\ud83d\ude00"}]}`, `{"coordinates":[[[[1,2],[3,4],[5,6],[1,2]]]],"type":"MultiPolygon"}`)),
		fc(feat(`{"n":"`+gbk("乌海市")+`"}`, "null")),
		fc(feat(`{}`, `{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2,3,4]}]}`)),
		strings.Repeat("[", 100),
		bom + fc(),
		string(synthesize(5)),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{MaxDepth: 32, MaxFeatureBytes: 1 << 20}
		a := readAll(t, bytes.NewReader(data), len(data), opt)
		b := readAll(t, iotest.OneByteReader(bytes.NewReader(data)), len(data), opt)
		if sa, sb := summary(a), summary(b); sa != sb {
			t.Fatalf("chunking changes the result:\n%s\n%s", sa, sb)
		}
		plain := bytes.TrimPrefix(data, []byte(bom))
		valid := json.Valid(plain)
		if a.fileErr == nil && a.layout != Sequence && !valid {
			t.Fatalf("accepted invalid json")
		}
		var se *SyntaxError
		if errors.As(a.fileErr, &se) {
			if se.Code == CodeBadJSON && valid {
				t.Fatalf("valid json reported as %v", se)
			}
			if se.Offset < 0 || se.Offset > int64(len(data)) {
				t.Fatalf("offset %d outside the input: %v", se.Offset, se)
			}
		}
		for _, ft := range a.features {
			if ft.Properties != nil && (!json.Valid(ft.Properties) || ft.Properties[0] != '{') {
				t.Fatalf("feature %d: properties %q", ft.Index, ft.Properties)
			}
			if ft.ID != nil {
				if _, ok := StringValue(ft.ID); !ok {
					t.Fatalf("feature %d: id %q", ft.Index, ft.ID)
				}
			}
			if ft.Offset < 0 || ft.Offset >= int64(len(data)) || data[ft.Offset] != '{' {
				t.Fatalf("feature %d: offset %d", ft.Index, ft.Offset)
			}
		}
		for _, fe := range a.ferrs {
			if fe.ProblemOffset < fe.Offset || fe.ProblemOffset > int64(len(data)) || fe.ProblemLine < fe.Line {
				t.Fatalf("feature error position: %+v", fe)
			}
		}
	})
}

func summary(o outcome) string {
	var b strings.Builder
	for _, f := range o.features {
		b.WriteString(string(f.Properties))
		b.WriteString(string(f.ID))
		b.WriteString("|")
	}
	for _, fe := range o.ferrs {
		b.WriteString(fe.Error())
	}
	if o.fileErr != nil {
		b.WriteString(o.fileErr.Error())
	}
	b.WriteString(o.crs + o.layout.String())
	return b.String()
}

// sharedDataOrEmpty is sharedData for seeding, where skipping is not wanted.
func sharedDataOrEmpty() string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "data", "geojson-edge-cases")
			if _, err := os.Stat(p); err == nil {
				return p
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
