package app

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// The render cache: each layer's records at each level of detail
// (maprender_lod.go), one file per layer and level, outside the project
// file, so it can never make a project invalid and a read-only project
// (`minerehab render` opens read-only) can have one too. A file is named
// after the project's id, the layer, the level and the layer's change
// token (models.LayerTokener), which the project's triggers renew in the
// transaction of every change to the layer's rows: a file whose token is
// not the layer's current one is never read, so a stale cache is never
// drawn. Files are written beside their final name and renamed, checked
// by a CRC-32C when read, and a file that does not decode is ignored.
//
// The directory is $MINEREHAB_RENDER_CACHE, or minerehab/render under the
// user's cache directory; MINEREHAB_RENDER_CACHE=off turns the cache off.
// Writing a layer's level removes the files of its older tokens, and the
// directories of the projects written least recently beyond the 32 last.
//
// Format (little endian), written as the records come (see levelWriter):
// "MRRC", format version u32, symbology version u32, level u32, token
// (u16 length, bytes); then per record its five attributes, each a u32
// index into the attribute's dictionary, the next index (one past the
// last) introducing a new string, which follows as u32 length + bytes;
// then its geometry: a type byte (0 none, 1 point, 2 line string, 3
// polygon, 4 multi line string, 5 multi polygon, 6 multi point, 7
// collection), the origin (the first point, two i64 counts of
// quantStep), and its parts as u32 counts and i32 pairs of quantStep from
// the origin (a collection: a u32 count and its members, each as a
// record's geometry); then the record, point and part counts (u32 each)
// and the CRC-32C of all before it. Levels are on the quantStep grid, so
// a file holds them exactly.

// renderCacheFormat is the version of the file format.
const renderCacheFormat = 2

// symbologyVersion must change whenever what lodRecordOf keeps of a
// feature, or how StyleFor and mapLabel read it, changes: files of
// another version are not read.
const symbologyVersion = 1

// renderCacheEnv names the cache directory, or "off".
const renderCacheEnv = "MINEREHAB_RENDER_CACHE"

// renderCacheDir is the cache directory, "" when there is none.
func renderCacheDir() string {
	if d := os.Getenv(renderCacheEnv); d != "" {
		if d == "off" {
			return ""
		}
		return d
	}
	if renderCacheDirDefault != "" {
		return renderCacheDirDefault
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "minerehab", "render")
}

// renderCacheDirDefault overrides the user's cache directory (tests).
var renderCacheDirDefault string

// cacheFileName is the file of a layer's level for a token, under dir.
func cacheFileName(dir, project, layer string, level int, token []byte) string {
	return filepath.Join(dir, safeName(project), layer+"-L"+strconv.Itoa(level)+"-"+hex.EncodeToString(token)+".mrc")
}

// safeName keeps a project id usable as a directory name.
func safeName(s string) string {
	if s == "" {
		return "unknown"
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' {
			return r
		}
		return '_'
	}, s)
}

// loadLayer reads a layer's level k for token from the cache, ready to
// draw (labels with labels set); ok is false when it has none (or a
// damaged one).
func loadLayer(dir, project, layer string, k int, token []byte, labels bool) (ml *mapLayer, ok bool) {
	if dir == "" || len(token) == 0 {
		return nil, false
	}
	b, release, err := readCacheFile(cacheFileName(dir, project, layer, k, token))
	if err != nil {
		return nil, false
	}
	defer release() // the records copy what they keep
	ml = &mapLayer{name: layer}
	err = decodeLevelTo(b, k, token, func(n int) { ml.feats = make([]mapFeature, 0, n) },
		func(r *lodRecord) { ml.appendRecord(r, labels) })
	if err != nil {
		return nil, false
	}
	return ml, true
}

// Geometry type bytes.
const (
	gNone = iota
	gPoint
	gLine
	gPolygon
	gMultiLine
	gMultiPolygon
	gMultiPoint
	gCollection
)

