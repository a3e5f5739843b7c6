package geojson

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// feature.go: interpreting one Feature / geometry object held in memory.

type geomType uint8

const (
	gNone geomType = iota
	gPoint
	gMultiPoint
	gLineString
	gMultiLineString
	gPolygon
	gMultiPolygon
	gCollection
	gUnknown
)

var geomNames = [...]string{"", "Point", "MultiPoint", "LineString", "MultiLineString",
	"Polygon", "MultiPolygon", "GeometryCollection", ""}

// geomDepth is the number of nested arrays in each type's "coordinates".
var geomDepth = [...]int{gPoint: 1, gMultiPoint: 2, gLineString: 2, gMultiLineString: 3,
	gPolygon: 3, gMultiPolygon: 4}

func lookupGeomType(b []byte) geomType {
	for t := gPoint; t <= gCollection; t++ {
		if string(b) == geomNames[t] {
			return t
		}
	}
	return gUnknown
}

// typeHint explains an unknown type name, pointing out miscasing.
func typeHint(got []byte, what string) string {
	for _, n := range append(geomNames[gPoint:gCollection+1:gCollection+1], "Feature", "FeatureCollection") {
		if strings.EqualFold(string(got), n) {
			return fmt.Sprintf("unknown %s type %s: type names are case-sensitive, write %s", what, strconv.Quote(string(got)), strconv.Quote(n))
		}
	}
	return fmt.Sprintf("unknown %s type %s", what, strconv.Quote(string(got)))
}

var hashSeed = maphash.MakeSeed()

// keyRef is one top-level property key: bytes data[s:e], or keyArena[s:e]
// when the key had escapes.
type keyRef struct {
	h     uint64
	s, e  int32
	arena bool
}

func (p *parser) keyBytes(k keyRef) []byte {
	if k.arena {
		return p.keyArena[k.s:k.e]
	}
	return p.data[k.s:k.e]
}

func (p *parser) resetFeature() {
	p.ferr = nil
	p.ferrType = false
	p.hasZ = false
}

// fail records the first feature-level problem, at data[at].
func (p *parser) fail(code string, at int, detail string) {
	if p.ferr != nil {
		return
	}
	p.ferr = &FeatureError{Code: code, Detail: detail, ProblemOffset: p.abs + int64(at)}
}

// failType records a feature-type problem; it replaces any other problem,
// since a wrongly typed object makes the rest meaningless.
func (p *parser) failType(at int, detail string) {
	if p.ferrType {
		return
	}
	p.ferr = nil
	p.fail(CodeBadFeatureType, at, detail)
	p.ferrType = true
}

func kindName(c byte) string {
	switch ValueKind([]byte{c}) {
	case KindString:
		return "a string"
	case KindNumber:
		return "a number"
	case KindBool:
		return "a boolean"
	case KindNull:
		return "null"
	case KindObject:
		return "an object"
	case KindArray:
		return "an array"
	}
	return describeByte(c)
}

// featureSpans are the raw members of a parsed feature, as data indices (-1: none).
type featureSpans struct {
	idS, idE, propS, propE int
}

// stringMember reads a string-valued member at p.i; ok is false (value
// skipped) if it is not a string. The result may alias data.
func (p *parser) stringMember() (s []byte, ok bool, err error) {
	if p.data[p.i] != '"' {
		return nil, false, p.skip()
	}
	a, b, esc, err := p.str()
	if err != nil {
		return nil, false, err
	}
	if esc {
		return appendUnescaped(nil, p.data[a:b]), true, nil
	}
	return p.data[a:b], true, nil
}

