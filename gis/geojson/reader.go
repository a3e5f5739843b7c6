package geojson

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/paulmach/orb"
)

// Options limit what the Reader accepts. Zero values mean the defaults.
type Options struct {
	MaxDepth        int   // deepest nesting of arrays/objects, root included; default 64
	MaxFeatureBytes int64 // largest feature (or root member, or single-feature root); default 512 MiB
}

const (
	DefaultMaxDepth        = 64
	DefaultMaxFeatureBytes = 512 << 20
)

// Feature is one feature as read. Geometry coordinates are exactly as in the
// file (no transformation, Z and M dropped; HasZ tells that a Z was there).
// ID and Properties are copies owned by the caller.
type Feature struct {
	Index      int          // 0-based index in the file (bad features count too)
	ID         []byte       // raw JSON of "id" (a string token or a number), nil if absent or null
	Geometry   orb.Geometry // nil for "geometry": null (and for an empty Point)
	HasZ       bool         // some position had a third number
	Properties []byte       // raw JSON of "properties", byte-exact; nil when absent or null
	Offset     int64        // byte offset of the feature's '{' (a BOM counts)
	Line       int          // 1-based line of the feature's '{'
}

// Layout is how the features are packaged in the file.
type Layout int

const (
	LayoutUnknown     Layout = iota // nothing read yet
	FeatureCollection               // {"type":"FeatureCollection","features":[…]}
	SingleFeature                   // the root is one Feature
	BareGeometry                    // the root is one geometry (yielded as a Feature without properties)
	Sequence                        // RFC 8142 text sequence (0x1E records) or newline-delimited features
)

func (l Layout) String() string {
	return [...]string{"unknown", "featurecollection", "single-feature", "bare-geometry", "sequence"}[l]
}

type readState uint8

const (
	stStart    readState = iota
	stRoot               // between members of the root object
	stFeatures           // inside the features array
	stSeq                // between records of a sequence
	stEnd
)

type rootKind uint8

const (
	rootUnknown rootKind = iota
	rootFC
	rootFeature
	rootGeometry
)

// Reader reads features one at a time from a GeoJSON stream. Memory is
// bounded by the largest single feature (Options.MaxFeatureBytes), not by
// the file size. A Reader is not safe for concurrent use.
type Reader struct {
	src io.Reader
	opt Options

	buf       []byte
	base      int64 // file offset of buf[0]
	r, w      int   // read position, end of data
	mark, pin int   // start of the value being captured / of a retained root; -1 if none
	eof       bool
	rerr      error

	baseLine      int   // line of buf[0]
	baseLineStart int64 // file offset where that line starts
	curOff        int64 // line cursor
	curLine       int
	curLineStart  int64

	stack []byte
	p     parser

	state        readState
	layout       Layout
	root         rootKind
	rootTypeName string
	rootFirst    bool // no member of the root read yet
	featSeen     bool // "features" member met
	featDone     bool // and its array finished
	featFirst    bool
	crs          string
	crsSeen      bool
	index        int
	pending      error // returned by the next call to Next
	fatal        error // sticky
}

// NewReader returns a Reader of r. It does its own buffering.
func NewReader(r io.Reader, opt Options) *Reader {
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = DefaultMaxDepth
	}
	if opt.MaxFeatureBytes <= 0 {
		opt.MaxFeatureBytes = DefaultMaxFeatureBytes
	}
	return &Reader{
		src: r, opt: opt,
		buf:  make([]byte, initialBuffer),
		mark: -1, pin: -1,
		baseLine: 1, curLine: 1,
	}
}

// CRS returns the legacy "crs" member of the root ("EPSG:4545",
// "urn:ogc:def:crs:EPSG::4545", …, or "EPSG:N" for {"type":"EPSG"}), or ""
// if none has been seen yet. For a FeatureCollection it is known after the
// first Next when "crs" precedes "features"; otherwise Next returns a
// *LateCRSError once it meets it.
func (r *Reader) CRS() string { return r.crs }

// Layout reports how the file packages its features; known after the first Next.
func (r *Reader) Layout() Layout { return r.layout }

// Next returns the next feature, or io.EOF at the end. A *FeatureError or
// *LateCRSError is recoverable: call Next again to go on. Any other error
// (a *SyntaxError, or an error from the underlying reader) is final and is
// returned again by every later call.
func (r *Reader) Next() (*Feature, error) {
	if r.fatal != nil {
		return nil, r.fatal
	}
	if r.pending != nil {
		err := r.pending
		r.pending = nil
		r.fatal = err
		return nil, err
	}
	f, err := r.next()
	if err != nil {
		switch err.(type) {
		case *FeatureError, *LateCRSError:
		default:
			r.fatal = err
		}
	}
	r.mark = -1
	return f, err
}

