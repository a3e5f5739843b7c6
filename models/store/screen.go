package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/gis/proximity"
	"minerehab/models"
)

// Screening (policy section 十五) over the spatial index: the river lines
// are read and prepared once (gis/proximity); the R*Tree of each screened
// layer proposes the features whose box meets a river chunk's box grown by
// the distance; of those, the ones whose index box the lines pass well
// clear of (proximity.Index.Far) are dropped unread, and the rest are read
// in fid order, decoded and measured exactly by a few workers.

var _ models.Screener = (*Store)(nil)

// Screen implements models.Screener.
func (s *Store) Screen(ctx context.Context, p models.ScreenParams) (*models.Screening, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	res := &models.Screening{At: time.Now().UTC().Truncate(time.Millisecond), Params: p, DistanceM: p.DistanceM, Hits: []models.ScreenHit{}}
	geoms, err := s.screenRivers(ctx, p.Rivers, res)
	if err != nil {
		return nil, err
	}
	ix, _, err := proximity.NewIndex(geoms, proximity.Options{})
	if err != nil {
		var pe *proximity.Error
		if errors.As(err, &pe) && pe.Code == proximity.CodeNoLines {
			return nil, &models.ScreenError{Code: models.CodeScreenNoLines, Detail: riverList(p.Rivers), Err: err}
		}
		return nil, &models.ScreenError{Code: models.CodeScreenGeometry, Detail: riverList(p.Rivers), Err: err}
	}
	boxes, err := ix.Boxes(p.DistanceM)
	if err != nil {
		return nil, &models.ScreenError{Code: models.CodeScreenBadDistance, Detail: fmt.Sprint(p.DistanceM), Err: err}
	}
	skip := map[string]map[int64]bool{}
	for _, r := range res.Rivers {
		if skip[r.Layer] == nil {
			skip[r.Layer] = map[int64]bool{}
		}
		skip[r.Layer][r.ID] = true
	}
	conn, restore, err := s.unmappedConn(ctx, "screen")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer restore()
	hits, err := s.screenLayers(ctx, conn, p.Layers, ix, boxes, p.DistanceM, skip, res)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err // cancelled: what was read is not the whole answer
	}
	res.Hits = hits
	models.SortHits(res.Hits) // in order already: one pass
	return res, nil
}

func riverList(rs []models.RiverRef) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return strings.Join(out, ", ")
}

// screenRivers reads the river features, records them in res (with the
// fingerprint of their geometries) and returns their geometries.
func (s *Store) screenRivers(ctx context.Context, refs []models.RiverRef, res *models.Screening) ([]orb.Geometry, error) {
	var geoms []orb.Geometry
	seen := map[models.RiverUsed]bool{}
	h := sha256.New()
	for _, ref := range refs {
		if err := s.checkLayer("screen", ref.Layer); err != nil {
			return nil, &models.ScreenError{Code: models.CodeScreenUnknownLayer, Detail: ref.Layer, Err: err}
		}
		n := 0
		err := s.Features(ctx, ref.Layer, nil, func(f *models.Feature) error {
			if ref.Name != "" && strings.TrimSpace(f.Attrs.Name) != ref.Name {
				return nil
			}
			n++
			u := models.RiverUsed{Layer: ref.Layer, ID: f.ID, Name: f.Attrs.Name}
			if seen[u] {
				return nil
			}
			seen[u] = true
			res.Rivers = append(res.Rivers, u)
			geoms = append(geoms, f.Geometry)
			wkb, err := gpkg.EncodeWKB(f.Geometry)
			if err != nil {
				return &models.ScreenError{Code: models.CodeScreenGeometry, Detail: fmt.Sprintf("%s #%d", ref.Layer, f.ID), Err: err}
			}
			var hdr [8]byte
			binary.LittleEndian.PutUint64(hdr[:], uint64(f.ID))
			h.Write([]byte(ref.Layer))
			h.Write(hdr[:])
			h.Write(wkb)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, &models.ScreenError{Code: models.CodeScreenNoRivers, Detail: ref.String()}
		}
	}
	res.RiversSHA256 = hex.EncodeToString(h.Sum(nil))
	return geoms, nil
}

// screenLayers measures the candidates of each layer in turn and returns
// the hits in models.SortHits order. The calling goroutine finds and reads
// the candidates, layer after layer, while screenWorkers goroutines decode
// and measure them.
func (s *Store) screenLayers(ctx context.Context, conn *sql.Conn, layers []string, ix *proximity.Index, boxes []orb.Bound, d float64,
	skip map[string]map[int64]bool, res *models.Screening) ([]models.ScreenHit, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan *screenBlock, screenWorkers*2)
	found := make([]hitList, screenWorkers)
	var wg sync.WaitGroup
	for w := range screenWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var dec gpkg.Decoder
			l := &found[w]
			for block := range work {
				for i := range block.rows {
					hit, ok, err := screenOne(block.layer, &block.rows[i], ix, d, &dec)
					if err != nil {
						cancel(err)
						continue
					}
					if ok {
						l.add(&hit, block.order)
					}
				}
				block.release()
			}
			slices.SortFunc(l.keys, compareHitKeys)
		}()
	}
	order := layerOrder(layers)
	err := func() error {
		for _, layer := range layers {
			ids, err := s.screenIDs(ctx, conn, layer, ix, boxes, d, skip[layer], res)
			if err != nil {
				return err
			}
			const batch = 20000
			for lo := 0; lo < len(ids); lo += batch {
				if err := s.screenRead(ctx, conn, layer, order[layer], ids[lo:min(lo+batch, len(ids))], work); err != nil || ctx.Err() != nil {
					return err
				}
			}
		}
		return nil
	}()
	close(work)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil && cause != context.Canceled {
		return nil, cause
	}
	if err != nil {
		return nil, err
	}
	return mergeHits(found), nil
}

