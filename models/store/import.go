package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"minerehab/gis/geojson"
	"minerehab/gis/gpkg"
	"minerehab/models"
)

// Import is one import: a single SQL transaction (BEGIN IMMEDIATE) in which
// every Put lands, or none does. It implements models.ImportTx. Use it from
// one goroutine; prepare rows in parallel with Encode and hand them to
// PutRow.
type Import struct {
	s         *Store
	ctx       context.Context
	tx        *sql.Tx
	now       string
	layers    map[string]*importLayer
	done      atomic.Bool
	closeOnce sync.Once
}

var _ models.ImportTx = (*Import)(nil)

// importLayer is the state of one table touched by an import.
type importLayer struct {
	name                 string
	insert, update, same *sql.Stmt
	// hadRows: the table had rows when the import first touched it. Only
	// then are keys looked up; a table that started empty only gets inserts.
	hadRows bool
	// lastFID is the largest fid before the import: keys are looked up
	// among rows up to it, never among rows this import added.
	lastFID int64
	// deferred: the spatial index triggers are dropped for the import and
	// the index entries of inserted and updated rows written at Commit.
	deferred bool
	entries  []rtreeEntry
	keys     map[string]map[string]int64
	updated  bool      // some row was updated: the extent is recomputed
	added    orb.Bound // union of inserted rows' bounds
	anyAdd   bool
}

type rtreeEntry struct {
	fid   int64
	b     orb.Bound
	empty bool // the row's geometry is empty: it has no index entry
}

// featureCols are the columns Put writes, in statement order after geom.
const featureCols = "name, licence, district, mineral, method, status, kind, feature_type, area_m2, properties, src_epsg, src_geom, imported_at"

// BeginImport starts an import. It fails with models.ErrReadOnly on a
// read-only store, with models.ErrLocked when another process holds the
// write lock beyond the busy timeout, and with CodeImportBusy while another
// import of this store is open.
func (s *Store) BeginImport(ctx context.Context) (models.ImportTx, error) {
	return s.Begin(ctx)
}

// Begin is BeginImport returning the concrete *Import (for PutRow). As
// with sql.Tx, end every import with Commit or Rollback, also after its
// context is canceled: until then no other import can begin.
func (s *Store) Begin(ctx context.Context) (*Import, error) {
	if s.w == nil {
		return nil, refuse("begin import in", s.path, models.ErrReadOnly, "the store is open read-only")
	}
	select {
	case s.importing <- struct{}{}:
	default:
		return nil, &Error{Code: CodeImportBusy, Op: "begin import in", Path: s.path, Err: errors.New("another import is open")}
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		<-s.importing
		return nil, classify("begin import in", s.path, err)
	}
	im := &Import{s: s, ctx: ctx, tx: tx, now: time.Now().UTC().Format(timeFormat), layers: map[string]*importLayer{}}
	s.mu.Lock()
	s.active = im
	s.mu.Unlock()
	return im, nil
}

// Put adds f, or updates the stored feature whose key matches (see
// models.KeySpec): Field "licence" matches the licence column (non-empty
// values only); any other non-empty Field matches that top-level key of the
// properties (a string, or a number's text). Keys are looked up among the
// rows the layer had when this import first touched it, the lowest fid
// winning among duplicates; features added by this import are not matched.
// A matched feature whose geometry, properties and attributes are all
// identical is left alone (Unchanged), otherwise rewritten (Updated).
//
// Put sets f.ID to the fid of the row added or matched.
func (im *Import) Put(f *models.Feature, key models.KeySpec) (models.Outcome, error) {
	r, err := Encode(f)
	if err != nil {
		return 0, err
	}
	o, err := im.PutRow(r, key)
	if err == nil {
		f.ID = r.FID
	}
	return o, err
}

// PutRow is Put for a feature already encoded by Encode.
func (im *Import) PutRow(r *Row, key models.KeySpec) (models.Outcome, error) {
	if im.done.Load() {
		return 0, &Error{Code: CodeImportDone, Op: "put", Path: im.s.path, Err: errors.New("the import is finished")}
	}
	if err := im.ctx.Err(); err != nil {
		return 0, err
	}
	l, err := im.layer(r.Layer)
	if err != nil {
		return 0, err
	}
	if l.hadRows && key.Field != "" {
		val, err := keyValue(r, key.Field)
		if err != nil {
			return 0, err
		}
		if val != "" {
			m, err := im.keyMap(l, key.Field)
			if err != nil {
				return 0, err
			}
			if fid, ok := m[val]; ok {
				r.FID = fid
				return im.replace(l, fid, r)
			}
		}
	}
	res, err := l.insert.ExecContext(im.ctx, im.args(r)...)
	if err != nil {
		return 0, classify("put into", im.s.path, err)
	}
	if r.FID, err = res.LastInsertId(); err != nil {
		return 0, classify("put into", im.s.path, err)
	}
	if !r.Empty {
		if l.anyAdd {
			l.added = l.added.Union(r.Bound)
		} else {
			l.added, l.anyAdd = r.Bound, true
		}
		if l.deferred {
			l.entries = append(l.entries, rtreeEntry{fid: r.FID, b: r.Bound})
		}
	}
	return models.Added, nil
}

