package app

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"minerehab/gis/crs"
	"minerehab/gis/geojson"
	"minerehab/models"
	"minerehab/models/store"
)

// Progress receives the share of input bytes read so far, 0..1.
type Progress func(done float64)

// batchSize is the number of features handed between pipeline stages at once:
// large enough to amortise channel hand-offs, small enough to bound memory.
const batchSize = 256

// Import reads every file of req into st in one transaction: either all of it
// lands or none. A bad feature rejects the import unless req.SkipInvalid.
func Import(ctx context.Context, st models.Store, req ImportRequest, progress Progress) (*ImportSummary, error) {
	if req.Layer == "" {
		req.Layer = "auto"
	}
	if req.Layer != "auto" {
		if _, ok := models.LayerByName(req.Layer); !ok {
			return nil, &FileError{Code: "unknown-layer", Err: fmt.Errorf("unknown layer %q", req.Layer)}
		}
	}
	kind, err := parseKind(req.Kind)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, f := range req.Files {
		fi, err := statInput(req.FS, f)
		if err != nil {
			return nil, &FileError{File: f, Code: "missing-file", Err: err}
		}
		if fi.IsDir() {
			return nil, &FileError{File: f, Code: "is-directory", Err: errors.New("is a directory")}
		}
		total += fi.Size()
		if isProjectFile(st, req.FS, fi) {
			return nil, &FileError{File: f, Code: "source-is-project", Err: errors.New("the source is the project itself")}
		}
	}
	// A crs member after the features means the file must be read again
	// knowing it; the whole transaction restarts (rare, and still all-or-nothing).
	late := map[string]string{}
	for attempt := 0; ; attempt++ {
		sum, err := importOnce(ctx, st, req, kind, late, total, progress)
		var lc *geojson.LateCRSError
		if errors.As(err, &lc) && attempt <= len(req.Files) {
			var fe *FileError
			if errors.As(err, &fe) {
				late[fe.File] = lc.CRS
				continue
			}
		}
		return sum, err
	}
}

func importOnce(ctx context.Context, st models.Store, req ImportRequest, kind models.SiteKind, late map[string]string, total int64, progress Progress) (*ImportSummary, error) {
	tx, err := st.BeginImport(ctx)
	if err != nil {
		return nil, &ProjectError{Path: storePath(st), Err: err}
	}
	sum := &ImportSummary{PerLayer: map[string]int{}}
	var read atomic.Int64
	for _, file := range req.Files {
		fsum := FileSummary{File: file, Routes: map[string]int{}}
		err := importFile(ctx, tx, req, kind, late[file], file, &fsum, sum, func(n int64) {
			if progress != nil && total > 0 {
				progress(float64(read.Add(n)) / float64(total))
			}
		})
		if err != nil {
			_ = tx.Rollback()
			return nil, err
		}
		sum.Files = append(sum.Files, fsum)
	}
	if err := ctx.Err(); err != nil {
		_ = tx.Rollback()
		return nil, ErrCanceled
	}
	if err := tx.Commit(); err != nil {
		return nil, &ProjectError{Path: storePath(st), Err: err}
	}
	if progress != nil {
		progress(1)
	}
	return sum, nil
}

// item is one feature travelling through the pipeline.
type item struct {
	src    source
	rdErr  error // a recoverable error from the reader
	f      *models.Feature
	row    *store.Row // f encoded for its table, when the store takes rows
	reason string
	err    error
}

type batch struct {
	items []item
	done  chan struct{}
}

// importFile streams one file through a producer (GeoJSON or GeoPackage)
// -> parallel preparers -> the caller's goroutine, which writes into tx in
// file order.
func importFile(ctx context.Context, tx models.ImportTx, req ImportRequest, kind models.SiteKind, lateCRS, file string, fsum *FileSummary, sum *ImportSummary, onRead func(int64)) error {
	fh, err := openInput(req.FS, file)
	if err != nil {
		return &FileError{File: file, Code: "open-failed", Err: err}
	}
	defer fh.Close()
	br := bufio.NewReaderSize(&countingReader{r: fh, on: onRead}, 1<<20)
	// A format the request names (corner coordinates) comes first; else the content decides.
	produce, err := formatProducer(req.Format, br, file, req.CRS, fsum)
	if err != nil {
		return err
	}
	switch head, _ := br.Peek(16); {
	case produce != nil:
	case isSQLite(head):
		if req.FS != nil {
			return &FileError{File: file, Code: "gpkg-source", Err: errors.New("a geopackage source must be a file on disk")}
		}
		fsum.Format = "gpkg"
		produce = gpkgProducer(file, req.CRS, fsum)
	default:
		fsum.Format = "geojson"
		produce = geojsonProducer(br, file, req.CRS, lateCRS, fsum)
	}
	return runPipeline(ctx, tx, req, &preparer{file: file, layer: req.Layer, kind: kind}, produce, fsum, sum)
}

// parseKind reads the site kind of a request ("" for none).
func parseKind(s string) (models.SiteKind, error) {
	if s == "" {
		return "", nil
	}
	k, ok := models.ParseSiteKind(s)
	if !ok {
		return "", &FileError{Code: "unknown-kind", Err: fmt.Errorf("unknown site kind %q", s)}
	}
	return k, nil
}

// producer reads features and hands each to emit (which returns false when
// the import is being abandoned); it returns a file-level error.
type producer func(ctx context.Context, emit func(item) bool) error

