package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
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
// the distance; only those are decoded and measured exactly.

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
	for _, layer := range p.Layers {
		if err := s.screenLayer(ctx, layer, ix, boxes, p.DistanceM, skip[layer], res); err != nil {
			return nil, err
		}
	}
	models.SortHits(res.Hits)
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

// screenLayer measures the candidates of one layer and appends its hits.
func (s *Store) screenLayer(ctx context.Context, layer string, ix *proximity.Index, boxes []orb.Bound, d float64,
	skip map[int64]bool, res *models.Screening) error {
	if err := s.checkLayer("screen", layer); err != nil {
		return &models.ScreenError{Code: models.CodeScreenUnknownLayer, Detail: layer, Err: err}
	}
	ids, err := s.screenCandidates(ctx, layer, boxes)
	if err != nil {
		return err
	}
	res.Candidates += len(ids)
	const batch = 20000
	for lo := 0; lo < len(ids); lo += batch {
		chunk := ids[lo:min(lo+batch, len(ids))]
		if err := s.screenBatch(ctx, layer, chunk, ix, d, skip, res); err != nil {
			return err
		}
	}
	return nil
}

// screenCandidates returns, sorted, the fids whose index box meets a box.
func (s *Store) screenCandidates(ctx context.Context, layer string, boxes []orb.Bound) ([]int64, error) {
	rt := gpkg.QuoteIdent(gpkg.RTreeName(layer, GeomColumn))
	q := "SELECT id FROM " + rt + " WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?"
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return nil, classify("screen "+layer+" in", s.path, err)
	}
	defer conn.Close()
	stmt, err := conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, classify("screen "+layer+" in", s.path, err)
	}
	defer stmt.Close()
	set := map[int64]struct{}{}
	for _, b := range boxes {
		rows, err := stmt.QueryContext(ctx, bboxArgs(&b)...)
		if err != nil {
			return nil, classify("screen "+layer+" in", s.path, err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, classify("screen "+layer+" in", s.path, err)
			}
			set[id] = struct{}{}
		}
		if err := rows.Close(); err != nil {
			return nil, classify("screen "+layer+" in", s.path, err)
		}
	}
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// screenRow is one candidate read from a layer, waiting to be measured.
type screenRow struct {
	fid                       int64
	geom                      orb.Geometry
	name, lic, kind, district string
}

// screenWorkers measure candidates while the calling goroutine reads them.
var screenWorkers = max(1, min(runtime.GOMAXPROCS(0), 4))

// screenBatch reads the given fids and measures each: the rows are read
// here and measured by screenWorkers goroutines, in blocks of 512.
func (s *Store) screenBatch(ctx context.Context, layer string, ids []int64, ix *proximity.Index, d float64,
	skip map[int64]bool, res *models.Screening) error {
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
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan []screenRow, screenWorkers*2)
	found := make([][]models.ScreenHit, screenWorkers)
	var wg sync.WaitGroup
	for w := range screenWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for block := range work {
				for i := range block {
					r := &block[i]
					hit, ok, err := screenOne(layer, r, ix, d)
					if err != nil {
						cancel(err)
						continue
					}
					if ok {
						found[w] = append(found[w], hit)
					}
				}
			}
		}()
	}
	err := s.screenRead(ctx, layer, list.String(), skip, work)
	close(work)
	wg.Wait()
	if cause := context.Cause(ctx); cause != nil && cause != context.Canceled {
		return cause
	}
	if err != nil {
		return err
	}
	n := len(res.Hits)
	for _, hs := range found {
		n += len(hs)
	}
	res.Hits = slices.Grow(res.Hits, n-len(res.Hits))
	for _, hs := range found {
		res.Hits = append(res.Hits, hs...)
	}
	return nil
}

// screenRead sends the rows of the fids in list (a JSON array) to work.
func (s *Store) screenRead(ctx context.Context, layer, list string, skip map[int64]bool, work chan<- []screenRow) error {
	rows, err := s.r.QueryContext(ctx, "SELECT fid, geom, name, licence, kind, district FROM "+gpkg.QuoteIdent(layer)+
		" WHERE fid IN (SELECT value FROM json_each(?)) ORDER BY fid", list)
	if err != nil {
		return classify("screen "+layer+" in", s.path, err)
	}
	defer rows.Close()
	const blockSize = 512
	block := make([]screenRow, 0, blockSize)
	for rows.Next() {
		var (
			r                         screenRow
			blob                      sql.RawBytes
			name, lic, kind, district sql.NullString
		)
		if err := rows.Scan(&r.fid, &blob, &name, &lic, &kind, &district); err != nil {
			return classify("screen "+layer+" in", s.path, err)
		}
		if skip[r.fid] || blob == nil {
			continue
		}
		// Decoded here, from the row's own buffer: no copy of the blob.
		g, _, err := gpkg.Decode(blob)
		if err != nil {
			return &models.ScreenError{Code: models.CodeScreenGeometry, Detail: fmt.Sprintf("%s #%d", layer, r.fid), Err: err}
		}
		r.geom = g
		r.name, r.lic, r.kind, r.district = name.String, lic.String, kind.String, district.String
		block = append(block, r)
		if len(block) == blockSize {
			select {
			case work <- block:
			case <-ctx.Done():
				return nil
			}
			block = make([]screenRow, 0, blockSize)
		}
	}
	if err := rows.Err(); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return classify("screen "+layer+" in", s.path, err)
	}
	if len(block) > 0 {
		select {
		case work <- block:
		case <-ctx.Done():
		}
	}
	return nil
}