// screenIDs returns, sorted, the fids of the layer's features to read and
// measure, and counts the candidates in res: the features whose index box
// meets a box, but for the rivers themselves (skip) and those whose index
// box the lines pass well clear of, which hold nothing within d.
func (s *Store) screenIDs(ctx context.Context, conn *sql.Conn, layer string, ix *proximity.Index, boxes []orb.Bound, d float64,
	skip map[int64]bool, res *models.Screening) ([]int64, error) {
	if err := s.checkLayer("screen", layer); err != nil {
		return nil, &models.ScreenError{Code: models.CodeScreenUnknownLayer, Detail: layer, Err: err}
	}
	var seen, want fidSet
	candidate := func(id int64, box *orb.Bound) {
		if !seen.add(id) {
			return
		}
		res.Candidates++
		if !skip[id] && !ix.Far(*box, d) {
			want.add(id)
		}
	}
	scanned, err := s.screenScanIndex(ctx, conn, layer, boxes, candidate)
	if err == nil && !scanned {
		err = s.screenCandidates(ctx, conn, layer, boxes, candidate)
	}
	if err != nil {
		return nil, err
	}
	return want.sorted(), nil
}

// screenCandidates calls fn with each feature whose index box meets a box,
// and that box. The query of each box leaves out what an earlier box that
// overlaps it has already found (most of the repeats: the boxes of
// consecutive river chunks overlap); fn may still see a feature twice.
func (s *Store) screenCandidates(ctx context.Context, conn *sql.Conn, layer string, boxes []orb.Bound, fn func(id int64, box *orb.Bound)) error {
	rt := gpkg.QuoteIdent(gpkg.RTreeName(layer, GeomColumn))
	const meet = "maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?"
	for j := range boxes {
		q := "SELECT id, minx, maxx, miny, maxy FROM " + rt + " WHERE " + meet
		args := bboxArgs(&boxes[j])
		for i := range boxes[:j] {
			if boxes[i].Intersects(boxes[j]) {
				q += " AND NOT (" + meet + ")"
				args = append(args, bboxArgs(&boxes[i])...)
			}
		}
		err := rawQuery(ctx, conn, q, args, 5, func(v []driver.Value) error {
			id, ok := v[0].(int64)
			if !ok {
				return fmt.Errorf("index id %v (%T)", v[0], v[0])
			}
			var box orb.Bound
			for k, dst := range []*float64{&box.Min[0], &box.Max[0], &box.Min[1], &box.Max[1]} {
				if *dst, ok = v[1+k].(float64); !ok {
					return fmt.Errorf("index box %v (%T)", v[1+k], v[1+k])
				}
			}
			fn(id, &box)
			return nil
		})
		if err != nil {
			return classify("screen "+layer+" in", s.path, err)
		}
	}
	return nil
}

// screenRow is one candidate read from a layer, waiting to be measured:
// blob is its GeoPackage geometry (a slice of its block's buffer).
type screenRow struct {
	fid                       int64
	blob                      []byte
	name, lic, kind, district string
}

// screenWorkers decode and measure candidates while the calling goroutine
// reads them.
var screenWorkers = max(1, min(runtime.GOMAXPROCS(0), 4))