// maxCollectionDepth bounds nested collections in a file.
const maxCollectionDepth = 8

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// levelWriter writes a layer's level into the cache as its records come:
// to a temporary file beside its final name, renamed by commit.
type levelWriter struct {
	w     io.Writer
	bw    *bufio.Writer
	f     *os.File // nil when writing to a buffer
	crc   hash.Hash32
	e     enc
	dicts [numLodAttrs]map[string]uint32
	n     int
	err   error
	name  string // final file name
}

// newLevelWriter starts the file of a layer's level k for token; nil when
// there is no cache (or it cannot be written: the map goes on without).
func newLevelWriter(dir, project, layer string, k int, token []byte) *levelWriter {
	if dir == "" || len(token) == 0 {
		return nil
	}
	name := cacheFileName(dir, project, layer, k, token)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return nil
	}
	lw := &levelWriter{f: f, bw: bufio.NewWriterSize(f, 1<<16), name: name}
	lw.start(lw.bw, k, token)
	return lw
}

func (lw *levelWriter) start(w io.Writer, k int, token []byte) {
	lw.w, lw.crc = w, crc32.New(castagnoli)
	for a := range lw.dicts {
		lw.dicts[a] = map[string]uint32{}
	}
	e := &lw.e
	e.b = append(e.b[:0], "MRRC"...)
	e.u32(renderCacheFormat)
	e.u32(symbologyVersion)
	e.u32(uint32(k))
	e.b = binary.LittleEndian.AppendUint16(e.b, uint16(len(token)))
	e.b = append(e.b, token...)
	lw.flush()
}

// flush writes the bytes encoded so far.
func (lw *levelWriter) flush() {
	if lw.err == nil {
		lw.crc.Write(lw.e.b)
		_, lw.err = lw.w.Write(lw.e.b)
	}
	lw.e.b = lw.e.b[:0]
}

// add writes one record (at the writer's level).
func (lw *levelWriter) add(r *lodRecord) {
	if lw == nil {
		return
	}
	e := &lw.e
	for a := range numLodAttrs {
		v := r.attrs[a]
		j, ok := lw.dicts[a][v]
		if !ok {
			j = uint32(len(lw.dicts[a]))
			lw.dicts[a][v] = j
			e.u32(j)
			e.u32(uint32(len(v)))
			e.b = append(e.b, v...)
			continue
		}
		e.u32(j)
	}
	e.geom(r.geom)
	lw.n++
	if len(e.b) >= 1<<15 {
		lw.flush()
	}
}

// finish writes the counts and the checksum; ok is false when the file
// cannot be used.
func (lw *levelWriter) finish() bool {
	e := &lw.e
	e.u32(uint32(lw.n))
	e.u32(uint32(e.points))
	e.u32(uint32(e.parts))
	lw.flush()
	if lw.err == nil {
		_, lw.err = lw.w.Write(binary.LittleEndian.AppendUint32(nil, lw.crc.Sum32()))
	}
	return lw.err == nil && !e.overflow && lw.n < 1<<31 && e.points < 1<<31
}

// commit finishes the file and puts it in place, removing the layer's
// level files for other tokens; abort (or a failure) removes it.
func (lw *levelWriter) commit() {
	if lw == nil {
		return
	}
	ok := lw.finish()
	if lw.err == nil {
		lw.err = lw.bw.Flush()
	}
	if err := lw.f.Close(); lw.err == nil {
		lw.err = err
	}
	if !ok || lw.err != nil || os.Rename(lw.f.Name(), lw.name) != nil {
		os.Remove(lw.f.Name())
		return
	}
	base := filepath.Base(lw.name)
	prefix := base[:strings.LastIndexByte(base, '-')+1]
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(lw.name), prefix+"*.mrc"))
	for _, o := range old {
		if o != lw.name {
			os.Remove(o)
		}
	}
	pruneProjects(filepath.Dir(filepath.Dir(lw.name)), filepath.Dir(lw.name))
}