func (r *Reader) next() (*Feature, error) {
	for {
		switch r.state {
		case stStart:
			if err := r.start(); err != nil {
				return nil, err
			}
		case stRoot:
			f, err := r.rootMember()
			if f != nil || err != nil {
				return f, err
			}
		case stFeatures:
			f, err := r.collectionElement()
			if f != nil || err != nil {
				return f, err
			}
		case stSeq:
			ok, err := r.skipSpace(true)
			if err != nil {
				return nil, err
			}
			if !ok {
				r.state = stEnd
				continue
			}
			return r.record(0, ctxSeq)
		default:
			return nil, io.EOF
		}
	}
}

// start sniffs the input and opens the root.
func (r *Reader) start() error {
	for r.w < 64 {
		ok, err := r.fill()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
	}
	if r.w == 0 {
		return &SyntaxError{Code: CodeEmptyFile, Detail: "the file is empty (0 bytes)"}
	}
	if code, detail := sniff(r.buf[:r.w]); code != "" {
		return &SyntaxError{Code: code, Line: 1, Col: 1, Detail: detail}
	}
	if bytes.HasPrefix(r.buf[:r.w], []byte(bom)) {
		r.r = len(bom)
	}
	ok, err := r.skipSpace(false)
	if err != nil {
		return err
	}
	if !ok {
		return &SyntaxError{Code: CodeEmptyFile, Offset: r.base + int64(r.r), Detail: "the file holds only whitespace"}
	}
	if c := r.buf[r.r]; isBinaryStart(c) {
		return r.synErrAbs(CodeBinary, r.base+int64(r.r), BinaryUnknown)
	}
	switch c := r.buf[r.r]; c {
	case 0x1e:
		r.layout = Sequence
		r.state = stSeq
	case '{':
		r.pin = r.r
		r.r++
		r.rootFirst = true
		r.state = stRoot
	default:
		if err := r.capture(0, false); err != nil {
			return err
		}
		if err := r.p.validateAll(); err != nil {
			return r.locate(err)
		}
		return r.synErrAbs(CodeNotGeoJSON, r.p.abs,
			"the root is "+kindName(c)+", not a geojson object")
	}
	return nil
}

// skipSpace skips JSON whitespace (and record separators if rs) and reports
// whether a byte follows.
func (r *Reader) skipSpace(rs bool) (bool, error) {
	for {
		for r.r < r.w {
			c := r.buf[r.r]
			if c == ' ' || c == '\n' || c == '\r' || c == '\t' || (rs && c == 0x1e) {
				r.r++
				continue
			}
			return true, nil
		}
		ok, err := r.fill()
		if err != nil || !ok {
			return false, err
		}
	}
}

// expectAt returns a bad-json error for the byte at r.r (or end of input).
func (r *Reader) expectAt(what string) error {
	abs := r.base + int64(r.r)
	if r.r >= r.w {
		return r.synErrAbs(CodeBadJSON, abs, "unexpected end of input, expected "+what)
	}
	return r.synErrAbs(CodeBadJSON, abs, "expected "+what+", found "+describeByte(r.buf[r.r]))
}

// punct skips space and consumes byte c.
func (r *Reader) punct(c byte, what string) error {
	ok, err := r.skipSpace(false)
	if err != nil {
		return err
	}
	if !ok || r.buf[r.r] != c {
		return r.expectAt(what)
	}
	r.r++
	return nil
}

