package render

import (
	"context"
	"encoding/binary"
	"image/color"
	"math"
	"os"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

var (
	fuzzFontOnce sync.Once
	fuzzFont     *opentype.Font
)

func encodeFloats(vals ...float64) []byte {
	b := make([]byte, 8*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	return b
}

func decodeFloats(b []byte, limit int) []float64 {
	n := min(len(b)/8, limit)
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

// FuzzDraw feeds arbitrary coordinates (NaN, infinities, huge values
// included), views, widths and dashes through Draw and straight into the
// raster canvas. Nothing may panic or hang.
func FuzzDraw(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(encodeFloats(10, 10, 50, 10, 50, 40, 10, 40, 20, 20, 30, 20, 30, 30), uint8(0), 2.0, 1.5, "乌海")
	f.Add(encodeFloats(nan, 0, 1, inf, -inf, 5, 1e308, -1e308, 3, 4), uint8(1), 1e-300, 1e300, "x")
	f.Add(encodeFloats(0, 0, 1e15, 1e15, -1e15, 1e15, 0, -1e-300), uint8(2), 0.001, 0.0, "\xff\xfe")
	f.Add(encodeFloats(5, 5, 5, 5, 5, 5), uint8(3), 5.0, 400.0, "")
	f.Add(encodeFloats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), uint8(4), math.Inf(1), nan, "Pit 3")
	f.Add(encodeFloats(-1e6, 20, 1e6, 25, 30, -1e6, 31, 1e6), uint8(5), 3.0, 6.0, "黄河")
	// Seeded from the Wuda district boundary, as offsets from the first
	// vertex in thousandths of a degree.
	if data, err := os.ReadFile(sharedDataPath("admin/wuhai_districts_150300.json")); err == nil {
		if pts := firstRing(data, 64); len(pts) > 3 {
			var vals []float64
			for _, p := range pts {
				vals = append(vals, (p[0]-pts[0][0])*1e3, (p[1]-pts[0][1])*1e3)
			}
			f.Add(encodeFloats(vals...), uint8(0), 20.0, 2.0, "乌达区")
			f.Add(encodeFloats(vals...), uint8(1), 0.5, 3.0, "乌达区")
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8, mpp, width float64, label string) {
		vals := decodeFloats(data, 2048)
		pts := make([]orb.Point, 0, len(vals)/2)
		for i := 0; i+1 < len(vals); i += 2 {
			pts = append(pts, orb.Point{wuhai[0] + vals[i]*1e-3, wuhai[1] + vals[i+1]*1e-3})
		}
		var dash []float64
		if len(vals) > 2 && kind&8 != 0 {
			dash = vals[:min(len(vals), 4)]
		}
		st := Style{
			Fill: color.NRGBA{10, 20, 30, 200}, Stroke: color.NRGBA{200, 0, 0, 255}, StrokeWidth: width, Dash: dash,
			Hatch: HatchKind(kind & 16 >> 4), HatchSpacing: width, HatchWidth: mpp,
			PointShape: PointShape(kind >> 5 & 3), PointSize: width,
		}
		var g orb.Geometry
		switch kind % 6 {
		case 0:
			half := len(pts) / 2
			g = orb.Polygon{orb.Ring(pts[:half]), orb.Ring(pts[half:])}
		case 1:
			g = orb.LineString(pts)
		case 2:
			g = orb.MultiPoint(pts)
		case 3:
			g = orb.MultiPolygon{{orb.Ring(pts)}, {orb.Ring(pts)}}
		case 4:
			g = orb.Collection{orb.LineString(pts), orb.Ring(pts), orb.MultiLineString{pts, pts}}
		case 5:
			g = orb.Ring(pts)
		}
		fuzzFontOnce.Do(func() {
			if _, err := os.Stat(cjkFontPath); err == nil {
				fuzzFont, _ = LoadFont(cjkFontPath)
			}
		})
		var ls *LabelStyle
		if fuzzFont != nil {
			ls = &LabelStyle{Font: fuzzFont, Size: math.Mod(math.Abs(width), 40), Color: dark, Halo: white, HaloWidth: mpp}
		}
		v := View{Center: wuhai, MetresPerPixel: mpp, Width: 64, Height: 48}
		r := NewRaster(64, 48, white)
		layers := []Layer{{Opacity: 1, LabelStyle: ls, Features: []Feature{{Geometry: g, Style: st, Label: label}, {Geometry: g, Style: st, Label: label}}}}
		_ = Draw(context.Background(), r, v, layers)

		// The canvas directly, with raw pixel coordinates.
		var p Path
		for i := 0; i+1 < len(vals); i += 2 {
			if i%6 == 4 {
				p.Close()
			}
			if i%10 == 0 {
				p.MoveTo(vals[i], vals[i+1])
			} else {
				p.LineTo(vals[i], vals[i+1])
			}
		}
		r.FillPath(&p, dark)
		r.StrokePath(&p, width, red, dash)
		r.HatchPath(&p, Hatch{Color: blue, Spacing: width, Width: mpp, Phase: mpp})
		if ls != nil && len(vals) >= 2 {
			r.DrawText(vals[0], vals[1], label, ls)
		}
		var clipped Path
		ClipFill(&clipped, &p, Rect{0, 0, 64, 48})
		ClipLines(&clipped, &p, Rect{-width, -width, mpp, mpp})
		ScaleBar(v, int(width))
		FitView(orb.MultiPoint(pts).Bound(), 64, 48, int(mpp))
	})
}

func sharedDataPath(rel string) string {
	return "../../../shared/data/" + rel
}

// firstRing returns up to n points of the first polygon ring in a GeoJSON
// feature collection.
func firstRing(data []byte, n int) []orb.Point {
	fc, err := unmarshalFC(data)
	if err != nil {
		return nil
	}
	for _, f := range fc.Features {
		if mp, ok := f.Geometry.(orb.MultiPolygon); ok && len(mp) > 0 && len(mp[0]) > 0 {
			r := mp[0][0]
			return r[:min(n, len(r))]
		}
	}
	return nil
}

// FuzzParseFont: font bytes, whole or mangled, never panic the parser or
// the realignment, and a parsed font lays out text.
func FuzzParseFont(f *testing.F) {
	f.Add(goregular.TTF)
	f.Add(goregular.TTF[:1024])
	if data, err := os.ReadFile(cjkFontPath); err == nil {
		f.Add(data[:4096]) // TTC header and table directory of a real collection
	}
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"))
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := ParseFont(data)
		if err != nil {
			return
		}
		var ts typesetter
		s := &LabelStyle{Font: font, Size: 12, Color: dark}
		ts.measure(s, "Wuhai 乌海")
		var p Path
		ts.outline(&p, s, 0, 12, "Wuhai 乌海")
	})
}
