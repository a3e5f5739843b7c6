package app

import (
	"bufio"
	"context"
	"errors"

	"minerehab/models"
)

// ImportPreview is what the import dialog shows before anything is
// written: the first features of a file as they would be imported, with
// the coordinate system found and where each feature would go.
type ImportPreview struct {
	File     FileSummary // format, CRS and how it was found
	Features []PreviewFeature
	More     bool // the file has more features than were read
	// Keys is which source property filled which field, and which were
	// only kept, over the features read (refused ones too: the mapping is
	// the file's, not the import's).
	Keys models.KeyMapping
}

// PreviewFeature is one feature as the import would store it, or why it
// would be refused.
type PreviewFeature struct {
	Index   int
	Feature *models.Feature // nil when refused
	Reason  string          // the auto route's reason ("type:mine_boundary"), if any
	Err     *FeatureError   // why it would be refused
}

// errPreviewFull stops the producer once enough features are read.
var errPreviewFull = errors.New("preview full")

// PreviewImport reads the first n features of req's first file through the
// same reader, coordinate-system decision and preparation as Import, and
// writes nothing. A file-level problem (unreadable, coordinate system
// needed) comes back as the error Import would give.
func PreviewImport(ctx context.Context, req ImportRequest, n int) (*ImportPreview, error) {
	if len(req.Files) == 0 {
		return nil, &FileError{Code: "no-files", Err: errors.New("no file to preview")}
	}
	file := req.Files[0]
	kind, err := parseKind(req.Kind)
	if err != nil {
		return nil, err
	}
	fh, err := openInput(req.FS, file)
	if err != nil {
		return nil, &FileError{File: file, Code: "open-failed", Err: err}
	}
	defer fh.Close()
	out := &ImportPreview{File: FileSummary{File: file}}
	br := bufio.NewReaderSize(fh, 1<<20)
	var produce producer
	if head, _ := br.Peek(16); isSQLite(head) {
		if req.FS != nil {
			return nil, &FileError{File: file, Code: "gpkg-source", Err: errors.New("a geopackage source must be a file on disk")}
		}
		out.File.Format = "gpkg"
		produce = gpkgProducer(file, req.CRS, &out.File)
	} else {
		out.File.Format = "geojson"
		produce = geojsonProducer(br, file, req.CRS, "", &out.File)
	}
	layer := req.Layer
	if layer == "" {
		layer = "auto"
	}
	p := &preparer{file: file, layer: layer, kind: kind}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err = produce(ctx, func(it item) bool {
		if len(out.Features) == n {
			out.More = true
			return false
		}
		pf := PreviewFeature{Index: it.src.index}
		if it.rdErr == nil {
			// Bad properties come back below as the feature's refusal.
			if _, km, err := models.MapPropertiesKeys(it.src.props); err == nil {
				out.Keys.Add(km)
			}
		}
		if it.rdErr != nil {
			pf.Err = itemError(file, &it)
		} else if f, reason, err := p.prepare(&it.src); err != nil {
			var fe *FeatureError
			if errors.As(err, &fe) {
				pf.Err = fe
			} else {
				pf.Err = &FeatureError{File: file, Index: it.src.index, Code: "invalid", Detail: err.Error(), Err: err}
			}
		} else {
			pf.Feature, pf.Reason = f, reason
		}
		out.Features = append(out.Features, pf)
		return true
	})
	if err != nil && !errors.Is(err, errPreviewFull) && !errors.Is(err, context.Canceled) {
		return out, err
	}
	return out, nil
}
