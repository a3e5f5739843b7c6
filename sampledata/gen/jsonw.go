package main

import (
	"strconv"
	"unicode/utf8"
)

// A small, order-preserving GeoJSON writer: properties keep the order they
// are listed in, coordinates are written with exactly 7 decimals, one
// feature per line, so the output is byte-stable.

// kv is one property; V is a string, nil (JSON null), bool, int or num.
type kv struct {
	K string
	V any
}

// num is a number written with a fixed count of decimals.
type num struct {
	V    float64
	Prec int
}

type feature struct {
	ID    string
	Geom  geometry
	Props []kv
}

type geometry interface {
	appendJSON(b []byte) []byte
}

type pointG pt
type lineG []pt
type multiLineG [][]pt
type polygonG polygon
type multiPolygonG []polygon

func (g pointG) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"Point","coordinates":`...)
	return append(appendPos(b, pt(g)), '}')
}

func (g lineG) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"LineString","coordinates":`...)
	return append(appendPositions(b, g, false), '}')
}

func (g multiLineG) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"MultiLineString","coordinates":[`...)
	for i, l := range g {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPositions(b, l, false)
	}
	return append(b, "]}"...)
}

func (g polygonG) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"Polygon","coordinates":`...)
	return append(appendRings(b, polygon(g)), '}')
}

func (g multiPolygonG) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	for i, p := range g {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRings(b, p)
	}
	return append(b, "]}"...)
}

func appendRings(b []byte, p polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPositions(b, r, true)
	}
	return append(b, ']')
}

// appendPositions writes a position array; closed repeats the first
// position at the end, as GeoJSON rings require.
func appendPositions(b []byte, ps []pt, closed bool) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPos(b, p)
	}
	if closed {
		b = append(b, ',')
		b = appendPos(b, ps[0])
	}
	return append(b, ']')
}

func appendPos(b []byte, p pt) []byte {
	b = append(b, '[')
	b = strconv.AppendFloat(b, p.X, 'f', 7, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, p.Y, 'f', 7, 64)
	return append(b, ']')
}

func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', byte(c))
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c == utf8.RuneError:
			b = append(b, `\ufffd`...)
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return append(b, '"')
}

func appendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case num:
		return strconv.AppendFloat(b, v.V, 'f', v.Prec, 64)
	default:
		panic("jsonw: unsupported property value")
	}
}

func (f feature) appendJSON(b []byte) []byte {
	b = append(b, `{"type":"Feature","id":`...)
	b = appendString(b, f.ID)
	b = append(b, `,"geometry":`...)
	b = f.Geom.appendJSON(b)
	b = append(b, `,"properties":{`...)
	for i, p := range f.Props {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p.K)
		b = append(b, ':')
		b = appendValue(b, p.V)
	}
	return append(b, "}}"...)
}

// Marker members every sample file carries at its top level.
const (
	syntheticDescription = "合成示例数据，非真实矿山 / synthetic sample data, not real mines"
	featureNote          = "合成数据"
)

// collection renders a FeatureCollection with the synthetic markers, one
// feature per line.
func collection(name string, fs []feature) []byte {
	b := []byte(`{"type":"FeatureCollection","name":`)
	b = appendString(b, name)
	b = append(b, `,"synthetic":true,"description":`...)
	b = appendString(b, syntheticDescription)
	b = append(b, `,"features":[`...)
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = f.appendJSON(b)
	}
	return append(b, "\n]}\n"...)
}