// args are the statement arguments for geom and featureCols.
func (im *Import) args(r *Row) []any { return rowArgs(r, im.now) }

// rowArgs are the statement arguments for geom and featureCols, now being
// the imported_at time.
func rowArgs(r *Row, now string) []any {
	a := r.Attrs
	var props, srcEPSG, srcGeom any
	if r.Props != nil {
		props = string(r.Props)
	}
	if r.SrcGeom != nil {
		srcEPSG, srcGeom = int64(r.SrcEPSG), r.SrcGeom
	}
	return []any{r.Geom, text(a.Name), text(a.Licence), text(a.District), text(a.Mineral), text(a.Method),
		text(string(a.Status)), text(string(a.Kind)), text(a.FeatureType), r.AreaM2, props, srcEPSG, srcGeom, now}
}

// text stores "" as NULL, so GIS clients show missing attributes as such.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// replace updates row fid with r unless it already holds exactly r. The
// comparison runs inside SQLite (one boolean comes back, not the row).
func (im *Import) replace(l *importLayer, fid int64, r *Row) (models.Outcome, error) {
	args := im.args(r)
	args = append(args[:len(args)-1], fid) // the comparison skips imported_at
	var same bool
	if err := l.same.QueryRowContext(im.ctx, args...).Scan(&same); err != nil {
		return 0, classify("put into", im.s.path, err)
	}
	if same {
		return models.Unchanged, nil
	}
	if _, err := l.update.ExecContext(im.ctx, append(im.args(r), fid)...); err != nil {
		return 0, classify("put into", im.s.path, err)
	}
	if l.deferred {
		l.entries = append(l.entries, rtreeEntry{fid: fid, b: r.Bound, empty: r.Empty})
	}
	l.updated = true
	return models.Updated, nil
}

// keyValue is r's value of the key field: the licence, or a top-level
// property (string or number); "" when absent, null or empty.
func keyValue(r *Row, field string) (string, error) {
	if field == string(models.FieldLicence) {
		return r.Attrs.Licence, nil
	}
	return propertyValue(r.Props, field)
}

func propertyValue(props []byte, field string) (string, error) {
	if len(props) == 0 {
		return "", nil
	}
	var val string
	err := geojson.TopLevel(props, func(k string, raw []byte) bool {
		if k != field {
			return true
		}
		val, _ = geojson.StringValue(raw)
		return false
	})
	if err != nil {
		return "", &Error{Code: CodeBadProperties, Op: "read key of", Err: err}
	}
	return val, nil
}

// keyMap returns, building it on first use, the map from key value to fid
// over the rows the layer had before this import added any (fid <= lastFID).
func (im *Import) keyMap(l *importLayer, field string) (map[string]int64, error) {
	if m, ok := l.keys[field]; ok {
		return m, nil
	}
	t := gpkg.QuoteIdent(l.name)
	var query string
	if field == string(models.FieldLicence) {
		query = "SELECT fid, licence FROM " + t + " WHERE licence IS NOT NULL AND licence <> '' AND fid <= ? ORDER BY fid DESC"
	} else {
		query = "SELECT fid, properties FROM " + t + " WHERE properties IS NOT NULL AND fid <= ? ORDER BY fid DESC"
	}
	rows, err := im.tx.QueryContext(im.ctx, query, l.lastFID)
	if err != nil {
		return nil, classify("read keys of", im.s.path, err)
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var fid int64
		var v string
		if err := rows.Scan(&fid, &v); err != nil {
			return nil, classify("read keys of", im.s.path, err)
		}
		if field != string(models.FieldLicence) {
			if v, err = propertyValue([]byte(v), field); err != nil || v == "" {
				continue // a stored object the key cannot be read from matches nothing
			}
		}
		m[v] = fid // descending fids: the lowest wins
	}
	if err := rows.Err(); err != nil {
		return nil, classify("read keys of", im.s.path, err)
	}
	if l.keys == nil {
		l.keys = map[string]map[string]int64{}
	}
	l.keys[field] = m
	return m, nil
}