// maxCachedProjects bounds how many projects the render cache keeps.
const maxCachedProjects = 32

// pruneProjects removes the project directories of the cache directory
// dir written least recently beyond maxCachedProjects, keeping keep.
func pruneProjects(dir, keep string) {
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) <= maxCachedProjects {
		return
	}
	type proj struct {
		path string
		mod  int64
	}
	var ps []proj
	for _, e := range ents {
		if info, err := e.Info(); err == nil && e.IsDir() {
			ps = append(ps, proj{filepath.Join(dir, e.Name()), info.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(ps, func(a, b proj) int { return cmp.Compare(b.mod, a.mod) })
	for _, p := range ps[min(len(ps), maxCachedProjects):] {
		if p.path != keep {
			os.RemoveAll(p.path)
		}
	}
}

// abort drops the file.
func (lw *levelWriter) abort() {
	if lw == nil {
		return
	}
	lw.f.Close()
	os.Remove(lw.f.Name())
}

// encodeLevel is the file of a layer's level k (records at that level,
// see lodGeometry) in memory; ok is false when a feature reaches further
// than the file can say.
func encodeLevel(recs []lodRecord, k int, token []byte) (b []byte, ok bool) {
	var buf bytes.Buffer
	var lw levelWriter
	lw.start(&buf, k, token)
	for i := range recs {
		lw.add(&recs[i])
	}
	ok = lw.finish()
	return buf.Bytes(), ok
}

type enc struct {
	b             []byte
	ox, oy        int64 // origin, quantSteps
	points, parts int
	overflow      bool
}

// maxSteps bounds the origins of a file, quantSteps (65,536°: far
// beyond any coordinate, and small enough that origin plus offset is an
// exact float64).
const maxSteps = 1 << 40

// steps is v in quantSteps (v is on the grid; non-finite values and
// values beyond maxSteps overflow).
func (e *enc) steps(v float64) int64 {
	s := math.Round(v / quantStep)
	if !(math.Abs(s) <= maxSteps) {
		e.overflow = true
		return 0
	}
	return int64(s)
}

// off appends v as an i32 offset from o.
func (e *enc) off(v float64, o int64) {
	d := e.steps(v) - o
	if d < math.MinInt32 || d > math.MaxInt32 {
		e.overflow = true
	}
	e.u32(uint32(int32(d)))
}

func (e *enc) u32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }

func (e *enc) origin(p orb.Point) {
	e.ox, e.oy = e.steps(p[0]), e.steps(p[1])
	e.b = binary.LittleEndian.AppendUint64(e.b, uint64(e.ox))
	e.b = binary.LittleEndian.AppendUint64(e.b, uint64(e.oy))
}

func (e *enc) pts(pts []orb.Point) {
	e.u32(uint32(len(pts)))
	e.points += len(pts)
	e.parts++
	for _, p := range pts {
		e.off(p[0], e.ox)
		e.off(p[1], e.oy)
	}
}

// first is the first point of g (ok false when it has none).
func first(g orb.Geometry) (orb.Point, bool) {
	firstOf := func(ls [][]orb.Point) (orb.Point, bool) {
		for _, l := range ls {
			if len(l) > 0 {
				return l[0], true
			}
		}
		return orb.Point{}, false
	}
	switch g := g.(type) {
	case orb.Point:
		return g, true
	case orb.MultiPoint:
		return firstOf([][]orb.Point{g})
	case orb.LineString:
		return firstOf([][]orb.Point{g})
	case orb.MultiLineString:
		for _, l := range g {
			if p, ok := firstOf([][]orb.Point{l}); ok {
				return p, true
			}
		}
	case orb.Polygon:
		for _, r := range g {
			if p, ok := firstOf([][]orb.Point{r}); ok {
				return p, true
			}
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			if p, ok := first(pg); ok {
				return p, true
			}
		}
	case orb.Collection:
		for _, m := range g {
			if p, ok := first(m); ok {
				return p, true
			}
		}
	}
	return orb.Point{}, false
}

func (e *enc) geom(g orb.Geometry) {
	o, ok := first(g)
	if !ok {
		e.b = append(e.b, gNone)
		return
	}
	switch g := g.(type) {
	case orb.Point:
		e.b = append(e.b, gPoint)
		e.origin(o)
	case orb.MultiPoint:
		e.b = append(e.b, gMultiPoint)
		e.origin(o)
		e.pts(g)
	case orb.LineString:
		e.b = append(e.b, gLine)
		e.origin(o)
		e.pts(g)
	case orb.MultiLineString:
		e.b = append(e.b, gMultiLine)
		e.origin(o)
		e.u32(uint32(len(g)))
		for _, l := range g {
			e.pts(l)
		}
	case orb.Polygon:
		e.b = append(e.b, gPolygon)
		e.origin(o)
		e.u32(uint32(len(g)))
		for _, r := range g {
			e.pts(r)
		}
	case orb.MultiPolygon:
		e.b = append(e.b, gMultiPolygon)
		e.origin(o)
		e.u32(uint32(len(g)))
		for _, pg := range g {
			e.u32(uint32(len(pg)))
			for _, r := range pg {
				e.pts(r)
			}
		}
	case orb.Collection:
		e.b = append(e.b, gCollection)
		e.origin(o)
		e.u32(uint32(len(g)))
		for _, m := range g {
			e.geom(m)
		}
	default:
		e.b = append(e.b, gNone)
	}
}

// errCacheFile is any damage to a cache file.
var errCacheFile = errors.New("damaged render cache file")

// decodeLevel reads a file written by a levelWriter for level k and
// token.
func decodeLevel(b []byte, k int, token []byte) ([]lodRecord, error) {
	var recs []lodRecord
	err := decodeLevelTo(b, k, token, func(n int) { recs = make([]lodRecord, 0, n) },
		func(r *lodRecord) { recs = append(recs, *r) })
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// decodeLevelTo reads a file written by a levelWriter for level k and
// token, calling count with the number of records, then add with each
// (reused: add copies what it keeps). The strings and points of the
// records do not refer to b. Every count is checked against the bytes
// left, so no input can make it allocate more than a few times the
// file's size, or panic; a damaged file may have called add before the
// error.
func decodeLevelTo(b []byte, k int, token []byte, count func(int), add func(*lodRecord)) error {
	if len(b) < 16 || crc32.Checksum(b[:len(b)-4], castagnoli) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return errCacheFile
	}
	tail := b[len(b)-16:]
	n := int(binary.LittleEndian.Uint32(tail))
	npts := int(binary.LittleEndian.Uint32(tail[4:]))
	nparts := int(binary.LittleEndian.Uint32(tail[8:]))
	d := dec{b: b[:len(b)-16]}
	if string(d.bytes(4)) != "MRRC" || d.u32() != renderCacheFormat || d.u32() != symbologyVersion || d.u32() != uint32(k) {
		return errCacheFile
	}
	tl := int(d.u16())
	if !bytes.Equal(d.bytes(tl), token) {
		return errCacheFile
	}
	// A record takes at least 21 bytes, a point 8, a part 4.
	if d.err != nil || n > d.left()/21 || npts > d.left()/8 || nparts > d.left()/4 {
		return errCacheFile
	}
	count(n)
	var dicts [numLodAttrs][]string
	d.slab = make([]orb.Point, npts)
	d.rings = make([]orb.Ring, 0, nparts)
	var r lodRecord
	for range n {
		for a := range numLodAttrs {
			j := int(d.u32())
			switch {
			case j < len(dicts[a]):
			case j == len(dicts[a]):
				dicts[a] = append(dicts[a], string(d.bytes(int(d.u32()))))
			default:
				return errCacheFile
			}
			if d.err != nil {
				return errCacheFile
			}
			r.attrs[a] = dicts[a][j]
		}
		r.geom = d.geom(0)
		if d.err != nil {
			return errCacheFile
		}
		add(&r)
	}
	if d.err != nil || d.left() != 0 {
		return errCacheFile
	}
	return nil
}

type dec struct {
	b      []byte
	off    int
	err    error
	ox, oy int64       // origin, quantSteps
	slab   []orb.Point // points not handed out yet
	rings  []orb.Ring  // slab of part headers
}

func (d *dec) left() int { return len(d.b) - d.off }

func (d *dec) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > d.left() {
		d.err = errCacheFile
		return nil
	}
	s := d.b[d.off : d.off+n]
	d.off += n
	return s
}

func (d *dec) u16() uint16 {
	if s := d.bytes(2); s != nil {
		return binary.LittleEndian.Uint16(s)
	}
	return 0
}

func (d *dec) u32() uint32 {
	if s := d.bytes(4); s != nil {
		return binary.LittleEndian.Uint32(s)
	}
	return 0
}

func (d *dec) i64() int64 {
	if s := d.bytes(8); s != nil {
		v := int64(binary.LittleEndian.Uint64(s))
		if v < -maxSteps || v > maxSteps {
			d.err = errCacheFile
		}
		return v
	}
	return 0
}

func (d *dec) origin() orb.Point {
	d.ox, d.oy = d.i64(), d.i64()
	return orb.Point{float64(d.ox) * quantStep, float64(d.oy) * quantStep}
}

// pts reads one part into the point slab.
func (d *dec) pts() []orb.Point {
	n := int(d.u32())
	s := d.bytes(8 * n)
	if s == nil || n > len(d.slab) {
		d.err = errCacheFile
		return nil
	}
	out := d.slab[:n:n]
	d.slab = d.slab[n:]
	for i := range out {
		x := int32(binary.LittleEndian.Uint32(s[8*i:]))
		y := int32(binary.LittleEndian.Uint32(s[8*i+4:]))
		out[i] = orb.Point{float64(d.ox+int64(x)) * quantStep, float64(d.oy+int64(y)) * quantStep}
	}
	return out
}

// parts reads a count and that many parts, as rings out of the ring slab.
func (d *dec) parts() []orb.Ring {
	n := int(d.u32())
	if d.err != nil || n > d.left()/4 || len(d.rings)+n > cap(d.rings) {
		d.err = errCacheFile
		return nil
	}
	start := len(d.rings)
	for range n {
		d.rings = append(d.rings, orb.Ring(d.pts()))
	}
	return d.rings[start:len(d.rings):len(d.rings)]
}

func (d *dec) geom(depth int) orb.Geometry {
	t := d.bytes(1)
	if t == nil {
		return nil
	}
	if t[0] == gNone {
		return nil
	}
	o := d.origin()
	switch t[0] {
	case gPoint:
		return o
	case gMultiPoint:
		return orb.MultiPoint(d.pts())
	case gLine:
		return orb.LineString(d.pts())
	case gPolygon:
		return orb.Polygon(d.parts())
	case gMultiLine:
		rs := d.parts()
		out := make(orb.MultiLineString, len(rs))
		for i, r := range rs {
			out[i] = orb.LineString(r)
		}
		return out
	case gMultiPolygon:
		n := int(d.u32())
		if d.err != nil || n > d.left()/4 {
			d.err = errCacheFile
			return nil
		}
		out := make(orb.MultiPolygon, n)
		for i := range out {
			out[i] = orb.Polygon(d.parts())
		}
		return out
	case gCollection:
		n := int(d.u32())
		if d.err != nil || n > d.left() || depth >= maxCollectionDepth {
			d.err = errCacheFile
			return nil
		}
		out := make(orb.Collection, 0, n)
		for range n {
			if m := d.geom(depth + 1); m != nil {
				out = append(out, m)
			}
		}
		return out
	}
	d.err = errCacheFile
	return nil
}