func runPipeline(ctx context.Context, tx models.ImportTx, req ImportRequest, p *preparer, produce producer, fsum *FileSummary, sum *ImportSummary) error {
	file := p.file
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// Cancel first so that a blocked producer lets go, then wait for the workers.
	defer func() { cancel(); wg.Wait() }()
	work := make(chan *batch, 4)
	order := make(chan *batch, 8)
	fatal := make(chan error, 1)

	// Stage 1: produce, in batches.
	go func() {
		defer close(work)
		defer close(order)
		cur := &batch{done: make(chan struct{})}
		flush := func() bool {
			if len(cur.items) == 0 {
				return true
			}
			select {
			case work <- cur:
			case <-ctx.Done():
				return false
			}
			select {
			case order <- cur:
			case <-ctx.Done():
				return false
			}
			cur = &batch{done: make(chan struct{})}
			return true
		}
		err := produce(ctx, func(it item) bool {
			cur.items = append(cur.items, it)
			return len(cur.items) < batchSize || flush()
		})
		if err != nil {
			fatal <- err
			return
		}
		flush()
	}()

	// Stage 2: prepare (and encode, when the store takes encoded rows) in
	// parallel, so that the writer goroutine does nothing but insert.
	rows, _ := tx.(rowPutter)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				for i := range b.items {
					it := &b.items[i]
					if it.rdErr == nil {
						it.f, it.reason, it.err = p.prepare(&it.src)
					}
					if it.err == nil && it.f != nil && rows != nil {
						if it.row, it.err = store.Encode(it.f); it.err != nil {
							it.err = &FeatureError{File: file, Index: it.src.index, ID: it.src.id, Line: it.src.line, Code: "store-failed", Detail: it.err.Error(), Err: it.err}
						}
					}
				}
				close(b.done)
			}
		}()
	}

	// Stage 3: write in file order.
	key := models.KeySpec{Field: "licence"}
	if req.Key != "" {
		key.Field = req.Key
	}
	for b := range order {
		select {
		case <-b.done:
		case <-ctx.Done():
			return ErrCanceled
		}
		for i := range b.items {
			it := &b.items[i]
			fsum.Features++
			if err := itemError(file, it); err != nil {
				if !req.SkipInvalid {
					return err
				}
				sum.Skipped = append(sum.Skipped, err)
				continue
			}
			var out models.Outcome
			var err error
			if rows != nil {
				out, err = rows.PutRow(it.row, key)
			} else {
				out, err = tx.Put(it.f, key)
			}
			if err != nil {
				return &FeatureError{File: file, Index: it.src.index, ID: it.src.id, Line: it.src.line, Code: "store-failed", Detail: err.Error(), Err: err}
			}
			switch out {
			case models.Added:
				sum.Added++
			case models.Updated:
				sum.Updated++
			case models.Unchanged:
				sum.Unchanged++
			}
			sum.PerLayer[it.f.Layer]++
			if it.reason != "" {
				fsum.Routes[it.f.Layer+" <- "+it.reason]++
			}
		}
		if ctx.Err() != nil {
			return ErrCanceled
		}
	}
	select {
	case err := <-fatal:
		return err
	default:
	}
	if ctx.Err() != nil {
		return ErrCanceled
	}
	return nil
}

// rowPutter is an import transaction that takes features encoded off its goroutine.
type rowPutter interface {
	PutRow(r *store.Row, key models.KeySpec) (models.Outcome, error)
}

// itemError gives the FeatureError of an item, if it failed.
func itemError(file string, it *item) *FeatureError {
	if it.rdErr != nil {
		var fe *geojson.FeatureError
		errors.As(it.rdErr, &fe)
		return &FeatureError{File: file, Index: fe.Index, ID: fe.ID, Line: fe.Line, Code: fe.Code, Detail: fe.Detail, Err: it.rdErr}
	}
	if it.err != nil {
		var fe *FeatureError
		if errors.As(it.err, &fe) {
			return fe
		}
		return &FeatureError{File: file, Index: it.src.index, ID: it.src.id, Code: "invalid", Detail: it.err.Error(), Err: it.err}
	}
	return nil
}

// readerCode extracts the machine-readable code of a file-level reader error.
func readerCode(err error) string {
	var se *geojson.SyntaxError
	if errors.As(err, &se) {
		return se.Code
	}
	var lc *geojson.LateCRSError
	if errors.As(err, &lc) {
		return "late-crs"
	}
	var ce *crs.Error
	if errors.As(err, &ce) {
		return ce.Code
	}
	return "read-failed"
}

func isSQLite(head []byte) bool {
	return len(head) >= 16 && string(head[:16]) == "SQLite format 3\x00"
}

// countingReader reports how many bytes were read.
type countingReader struct {
	r  io.Reader
	on func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 && c.on != nil {
		c.on(int64(n))
	}
	return n, err
}

// statInput and openInput read from req.FS when set (the embedded sample),
// else from the file system.
func statInput(fsys fs.FS, name string) (fs.FileInfo, error) {
	if fsys != nil {
		return fs.Stat(fsys, name)
	}
	return os.Stat(name)
}

func openInput(fsys fs.FS, name string) (io.ReadCloser, error) {
	if fsys != nil {
		return fsys.Open(name)
	}
	return os.Open(name)
}

// storePath names the store's file in messages, when it has one.
func storePath(st models.Store) string {
	if ps, ok := st.(interface{ Path() string }); ok {
		return ps.Path()
	}
	return "project"
}

// isProjectFile reports whether a source is the very file the store keeps.
func isProjectFile(st models.Store, fsys fs.FS, fi fs.FileInfo) bool {
	ps, ok := st.(interface{ Path() string })
	if !ok || fsys != nil {
		return false
	}
	pi, err := os.Stat(ps.Path())
	return err == nil && os.SameFile(pi, fi)
}