// rootMember handles one member of the root object (or its end).
func (r *Reader) rootMember() (*Feature, error) {
	ok, err := r.skipSpace(false)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, r.expectAt("'}' to close the root object")
	}
	if r.buf[r.r] == '}' {
		r.r++
		return nil, r.endRoot()
	}
	if !r.rootFirst {
		if err := r.punct(',', "',' or '}' after a member of the root object"); err != nil {
			return nil, err
		}
		if ok, err := r.skipSpace(false); err != nil || !ok {
			return nil, firstErr(err, r.expectAt("a member name"))
		}
	}
	r.rootFirst = false
	if r.buf[r.r] != '"' {
		return nil, r.expectAt("a member name in double quotes")
	}
	if err := r.capture(1, false); err != nil {
		return nil, err
	}
	name, ok2, err := r.p.stringMember()
	if err == nil && r.p.i != len(r.p.data) {
		err = r.p.expected("':'")
	}
	if err != nil || !ok2 {
		return nil, r.locate(firstErr(err, r.p.expected("a member name")))
	}
	key := string(name)
	if err := r.punct(':', "':' after a member name"); err != nil {
		return nil, err
	}
	if ok, err := r.skipSpace(false); err != nil || !ok {
		return nil, firstErr(err, r.expectAt("a value"))
	}
	switch key {
	case "type":
		return r.rootType()
	case "features":
		if r.featSeen {
			return nil, r.synErrAbs(CodeDuplicateMember, r.base+int64(r.r), `duplicate "features" member in the root object`)
		}
		r.featSeen = true
		if r.buf[r.r] != '[' {
			at := r.buf[r.r]
			if err := r.captureValid(1); err != nil {
				return nil, err
			}
			return nil, r.synErrAbs(CodeBadFeatures, r.p.abs, `"features" must be an array, found `+kindName(at))
		}
		if r.root == rootUnknown || r.root == rootFC {
			r.r++
			r.pin = -1
			r.layout = FeatureCollection
			r.state = stFeatures
			r.featFirst = true
			return nil, nil
		}
	case "crs":
		at := r.base + int64(r.r)
		if err := r.captureValid(1); err != nil {
			return nil, err
		}
		if r.crsSeen {
			return nil, r.synErrAbs(CodeDuplicateMember, at, `duplicate "crs" member in the root object`)
		}
		r.crsSeen = true
		name, present, problem := decodeCRS(r.p.data)
		if problem != "" {
			return nil, r.synErrAbs(CodeBadCRS, at, problem)
		}
		r.crs = name
		if present && r.featSeen {
			return nil, &LateCRSError{CRS: name}
		}
		return nil, nil
	}
	return nil, r.captureValid(1)
}

// captureValid captures and validates a value, ignoring it.
func (r *Reader) captureValid(depth0 int) error {
	if err := r.capture(depth0, false); err != nil {
		return err
	}
	return r.locate(r.p.validateAll())
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// rootType handles the root's "type" member.
func (r *Reader) rootType() (*Feature, error) {
	at := r.base + int64(r.r)
	if err := r.captureValid(1); err != nil {
		return nil, err
	}
	if ValueKind(r.p.data) != KindString {
		return nil, r.synErrAbs(CodeBadRootType, at, `the root "type" is not a string`)
	}
	t, _ := StringValue(r.p.data)
	if r.root != rootUnknown {
		return nil, r.synErrAbs(CodeDuplicateMember, at,
			fmt.Sprintf(`duplicate "type" member in the root object (%s and %s)`, strconv.Quote(r.rootTypeName), strconv.Quote(t)))
	}
	r.rootTypeName = t
	switch gt := lookupGeomType([]byte(t)); {
	case t == "FeatureCollection":
		r.root = rootFC
		r.layout = FeatureCollection
		r.pin = -1
		return nil, nil
	case t == "Feature":
		r.root = rootFeature
		r.layout = SingleFeature
	case gt != gUnknown:
		r.root = rootGeometry
		r.layout = BareGeometry
	default:
		return nil, r.synErrAbs(CodeBadRootType, at, typeHint([]byte(t), "root"))
	}
	if r.featSeen {
		return nil, r.synErrAbs(CodeBadRootType, at, fmt.Sprintf(`the root is a %s but has a "features" array`, t))
	}
	// A single feature or geometry: take the whole root object in memory.
	if err := r.capture(0, true); err != nil {
		return nil, err
	}
	r.p.data = r.buf[r.pin:r.r]
	r.p.abs = r.base + int64(r.pin)
	r.pin = -1
	f, err := r.record(0, ctxRoot)
	if _, fatal := err.(*SyntaxError); fatal {
		return nil, err
	}
	// a sequence of newline-delimited features, or trailing garbage?
	r.state = stEnd
	// A record separator makes the file a sequence even when no record
	// follows it, so stSeq (not this skip) must see it.
	ok, serr := r.skipSpace(false)
	switch {
	case serr != nil:
		r.pending = serr
	case ok && (r.buf[r.r] == '{' || r.buf[r.r] == 0x1e):
		r.layout = Sequence
		r.state = stSeq
	case ok:
		r.pending = r.expectAt("the end of the file after the root object")
	}
	return f, err
}

// endRoot handles the root object's closing '}'.
func (r *Reader) endRoot() error {
	r.pin = -1
	switch {
	case r.root == rootUnknown && r.featSeen:
		return r.synErrAbs(CodeNotGeoJSON, r.base+int64(r.r-1), `the root object has a "features" array but no "type" member`)
	case r.root == rootUnknown:
		return r.synErrAbs(CodeNotGeoJSON, r.base+int64(r.r-1), `the root object has no "type" member`)
	case !r.featSeen:
		return r.synErrAbs(CodeBadFeatures, r.base+int64(r.r-1), `the featurecollection has no "features" member`)
	}
	r.state = stEnd
	ok, err := r.skipSpace(false)
	if err != nil {
		return err
	}
	if ok {
		return r.expectAt("the end of the file after the featurecollection")
	}
	return io.EOF
}

// collectionElement reads the next element of the features array.
func (r *Reader) collectionElement() (*Feature, error) {
	ok, err := r.skipSpace(false)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, r.expectAt("']' to close the features array")
	}
	if r.buf[r.r] == ']' {
		r.r++
		r.featDone = true
		r.state = stRoot
		return nil, nil
	}
	if !r.featFirst {
		if err := r.punct(',', "',' or ']' after a feature"); err != nil {
			return nil, err
		}
		if ok, err := r.skipSpace(false); err != nil || !ok {
			return nil, firstErr(err, r.expectAt("a feature"))
		}
	}
	r.featFirst = false
	if err := r.capture(2, false); err != nil {
		return nil, err
	}
	return r.record(2, ctxCollection)
}