// screenOne measures one candidate.
func screenOne(layer string, r *screenRow, ix *proximity.Index, d float64) (models.ScreenHit, bool, error) {
	dist, ok, err := ix.Within(r.geom, d)
	if err != nil {
		return models.ScreenHit{}, false, &models.ScreenError{Code: models.CodeScreenGeometry, Detail: fmt.Sprintf("%s #%d", layer, r.fid), Err: err}
	}
	if !ok {
		return models.ScreenHit{}, false, nil
	}
	return models.ScreenHit{Layer: layer, ID: r.fid, Licence: r.lic, Name: r.name,
		Kind: models.SiteKind(r.kind), District: r.district, DistanceM: dist}, true, nil
}

// SaveScreening implements models.Screener.
func (s *Store) SaveScreening(ctx context.Context, name string, sc *models.Screening) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return &models.ScreenError{Code: models.CodeScreenBadName}
	}
	params, err := json.Marshal(sc.Params)
	if err != nil {
		return err
	}
	rivers, err := json.Marshal(sc.Rivers)
	if err != nil {
		return err
	}
	at := sc.At
	if at.IsZero() {
		at = time.Now()
	}
	var id int64
	err = s.screenTx(ctx, "save screening", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_screenings WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &models.ScreenError{Code: models.CodeScreenNameTaken, Detail: name}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO mr_screenings (name, created_at, distance_m, params, rivers, rivers_sha256, hit_count)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, name, at.UTC().Format(timeFormat), sc.DistanceM, string(params), string(rivers), sc.RiversSHA256, len(sc.Hits))
		if err != nil {
			return err
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO mr_screening_hits (screening_id, layer, fid, licence, name, kind, district, distance_m)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, h := range sc.Hits {
			if _, err := st.ExecContext(ctx, id, h.Layer, h.ID, h.Licence, h.Name, string(h.Kind), h.District, h.DistanceM); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	sc.ID, sc.Name, sc.At = id, name, at.UTC().Truncate(time.Millisecond)
	return nil
}

// screenTx runs fn in one write transaction; a read-only store refuses.
func (s *Store) screenTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	if s.w == nil {
		return refuse(op, s.path, models.ErrReadOnly, "the project was opened read-only")
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return classify(op, s.path, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		var se *models.ScreenError
		if errors.As(err, &se) {
			return err
		}
		return classify(op, s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// Screenings implements models.Screener.
func (s *Store) Screenings(ctx context.Context) ([]models.ScreeningInfo, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, created_at, distance_m, params, hit_count FROM mr_screenings ORDER BY created_at DESC, id DESC`)
	if err != nil {
		return nil, classify("list screenings in", s.path, err)
	}
	defer rows.Close()
	out := []models.ScreeningInfo{}
	for rows.Next() {
		var in models.ScreeningInfo
		var at, params string
		if err := rows.Scan(&in.ID, &in.Name, &at, &in.DistanceM, &params, &in.Hits); err != nil {
			return nil, classify("list screenings in", s.path, err)
		}
		in.At, _ = time.Parse(timeFormat, at)
		var p models.ScreenParams
		if json.Unmarshal([]byte(params), &p) == nil {
			in.Rivers = p.Rivers
		}
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, classify("list screenings in", s.path, err)
	}
	return out, nil
}

// LoadScreening implements models.Screener.
func (s *Store) LoadScreening(ctx context.Context, name string) (*models.Screening, error) {
	name = strings.TrimSpace(name)
	sc := &models.Screening{Hits: []models.ScreenHit{}}
	var at, params, rivers string
	err := s.r.QueryRowContext(ctx, `SELECT id, name, created_at, distance_m, params, rivers, rivers_sha256 FROM mr_screenings WHERE name = ?`, name).
		Scan(&sc.ID, &sc.Name, &at, &sc.DistanceM, &params, &rivers, &sc.RiversSHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &models.ScreenError{Code: models.CodeScreenNotFound, Detail: name}
	}
	if err != nil {
		return nil, classify("read screening from", s.path, err)
	}
	sc.At, _ = time.Parse(timeFormat, at)
	if err := json.Unmarshal([]byte(params), &sc.Params); err != nil {
		return nil, &Error{Code: CodeSQL, Op: "read screening " + name + " from", Path: s.path, Err: err}
	}
	if err := json.Unmarshal([]byte(rivers), &sc.Rivers); err != nil {
		return nil, &Error{Code: CodeSQL, Op: "read screening " + name + " from", Path: s.path, Err: err}
	}
	rows, err := s.r.QueryContext(ctx, `SELECT layer, fid, licence, name, kind, district, distance_m FROM mr_screening_hits WHERE screening_id = ?`, sc.ID)
	if err != nil {
		return nil, classify("read screening from", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h models.ScreenHit
		var lic, nm, kind, district sql.NullString
		if err := rows.Scan(&h.Layer, &h.ID, &lic, &nm, &kind, &district, &h.DistanceM); err != nil {
			return nil, classify("read screening from", s.path, err)
		}
		h.Licence, h.Name, h.Kind, h.District = lic.String, nm.String, models.SiteKind(kind.String), district.String
		sc.Hits = append(sc.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, classify("read screening from", s.path, err)
	}
	models.SortHits(sc.Hits)
	return sc, nil
}

// DeleteScreening implements models.Screener.
func (s *Store) DeleteScreening(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	return s.screenTx(ctx, "delete screening", func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM mr_screenings WHERE name = ?`, name).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return &models.ScreenError{Code: models.CodeScreenNotFound, Detail: name}
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mr_screening_hits WHERE screening_id = ?`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM mr_screenings WHERE id = ?`, id)
		return err
	})
}