// screenBlock is a block of rows read, and the buffer their geometry
// blobs are in; blocks are recycled (a screening reads some 60 MB of
// geometry, and fresh memory costs a page fault per page).
type screenBlock struct {
	layer string
	order int32 // layerOrder's number of the layer
	rows  []screenRow
	buf   []byte
}

const (
	screenBlockRows = 512
	screenBlockBuf  = 512 << 10
)

var screenBlocks = sync.Pool{New: func() any {
	return &screenBlock{rows: make([]screenRow, 0, screenBlockRows), buf: make([]byte, 0, screenBlockBuf)}
}}

// release returns b to the pool once its rows are measured.
func (b *screenBlock) release() {
	if cap(b.buf) > 8*screenBlockBuf {
		return // grown for a huge geometry: not kept
	}
	clear(b.rows) // drop the strings
	b.rows, b.buf = b.rows[:0], b.buf[:0]
	screenBlocks.Put(b)
}

// screenRead sends the rows of the given fids (sorted) to work, in blocks.
func (s *Store) screenRead(ctx context.Context, conn *sql.Conn, layer string, order int32, ids []int64, work chan<- *screenBlock) error {
	var list strings.Builder
	list.Grow(len(ids)*8 + 2)
	list.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			list.WriteByte(',')
		}
		list.WriteString(strconv.FormatInt(id, 10))
	}
	list.WriteByte(']')
	block := screenBlocks.Get().(*screenBlock)
	block.layer, block.order = layer, order
	var ends []int // where each row's blob ends in block.buf
	send := func() bool {
		// Sliced only now that the buffer no longer moves.
		for i := range block.rows {
			lo := 0
			if i > 0 {
				lo = ends[i-1]
			}
			block.rows[i].blob = block.buf[lo:ends[i]:ends[i]]
		}
		select {
		case work <- block:
			block, ends = screenBlocks.Get().(*screenBlock), ends[:0]
			block.layer, block.order = layer, order
			return true
		case <-ctx.Done():
			return false
		}
	}
	stopped := errors.New("stopped")
	err := rawQuery(ctx, conn, "SELECT fid, geom, name, licence, kind, district FROM "+gpkg.QuoteIdent(layer)+
		" WHERE fid IN (SELECT value FROM json_each(?)) ORDER BY fid", []any{list.String()}, 6, func(v []driver.Value) error {
		var r screenRow
		var ok bool
		if r.fid, ok = v[0].(int64); !ok {
			return fmt.Errorf("fid %v (%T)", v[0], v[0])
		}
		start := len(block.buf)
		switch g := v[1].(type) {
		case nil:
		case []byte:
			block.buf = append(block.buf, g...)
		default: // not a blob: Decode refuses it
			block.buf = fmt.Append(block.buf, g)
		}
		if len(block.buf) == start {
			return nil // no geometry (NULL or empty): nothing to measure
		}
		ends = append(ends, len(block.buf))
		for k, dst := range []*string{&r.name, &r.lic, &r.kind, &r.district} {
			*dst = textValue(v[2+k])
		}
		block.rows = append(block.rows, r)
		if len(block.rows) == screenBlockRows && !send() {
			return stopped
		}
		return nil
	})
	if err == stopped || (err != nil && ctx.Err() != nil) {
		return nil
	}
	if err != nil {
		return classify("screen "+layer+" in", s.path, err)
	}
	if len(block.rows) > 0 {
		send()
	}
	return nil
}

// screenOne decodes (with dec, the worker's) and measures one candidate.
func screenOne(layer string, r *screenRow, ix *proximity.Index, d float64, dec *gpkg.Decoder) (models.ScreenHit, bool, error) {
	g, _, err := dec.Decode(r.blob)
	if err != nil {
		return models.ScreenHit{}, false, &models.ScreenError{Code: models.CodeScreenGeometry, Detail: fmt.Sprintf("%s #%d", layer, r.fid), Err: err}
	}
	dist, ok, err := ix.Within(g, d)
	if err != nil {
		return models.ScreenHit{}, false, &models.ScreenError{Code: models.CodeScreenGeometry, Detail: fmt.Sprintf("%s #%d", layer, r.fid), Err: err}
	}
	if !ok {
		return models.ScreenHit{}, false, nil
	}
	return models.ScreenHit{Layer: layer, ID: r.fid, Licence: r.lic, Name: r.name,
		Kind: models.SiteKind(r.kind), District: r.district, DistanceM: dist}, true, nil
}