// layer returns the state of a table, preparing it on first use: whether
// it had rows, the statements, and for an empty table the bulk mode.
func (im *Import) layer(name string) (*importLayer, error) {
	if l, ok := im.layers[name]; ok {
		return l, nil
	}
	if _, ok := models.LayerByName(name); !ok {
		return nil, &Error{Code: CodeUnknownLayer, Op: "put", Path: im.s.path, Err: fmt.Errorf("no layer %q", name)}
	}
	l := &importLayer{name: name}
	t := gpkg.QuoteIdent(name)
	if err := im.tx.QueryRowContext(im.ctx, "SELECT EXISTS (SELECT 1 FROM "+t+"), coalesce(max(fid), 0) FROM "+t).Scan(&l.hadRows, &l.lastFID); err != nil {
		return nil, classify("put into", im.s.path, err)
	}
	if err := pauseTokenTriggers(im.ctx, im.tx, name); err != nil { // render_cache.go
		return nil, classify("put into", im.s.path, err)
	}
	if deferRTree {
		if err := gpkg.DropRTreeTriggers(im.ctx, im.tx, name, GeomColumn); err != nil {
			return nil, classify("put into", im.s.path, err)
		}
		l.deferred = true
	}
	cols := strings.Split(featureCols, ", ")
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = im.tx.PrepareContext(im.ctx, q)
		return st
	}
	l.insert = prep("INSERT INTO " + t + " (geom, " + featureCols + ") VALUES (?" + strings.Repeat(", ?", len(cols)) + ")")
	l.update = prep("UPDATE " + t + " SET geom = ?, " + strings.Join(cols, " = ?, ") + " = ? WHERE fid = ?")
	compared := append([]string{"geom"}, cols[:len(cols)-1]...) // all but imported_at
	l.same = prep("SELECT " + strings.Join(compared, " IS ? AND ") + " IS ? FROM " + t + " WHERE fid = ?")
	if err != nil {
		return nil, classify("put into", im.s.path, err)
	}
	im.layers[name] = l
	return l, nil
}

// Commit writes the spatial index entries of the rows put, restores the
// index triggers, brings gpkg_contents' extents and last_change up to date for
// every table that changed, and commits.
func (im *Import) Commit() error {
	if im.done.Load() {
		return &Error{Code: CodeImportDone, Op: "commit", Path: im.s.path, Err: errors.New("the import is finished")}
	}
	err := im.finish()
	if err == nil {
		err = im.tx.Commit()
	}
	im.close()
	if err != nil {
		im.tx.Rollback()
		return classify("commit import to", im.s.path, err)
	}
	return nil
}

func (im *Import) finish() error {
	for _, l := range im.layers {
		if err := resumeTokenTriggers(im.ctx, im.tx, l.name); err != nil {
			return err
		}
		if l.deferred {
			if err := im.fillRTree(l); err != nil {
				return err
			}
			if err := gpkg.CreateRTreeTriggers(im.ctx, im.tx, l.name, GeomColumn); err != nil {
				return err
			}
		}
		switch {
		case l.updated:
			if err := gpkg.UpdateContentsExtent(im.ctx, im.tx, l.name); err != nil {
				return err
			}
		case l.anyAdd:
			ext, err := gpkg.ContentsExtent(im.ctx, im.tx, l.name)
			if err != nil {
				return err
			}
			b := l.added
			if ext != nil && l.hadRows {
				b = b.Union(*ext)
			}
			if err := gpkg.SetContentsExtent(im.ctx, im.tx, l.name, &b); err != nil {
				return err
			}
		}
	}
	return nil
}

// fillRTree writes the index entries of the rows an import put. A table
// that was empty when the import began gets its whole index packed at once
// (gpkg.BulkLoadRTree); otherwise each entry is inserted, replacing those
// of updated rows.
func (im *Import) fillRTree(l *importLayer) error {
	if len(l.entries) == 0 {
		return nil
	}
	defer func() { l.entries = nil }()
	if !l.hadRows {
		es := make([]gpkg.RTreeEntry, len(l.entries))
		for i, e := range l.entries {
			es[i] = gpkg.RTreeEntry{ID: e.fid, Bound: e.b}
		}
		err := gpkg.BulkLoadRTree(im.ctx, im.tx, l.name, GeomColumn, es)
		if !errors.Is(err, gpkg.ErrRTreeNotEmpty) {
			return err
		}
		// An index with entries but no rows (edited by another
		// program): keep what is there and insert.
	}
	rt := gpkg.QuoteIdent(gpkg.RTreeName(l.name, GeomColumn))
	put, err := im.tx.PrepareContext(im.ctx, "INSERT OR REPLACE INTO "+rt+" (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer put.Close()
	del, err := im.tx.PrepareContext(im.ctx, "DELETE FROM "+rt+" WHERE id = ?")
	if err != nil {
		return err
	}
	defer del.Close()
	for _, e := range l.entries {
		if e.empty {
			_, err = del.ExecContext(im.ctx, e.fid)
		} else {
			_, err = put.ExecContext(im.ctx, e.fid, e.b.Min[0], e.b.Max[0], e.b.Min[1], e.b.Max[1])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Rollback abandons the import; nothing of it stays in the file.
func (im *Import) Rollback() error {
	if im.done.Load() {
		return nil
	}
	im.close()
	if err := im.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return classify("roll back import to", im.s.path, err)
	}
	return nil
}

func (im *Import) close() {
	im.closeOnce.Do(func() {
		im.done.Store(true)
		for _, l := range im.layers {
			for _, st := range []*sql.Stmt{l.insert, l.update, l.same} {
				if st != nil {
					st.Close()
				}
			}
		}
		im.s.mu.Lock()
		if im.s.active == im {
			im.s.active = nil
		}
		im.s.mu.Unlock()
		<-im.s.importing
	})
}

// deferRTree: the spatial index triggers are dropped while an import runs
// and the index is written at Commit from the bounds kept in memory. A
// variable only so BenchmarkImport50k can compare it with the triggers
// keeping the index row by row.
var deferRTree = true