type recordCtx uint8

const (
	ctxCollection recordCtx = iota // an element of "features"
	ctxSeq                         // a record of a text sequence
	ctxRoot                        // the root object (type already known)
)

// record interprets the captured value in r.p as one feature.
func (r *Reader) record(depth0 int, ctx recordCtx) (*Feature, error) {
	if ctx == ctxSeq {
		if err := r.capture(depth0, false); err != nil {
			return nil, err
		}
	}
	p := &r.p
	idx := r.index
	r.index++
	f := &Feature{Index: idx, Offset: p.abs}
	f.Line, _ = r.position(p.abs)
	p.resetFeature()
	if p.data[0] != '{' {
		if err := p.validateAll(); err != nil {
			return nil, r.locate(err)
		}
		p.failType(0, "a feature must be an object, found "+kindName(p.data[0]))
		return nil, r.featureErr(f, nil)
	}
	var sp featureSpans
	var err error
	kind := r.root
	if ctx == ctxSeq {
		typ, ok, _, terr := p.rootType(false)
		if terr != nil {
			return nil, r.locate(terr)
		}
		kind = rootFeature
		if ok && lookupGeomType(typ) != gUnknown {
			kind = rootGeometry
		} else if ok && string(typ) == "FeatureCollection" {
			return nil, r.synErrAbs(CodeBadRootType, p.abs, "a featurecollection inside a text sequence; only features and geometries can be records")
		}
	} else if ctx == ctxCollection {
		kind = rootFeature
	} else {
		_, _, crs, terr := p.rootType(true)
		if terr != nil {
			return nil, r.locate(terr)
		}
		if crs != nil {
			name, _, problem := decodeCRS(crs)
			if problem != "" {
				return nil, r.synErrAbs(CodeBadCRS, p.abs+int64(cap(p.data)-cap(crs)), problem)
			}
			r.crs, r.crsSeen = name, true
		}
	}
	p.i = 0
	if kind == rootGeometry {
		f.Geometry, err = p.geometry(0)
		sp = featureSpans{-1, -1, -1, -1}
	} else {
		sp, err = p.feature(f)
	}
	if err == nil {
		p.ws()
		if p.i < len(p.data) {
			err = p.badJSON(p.i, "unexpected "+describeByte(p.data[p.i])+" after the end of a feature")
		}
	}
	if err != nil {
		return nil, r.locate(err)
	}
	if p.ferr != nil {
		return nil, r.featureErr(f, p.data[max(sp.idS, 0):max(sp.idE, 0)])
	}
	n := 0
	if sp.idS >= 0 {
		n += sp.idE - sp.idS
	}
	if sp.propS >= 0 {
		n += sp.propE - sp.propS
	}
	if n > 0 {
		own := make([]byte, 0, n)
		if sp.idS >= 0 {
			own = append(own, p.data[sp.idS:sp.idE]...)
			f.ID = own[:len(own):len(own)]
		}
		if sp.propS >= 0 {
			s := len(own)
			own = append(own, p.data[sp.propS:sp.propE]...)
			f.Properties = own[s:]
		}
	}
	f.HasZ = p.hasZ
	return f, nil
}

// featureErr completes p.ferr for feature f.
func (r *Reader) featureErr(f *Feature, rawID []byte) error {
	e := r.p.ferr
	e.Index, e.Offset, e.Line = f.Index, f.Offset, f.Line
	e.ID, _ = StringValue(rawID)
	e.ProblemLine, e.ProblemCol = r.position(e.ProblemOffset)
	return e
}

// locate fills in the line and column of a syntax error from pass 2.
func (r *Reader) locate(err error) error {
	if se, ok := err.(*SyntaxError); ok && se.Line == 0 {
		se.Line, se.Col = r.position(se.Offset)
	}
	return err
}
