package gpkg

import (
	"testing"

	"github.com/paulmach/orb"
)

// FuzzDecode feeds arbitrary bytes to Decode, DecodeGoGeom and Envelope:
// the direct decoder and go-geom's must agree on every input. Seeds: blobs GDAL
// wrote (testdata/fuzz/FuzzDecode, see TestUpdateFuzzSeeds) and this
// package's own encodings. Whatever decodes must re-encode to a blob that
// decodes to the same geometry with a consistent envelope.
func FuzzDecode(f *testing.F) {
	for _, tc := range roundTripCases {
		b, err := Encode(tc.g, 4490)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g, srs, err := Decode(b)
		_, _, _, _, _, envErr := Envelope(b)
		gg, srsGG, errGG := DecodeGoGeom(b)
		if (err == nil) != (errGG == nil) {
			t.Fatalf("direct decoder err %v, go-geom err %v", err, errGG)
		}
		if err != nil {
			return
		}
		if srsGG != srs || !sameGeometry(g, gg) && !nonFinite(g) {
			t.Fatalf("direct decoder %#v, go-geom %#v", g, gg)
		}
		if envErr != nil {
			t.Fatalf("Decode accepted what Envelope rejects: %v", envErr)
		}
		again, err := Encode(g, srs)
		if err != nil {
			return // NaN or infinite coordinates decode but do not encode
		}
		g2, srs2, err := Decode(again)
		if err != nil {
			t.Fatalf("re-encoded blob does not decode: %v", err)
		}
		if srs2 != srs || !sameGeometry(g, g2) {
			t.Fatalf("round trip changed %#v (%d) into %#v (%d)", g, srs, g2, srs2)
		}
		bd, ok, err := Bound(again)
		if err != nil {
			t.Fatal(err)
		}
		if want, wantOK := extent(g); ok != wantOK || (ok && bd != want) {
			t.Fatalf("envelope %v %v, want %v %v", bd, ok, want, wantOK)
		}
	})
}

// extent is the bound of g's coordinates, ignoring empty points.
func extent(g orb.Geometry) (orb.Bound, bool) {
	var acc bounds
	var walk func(orb.Geometry)
	pts := func(ps []orb.Point) {
		for _, p := range ps {
			acc.add(p[0], p[1])
		}
	}
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			if !hasNaN(g) {
				acc.add(g[0], g[1])
			}
		case orb.MultiPoint:
			for _, p := range g {
				walk(p)
			}
		case orb.LineString:
			pts(g)
		case orb.Polygon:
			for _, r := range g {
				pts(r)
			}
		case orb.MultiLineString:
			for _, l := range g {
				pts(l)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				walk(p)
			}
		case orb.Collection:
			for _, m := range g {
				walk(m)
			}
		}
	}
	walk(g)
	if acc.n == 0 {
		return orb.Bound{}, false
	}
	return orb.Bound{Min: orb.Point{acc.minx, acc.miny}, Max: orb.Point{acc.maxx, acc.maxy}}, true
}

// nonFinite reports whether g holds a NaN or infinite coordinate (other than
// an empty point), which Encode, and so sameGeometry, cannot compare.
func nonFinite(g orb.Geometry) bool {
	_, err := Encode(g, 0)
	return err != nil
}