// feature parses the Feature object at p.i. Problems with the feature are
// left in p.ferr; the returned error is a fatal syntax error.
func (p *parser) feature(f *Feature) (sp featureSpans, err error) {
	sp = featureSpans{-1, -1, -1, -1}
	objAt := p.i
	empty, err := p.objectStart()
	if err != nil {
		return sp, err
	}
	var typ []byte
	typeAt := objAt
	var typeSeen, typeStr, geomSeen, propsSeen, idSeen bool
	for !empty {
		name, at, err := p.memberName()
		if err != nil {
			return sp, err
		}
		switch string(name) {
		case "type":
			if typeSeen {
				p.fail(CodeDuplicateMember, at, `duplicate "type" member in a feature`)
				err = p.skip()
				break
			}
			typeSeen, typeAt = true, p.i
			typ, typeStr, err = p.stringMember()
		case "id":
			if idSeen {
				p.fail(CodeDuplicateMember, at, `duplicate "id" member in a feature`)
				err = p.skip()
				break
			}
			idSeen = true
			vs := p.i
			if err = p.skip(); err != nil {
				break
			}
			switch ValueKind(p.data[vs:p.i]) {
			case KindString, KindNumber:
				sp.idS, sp.idE = vs, p.i
			case KindNull:
			default:
				p.fail(CodeBadID, vs, "id must be a string or a number, found "+kindName(p.data[vs]))
			}
		case "geometry":
			if geomSeen {
				p.fail(CodeDuplicateMember, at, `duplicate "geometry" member in a feature`)
				err = p.skip()
				break
			}
			geomSeen = true
			switch p.data[p.i] {
			case '{':
				f.Geometry, err = p.geometry(0)
			case 'n':
				err = p.literal()
			default:
				vs := p.i
				if err = p.skip(); err == nil {
					p.fail(CodeBadGeometryType, vs, "geometry must be an object or null, found "+kindName(p.data[vs]))
				}
			}
		case "properties":
			if propsSeen {
				p.fail(CodeDuplicateMember, at, `duplicate "properties" member in a feature`)
				err = p.skip()
				break
			}
			propsSeen = true
			switch p.data[p.i] {
			case '{':
				sp.propS = p.i
				err = p.properties()
				sp.propE = p.i
			case 'n':
				err = p.literal()
			default:
				vs := p.i
				if err = p.skip(); err == nil {
					p.fail(CodeBadProperties, vs, "properties must be an object or null, found "+kindName(p.data[vs]))
				}
			}
		default:
			err = p.skip()
		}
		if err != nil {
			return sp, err
		}
		end, err := p.afterMember()
		if err != nil {
			return sp, err
		}
		if end {
			break
		}
	}
	switch {
	case !typeSeen:
		p.failType(objAt, `feature has no "type" member (expected "type": "Feature")`)
	case !typeStr:
		p.failType(typeAt, `feature "type" is not a string`)
	case string(typ) != "Feature":
		if t := lookupGeomType(typ); t != gUnknown {
			p.failType(typeAt, fmt.Sprintf(`expected "type": "Feature", found geometry type %q`, typ))
		} else {
			p.failType(typeAt, typeHint(typ, "feature"))
		}
	}
	if !geomSeen {
		p.fail(CodeNoGeometryMember, objAt, `feature has no "geometry" member (use "geometry": null for none)`)
	}
	return sp, nil
}

// properties validates the object at p.i and reports duplicate top-level keys.
func (p *parser) properties() error {
	empty, err := p.objectStart()
	if err != nil || empty {
		return err
	}
	p.keys = p.keys[:0]
	p.keyArena = p.keyArena[:0]
	mapped := false
	for {
		p.ws()
		at := p.i
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return p.expected("a member name in double quotes")
		}
		s, e, esc, err := p.str()
		if err != nil {
			return err
		}
		k := keyRef{s: int32(s), e: int32(e)}
		if esc {
			a := len(p.keyArena)
			p.keyArena = appendUnescaped(p.keyArena, p.data[s:e])
			k = keyRef{s: int32(a), e: int32(len(p.keyArena)), arena: true}
		}
		key := p.keyBytes(k)
		k.h = maphash.Bytes(hashSeed, key)
		if p.seenKey(k, key, &mapped) {
			p.fail(CodeDuplicateProperty, at, string(key))
		}
		p.ws()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return p.expected("':' after a member name")
		}
		p.i++
		if err := p.value(); err != nil {
			return err
		}
		end, err := p.afterMember()
		if err != nil {
			return err
		}
		if end {
			return nil
		}
	}
}

// seenKey reports whether key was already among p.keys and appends it.
// Up to 32 keys are compared linearly (by hash first); beyond that a map
// from hash to index is used.
func (p *parser) seenKey(k keyRef, key []byte, mapped *bool) bool {
	const linear = 32
	dup := false
	if len(p.keys) < linear {
		for _, o := range p.keys {
			if o.h == k.h && bytes.Equal(p.keyBytes(o), key) {
				dup = true
				break
			}
		}
	} else {
		if !*mapped {
			if p.keyMap == nil {
				p.keyMap = make(map[uint64]int32)
			}
			clear(p.keyMap)
			for i, o := range p.keys {
				if _, ok := p.keyMap[o.h]; !ok {
					p.keyMap[o.h] = int32(i)
				}
			}
			*mapped = true
		}
		if i, ok := p.keyMap[k.h]; ok {
			if bytes.Equal(p.keyBytes(p.keys[i]), key) {
				dup = true
			} else { // hash collision: compare with all
				for _, o := range p.keys {
					if o.h == k.h && bytes.Equal(p.keyBytes(o), key) {
						dup = true
						break
					}
				}
			}
		} else {
			p.keyMap[k.h] = int32(len(p.keys))
		}
	}
	p.keys = append(p.keys, k)
	return dup
}

