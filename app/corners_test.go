package app

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/corners"
	"minerehab/gis/crs"
	"minerehab/models"
)

// cornerFixture is a file of gis/corners' testdata (invented parcels near
// Wuhai, their corners computed with cs2cs; see that package's tests).
func cornerFixture(name string) string {
	return filepath.Join("..", "gis", "corners", "testdata", name)
}

func TestCornerParseText(t *testing.T) {
	paste := "点号 X Y\nＪ１，４３９３６８３．６７４，３６３９９０４４．０１６\nJ2\t4393887.119\t36399621.662\nJ3 4393418.435 36399795.780\nJ1, 4393683.674, 36399044.016\n"
	p, err := ParseCornerText(paste, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !p.OK() || p.EPSG != 4524 || len(p.Parcels) != 1 || len(p.Geometry) != 1 {
		t.Fatalf("preview %+v", p)
	}
	// The first corner, against PROJ (gis/corners/testdata/proj_4524.txt).
	got := p.Geometry[0][0][0]
	if math.Abs(got[0]-106.8234000048) > 1e-9 || math.Abs(got[1]-39.6712000039) > 1e-9 {
		t.Errorf("first corner %v", got)
	}
	src := p.Parcels[0].Source.(orb.Polygon)
	if src[0][0] != (orb.Point{36399044.016, 4393683.674}) {
		t.Errorf("source %v", src[0][0])
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Code != corners.WarnSkipped {
		t.Errorf("warnings %v", p.Warnings)
	}
}

func TestCornerParseTextErrors(t *testing.T) {
	tests := []struct {
		name, text string
		epsg       int
		code       string
		line       int
		zh, en     string // in the message
	}{
		{"open ring", "J1,4393683.674,36399044.016\nJ2,4393887.119,36399621.662\nJ3,4393418.435,36399795.780\n", 0,
			corners.CodeRingNotClosed, 3, "第 3 行", "line 3"},
		{"zone mismatch", "带号=35\nJ1,4393683.674,36399044.016\nJ2,4393887.119,36399621.662\nJ3,4393418.435,36399795.780\nJ1,4393683.674,36399044.016\n", 0,
			corners.CodeZoneMismatch, 1, "前缀 36", "prefix 36"},
		{"no zone", "J1,4393683.674,399044.016\nJ2,4393887.119,399621.662\nJ3,4393418.435,399795.780\nJ1,4393683.674,399044.016\n", 0,
			corners.CodeZoneNeeded, 1, "EPSG:4545", "EPSG:4545"},
		{"bowtie", "J1,4393000.000,36399000.000\nJ2,4393100.000,36399100.000\nJ3,4393000.000,36399100.000\nJ4,4393100.000,36399000.000\nJ1,4393000.000,36399000.000\n", 0,
			"self-intersection", 3, "自相交", "crosses itself"}, // segment J3–J4 crosses J1–J2
		{"garbage", strings.Repeat("\x00\x01garbage\n", 100000), 0, corners.CodeEncoding, 1, "第 1 行", "line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseCornerText(tc.text, tc.epsg)
			var fe *FileError
			if !errors.As(err, &fe) || fe.Code != tc.code {
				t.Fatalf("err %v, want code %s", err, tc.code)
			}
			if p.OK() {
				t.Error("preview OK despite the error")
			}
			var line int
			if len(p.Errors) > 0 {
				line = p.Errors[0].Line
			} else {
				for _, c := range p.Parcels {
					if c.Problem != nil {
						line = c.Problem.Line
					}
				}
			}
			if line != tc.line {
				t.Errorf("line %d, want %d", line, tc.line)
			}
			for l, want := range map[i18n.Lang]string{i18n.ZH: tc.zh, i18n.EN: tc.en} {
				if msg := Message(l, err); !strings.Contains(msg, want) || strings.Contains(msg, "corners.") {
					t.Errorf("%s message %q, want it to say %q", l, msg, want)
				}
			}
		})
	}
}

// TestCornerKeysTranslated: every code the parser can give has a sentence
// in both languages.
func TestCornerKeysTranslated(t *testing.T) {
	codes := []string{corners.CodeEmpty, corners.CodeEncoding, corners.CodeBadLine, corners.CodeBadNumber, corners.CodeMixedUnits,
		corners.CodeMixedZones, corners.CodeRingNotClosed, corners.CodeRingTooShort, corners.CodeEmptyParcel, corners.CodeShape,
		corners.CodeZoneMismatch, corners.CodeZoneNeeded, corners.CodeBadZone, corners.CodeUnsupported, corners.CodeCRSMismatch,
		corners.CodeOutOfZone, corners.WarnSwapped, corners.WarnSkipped, corners.WarnPointCount, corners.WarnUnit,
		corners.WarnCRSSibling, corners.WarnCRSOverride, corners.WarnNoAt, "self-intersection", "non-finite", "out-of-range", "invalid-geometry"}
	for _, l := range i18n.Langs {
		cat, err := i18n.Catalogue(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			if _, ok := cat["corners.reason."+c]; !ok {
				t.Errorf("%s: no corners.reason.%s", l, c)
			}
		}
	}
}

func newCornerProject(t *testing.T) models.Store {
	t.Helper()
	st, err := CreateProject(filepath.Join(t.TempDir(), "p.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestCornerImportExportRoundTrip: import → export in the same system gives
// every corner back to the millimetre, in order, and the header fields.
func TestCornerImportExportRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		file string
		crs  string
		out  int
	}{
		{"exchange_zone36.txt", "", 4524},
		{"exchange_gbk.txt", "", 4545}, // exported without the prefix: shifted exactly
		{"exchange_noprefix.txt", "", 4545},
		{"exchange_swapped.txt", "EPSG:4524", 4524},
		{"exchange_zone36.txt", "", 4490}, // degrees: projected, 9 decimals
	} {
		t.Run(tc.file+"->"+strconv.Itoa(tc.out), func(t *testing.T) {
			st := newCornerProject(t)
			sum, err := Import(context.Background(), st, ImportRequest{Files: []string{cornerFixture(tc.file)}, Layer: models.LayerMines, Format: "corners", CRS: tc.crs}, nil)
			if err != nil {
				t.Fatal(Message(i18n.EN, err))
			}
			if sum.Added != 2 || sum.Files[0].Format != "corners" {
				t.Fatalf("summary %+v", sum)
			}
			var buf bytes.Buffer
			n, err := ExportCorners(context.Background(), st, models.LayerMines, tc.out, &buf)
			if err != nil || n != 2 {
				t.Fatalf("export %d: %v", n, err)
			}
			in, err := corners.Parse(mustRead(t, cornerFixture("exchange_zone36.txt")), corners.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := corners.Parse(buf.Bytes(), corners.Options{})
			if err != nil {
				t.Fatalf("%v\n%s", err, buf.String())
			}
			if out.EPSG != tc.out {
				t.Fatalf("exported in EPSG:%d, want %d", out.EPSG, tc.out)
			}
			compareCorners(t, in, out)
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// compareCorners checks that b has a's parcels, header fields and corners:
// exactly (to the written millimetre) when both are in the same system,
// else after converting a's corners to b's system.
func compareCorners(t *testing.T, a, b *corners.File) {
	t.Helper()
	if len(a.Parcels) != len(b.Parcels) {
		t.Fatalf("%d parcels, want %d", len(b.Parcels), len(a.Parcels))
	}
	ca, _ := crs.ByEPSG(a.EPSG)
	cb, _ := crs.ByEPSG(b.EPSG)
	for i, pa := range a.Parcels {
		pb := b.Parcels[i]
		for _, k := range []string{corners.FieldName, corners.FieldNumber, corners.FieldArea, corners.FieldSheet, corners.FieldUse, corners.FieldNote} {
			if pa.Attrs[k] != pb.Attrs[k] {
				t.Errorf("parcel %d %s = %q, want %q", i, k, pb.Attrs[k], pa.Attrs[k])
			}
		}
		if len(pa.Rings) != len(pb.Rings) {
			t.Fatalf("parcel %d: %d rings, want %d", i, len(pb.Rings), len(pa.Rings))
		}
		for j, ra := range pa.Rings {
			rb := pb.Rings[j]
			if len(ra.Points) != len(rb.Points) {
				t.Fatalf("parcel %d ring %d: %d points, want %d", i, j, len(rb.Points), len(ra.Points))
			}
			for k, p := range ra.Points {
				q := rb.Points[k]
				switch {
				case b.EPSG == a.EPSG:
					if p.XText != q.XText || p.YText != q.YText {
						t.Errorf("corner %d/%d/%d: %s %s, want %s %s", i, j, k, q.XText, q.YText, p.XText, p.YText)
					}
				case b.EPSG == 4545 && a.EPSG == 4524:
					if p.XText != q.XText || p.YText != "36"+q.YText {
						t.Errorf("corner %d/%d/%d: %s %s, want %s %s less the prefix", i, j, k, q.XText, q.YText, p.XText, p.YText)
					}
				default: // another system: the conversion of a's corner
					e, n, err := crs.Transform(ca, cb, p.Y, p.X)
					if err != nil || math.Abs(q.Y-e) > 1e-9 || math.Abs(q.X-n) > 1e-9 {
						t.Errorf("corner %d/%d/%d: %v %v, want %v %v (%v)", i, j, k, q.Y, q.X, e, n, err)
					}
				}
			}
		}
	}
}

func TestCornerImportRefused(t *testing.T) {
	for _, tc := range []struct {
		file, crs, code string
	}{
		{"bad_zone_mismatch.txt", "", corners.CodeZoneMismatch},
		{"bad_ring_open.txt", "", corners.CodeRingNotClosed},
		{"exchange_zone36.txt", "EPSG:4523", corners.CodeZoneMismatch},
		{"exchange_zone36.txt", "EPSG:nope", "bad-crs-option"},
	} {
		t.Run(tc.file+tc.crs, func(t *testing.T) {
			st := newCornerProject(t)
			_, err := Import(context.Background(), st, ImportRequest{Files: []string{cornerFixture(tc.file)}, Layer: models.LayerMines, Format: "corners", CRS: tc.crs}, nil)
			var fe *FileError
			if !errors.As(err, &fe) || fe.Code != tc.code {
				t.Fatalf("err %v, want %s", err, tc.code)
			}
			n := 0
			_ = st.Features(context.Background(), models.LayerMines, nil, func(*models.Feature) error { n++; return nil })
			if n != 0 {
				t.Errorf("%d features stored by a refused import", n)
			}
		})
	}
	st := newCornerProject(t)
	_, err := Import(context.Background(), st, ImportRequest{Files: []string{cornerFixture("exchange_zone36.txt")}, Format: "dxf"}, nil)
	var fe *FileError
	if !errors.As(err, &fe) || fe.Code != "unknown-format" {
		t.Errorf("format dxf: %v", err)
	}
}

// TestCornerExportFromLonLat: a polygon imported as GeoJSON (no source
// geometry) is projected from lon/lat, with 3 decimals and the zone prefix.
func TestCornerExportFromLonLat(t *testing.T) {
	dir := t.TempDir()
	gj := filepath.Join(dir, "m.geojson")
	doc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"示例矿","licence":"C15"},` +
		`"geometry":{"type":"Polygon","coordinates":[[[106.8234,39.6712],[106.8251,39.6668],[106.8322,39.6689],[106.8301,39.6731],[106.8234,39.6712]]]}}]}`
	if err := os.WriteFile(gj, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	st := newCornerProject(t)
	if _, err := Import(context.Background(), st, ImportRequest{Files: []string{gj}, Layer: models.LayerMines}, nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := ExportCorners(context.Background(), st, models.LayerMines, 4524, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := corners.Parse(buf.Bytes(), corners.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	p := f.Parcels[0]
	if f.EPSG != 4524 || p.Name() != "示例矿" || p.Number() != "C15" || p.Attrs[corners.FieldArea] == "" {
		t.Errorf("epsg %d attrs %v", f.EPSG, p.Attrs)
	}
	// Against PROJ: cs2cs -f %.3f EPSG:4490 EPSG:4524 <<< "39.6712 106.8234" gives 4393683.674 36399044.016.
	var found bool
	for _, pt := range p.Rings[0].Points {
		if pt.XText == "4393683.674" && pt.YText == "36399044.016" {
			found = true
		}
	}
	if !found {
		t.Errorf("corner 106.8234, 39.6712 not written as PROJ gives it:\n%s", buf.String())
	}
	if _, err := ExportCorners(context.Background(), st, models.LayerFirePoints, 4524, &buf); err == nil {
		t.Error("a point layer exported as corners")
	}
}

func TestCornerSniffedWithoutFormat(t *testing.T) {
	for _, name := range []string{"exchange_zone36.txt", "exchange_gbk.txt"} {
		st := newCornerProject(t)
		sum, err := Import(context.Background(), st, ImportRequest{Files: []string{cornerFixture(name)}, Layer: models.LayerMines}, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sum.Files[0].Format != "corners" || sum.Added != 2 {
			t.Errorf("%s: %+v", name, sum.Files[0])
		}
	}
	if looksLikeCorners([]byte(`{"type":"FeatureCollection","name":"[地块坐标]"}`)) {
		t.Error("a GeoJSON file taken for corners")
	}
}

func TestCornerPreviewFeatures(t *testing.T) {
	p, err := ParseCornerText(string(mustRead(t, cornerFixture("exchange_zone36.txt"))), 0)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := p.Features(models.LayerMines)
	if err != nil || len(fs) != 2 {
		t.Fatalf("%d features: %v", len(fs), err)
	}
	f := fs[0]
	if f.Layer != models.LayerMines || f.Source == nil || f.Source.EPSG != 4524 || !orb.Equal(f.Source.Geometry, p.Parcels[0].Source) {
		t.Errorf("feature %+v", f)
	}
	if f.AreaM2 < 1e5 || !strings.Contains(string(f.Props), `"地块名称":"乌海市示例煤矿"`) || strings.Contains(string(f.Props), "界址点数") {
		t.Errorf("area %f props %s", f.AreaM2, f.Props)
	}
	if _, err := p.Features(models.LayerFirePoints); err == nil {
		t.Error("polygons made fire points")
	}
	bad, _ := ParseCornerText("J1,4393683.674,36399044.016\n", 0)
	if _, err := bad.Features(models.LayerMines); err == nil {
		t.Error("features from a text with errors")
	}
}
