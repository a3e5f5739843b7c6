package gpkg

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	orbwkb "github.com/paulmach/orb/encoding/wkb"
)

// benchPolygon is a mine boundary as the import sees it: a multipolygon of
// one 30-vertex ring near Wuhai.
func benchPolygon() orb.MultiPolygon {
	r := make(orb.Ring, 0, 31)
	for i := range 30 {
		a := 2 * math.Pi * float64(i) / 30
		r = append(r, orb.Point{106.8 + 0.01*math.Cos(a), 39.6 + 0.008*math.Sin(a)})
	}
	r = append(r, r[0])
	return orb.MultiPolygon{{r}}
}

// loop runs fn b.N times and reports the process CPU time per op
// ("cpu-ns/op") next to the wall time.
func loop(b *testing.B, fn func() error) {
	b.ReportAllocs()
	start := processCPU()
	for b.Loop() {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	if start > 0 {
		b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkEncode compares the direct encoder (used for writes) with the
// go-geom path (orb -> go-geom -> wkb.Marshal) and orb's own WKB encoder.
func BenchmarkEncode(b *testing.B) {
	g := benchPolygon()
	b.Run("direct", func(b *testing.B) {
		loop(b, func() error { _, err := Encode(g, 4490); return err })
	})
	b.Run("go-geom", func(b *testing.B) {
		loop(b, func() error { _, err := encodeViaGoGeom(g, 4490); return err })
	})
	b.Run("orb-wkb", func(b *testing.B) {
		loop(b, func() error { _, err := orbwkb.Marshal(g); return err })
	})
}

// BenchmarkDecode compares Decode (structure scan + direct reader) with the
// go-geom path (structure scan + go-geom + FromGoGeom) and orb's own WKB
// decoder (no header, no checks) on the same bytes.
func BenchmarkDecode(b *testing.B) {
	blob, _ := Encode(benchPolygon(), 4490)
	b.Run("direct", func(b *testing.B) {
		loop(b, func() error { _, _, err := Decode(blob); return err })
	})
	b.Run("go-geom", func(b *testing.B) {
		loop(b, func() error { _, _, err := DecodeGoGeom(blob); return err })
	})
	b.Run("orb-wkb", func(b *testing.B) {
		loop(b, func() error { _, err := orbwkb.Unmarshal(blob[headerMin+32:]); return err })
	})
}

func BenchmarkEnvelope(b *testing.B) {
	blob, _ := Encode(benchPolygon(), 4490)
	pt, _ := Encode(orb.Point{1, 2}, 4490)
	b.Run("header", func(b *testing.B) {
		loop(b, func() error { _, _, _, _, _, err := Envelope(blob); return err })
	})
	b.Run("point-wkb", func(b *testing.B) {
		loop(b, func() error { _, _, _, _, _, err := Envelope(pt); return err })
	})
}