// geometry parses the geometry object at p.i; level is 1 inside a
// GeometryCollection. Problems go to p.ferr (and give a nil geometry).
func (p *parser) geometry(level int) (orb.Geometry, error) {
	objAt := p.i
	empty, err := p.objectStart()
	if err != nil {
		return nil, err
	}
	gt := gNone
	typeSeen := false
	coordAt, geomsAt := -1, -1
	var g orb.Geometry
	done := false
	for !empty {
		name, at, err := p.memberName()
		if err != nil {
			return nil, err
		}
		switch string(name) {
		case "type":
			if typeSeen {
				p.fail(CodeDuplicateMember, at, `duplicate "type" member in a geometry`)
				err = p.skip()
				break
			}
			typeSeen = true
			vs := p.i
			var t []byte
			var ok bool
			if t, ok, err = p.stringMember(); err != nil {
				break
			}
			switch {
			case !ok:
				gt = gUnknown
				p.fail(CodeBadGeometryType, vs, "geometry type is not a string")
			default:
				gt = lookupGeomType(t)
				switch {
				case string(t) == "Feature" || string(t) == "FeatureCollection":
					p.fail(CodeBadGeometryType, vs, fmt.Sprintf("%q is not a geometry type", t))
				case gt == gUnknown:
					p.fail(CodeBadGeometryType, vs, typeHint(t, "geometry"))
				case gt == gCollection && level > 0:
					p.fail(CodeNestedCollection, objAt, "a geometrycollection inside a geometrycollection")
				}
			}
		case "coordinates":
			if coordAt >= 0 {
				p.fail(CodeDuplicateMember, at, `duplicate "coordinates" member in a geometry`)
				err = p.skip()
				break
			}
			coordAt = p.i
			if gt >= gPoint && gt <= gMultiPolygon {
				g, err = p.coords(gt)
				done = true
			} else {
				err = p.skip()
			}
		case "geometries":
			if geomsAt >= 0 {
				p.fail(CodeDuplicateMember, at, `duplicate "geometries" member in a geometry`)
				err = p.skip()
				break
			}
			geomsAt = p.i
			if gt == gCollection && level == 0 {
				g, err = p.collection()
				done = true
			} else {
				err = p.skip()
			}
		default:
			err = p.skip()
		}
		if err != nil {
			return nil, err
		}
		end, err := p.afterMember()
		if err != nil {
			return nil, err
		}
		if end {
			break
		}
	}
	if !typeSeen {
		p.fail(CodeBadGeometryType, objAt, `geometry has no "type" member`)
		return nil, nil
	}
	if done {
		return g, nil
	}
	endAt := p.i
	switch {
	case gt == gUnknown || gt == gNone:
		return nil, nil
	case gt == gCollection:
		if level > 0 {
			return nil, nil
		}
		if geomsAt < 0 {
			p.fail(CodeBadGeometryType, objAt, `geometrycollection has no "geometries" member`)
			return nil, nil
		}
		p.i = geomsAt
		g, err = p.collection()
	default:
		if coordAt < 0 {
			p.fail(CodeBadCoordinates, objAt, `geometry has no "coordinates" member`)
			return nil, nil
		}
		p.i = coordAt
		g, err = p.coords(gt)
	}
	p.i = endAt
	return g, err
}

// collection parses the "geometries" array at p.i.
func (p *parser) collection() (orb.Geometry, error) {
	at := p.i
	if p.data[p.i] != '[' {
		if err := p.skip(); err != nil {
			return nil, err
		}
		p.fail(CodeBadGeometryType, at, "geometries must be an array, found "+kindName(p.data[at]))
		return nil, nil
	}
	p.i++
	p.ws()
	coll := orb.Collection{}
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return coll, nil
	}
	for k := 0; ; k++ {
		p.ws()
		if p.i < len(p.data) && p.data[p.i] == '{' {
			g, err := p.geometry(1)
			if err != nil {
				return nil, err
			}
			coll = append(coll, g)
		} else {
			vs := p.i
			if err := p.skip(); err != nil {
				return nil, err
			}
			p.fail(CodeBadGeometryType, vs, fmt.Sprintf("geometries[%d] is %s, not a geometry object", k, kindName(p.data[vs])))
		}
		p.ws()
		if p.i < len(p.data) {
			c := p.data[p.i]
			p.i++
			if c == ',' {
				continue
			}
			if c == ']' {
				return coll, nil
			}
			p.i--
		}
		return nil, p.expected("',' or ']' after an array element")
	}
}

// rootType finds the first "type" member of the object at data[0] without
// interpreting anything else; with crs set it also returns the raw value of
// the (single) "crs" member.
func (p *parser) rootType(wantCRS bool) (typ []byte, typeOK bool, crs []byte, err error) {
	p.i = 0
	empty, err := p.objectStart()
	if err != nil || empty {
		return nil, false, nil, err
	}
	typeSeen := false
	for {
		name, at, err := p.memberName()
		if err != nil {
			return nil, false, nil, err
		}
		switch {
		case string(name) == "type" && !typeSeen:
			typeSeen = true
			typ, typeOK, err = p.stringMember()
			if err != nil {
				return nil, false, nil, err
			}
			if typeOK {
				typ = bytes.Clone(typ)
			}
			if !wantCRS {
				return typ, typeOK, nil, nil
			}
		case string(name) == "crs" && wantCRS:
			if crs != nil {
				return nil, false, nil, p.synErr(CodeDuplicateMember, at, `duplicate "crs" member in the root object`)
			}
			vs := p.i
			if err := p.skip(); err != nil {
				return nil, false, nil, err
			}
			crs = p.data[vs:p.i]
		default:
			if err := p.skip(); err != nil {
				return nil, false, nil, err
			}
		}
		end, err := p.afterMember()
		if err != nil {
			return nil, false, nil, err
		}
		if end {
			return typ, typeOK, crs, nil
		}
	}
}
