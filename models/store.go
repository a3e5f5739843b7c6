package models

import (
	"context"
	"errors"

	"github.com/paulmach/orb"
)

// Store keeps one project. Implementations: models/store (a GeoPackage file).
// It is deliberately small and free of SQLite specifics so that a PostGIS
// store can sit behind it later.
type Store interface {
	// Info summarises the project: schema version and per-layer counts, extents and areas.
	Info(ctx context.Context) (Info, error)
	// BeginImport starts one all-or-nothing write transaction.
	BeginImport(ctx context.Context) (ImportTx, error)
	// Features calls fn for each feature of a layer whose bounding box meets
	// bbox (all features when bbox is nil), in fid order.
	Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*Feature) error) error
	// Count counts the features of a layer whose bounding box meets bbox (all when nil).
	Count(ctx context.Context, layer string, bbox *orb.Bound) (int, error)
	// Validate checks the schema and every stored geometry.
	Validate(ctx context.Context) ([]Problem, error)
	Close() error
}

// ImportTx is one import: every Put lands, or none does.
type ImportTx interface {
	// Put adds f, or updates the feature whose key value matches (see KeySpec).
	Put(f *Feature, key KeySpec) (Outcome, error)
	Commit() error
	Rollback() error
}

// KeySpec says how a re-imported feature finds the one it replaces.
type KeySpec struct {
	// Field is "licence" (the mapped licence attribute, the default for mines),
	// a property name from the source's properties, or "" for "always add".
	Field string
}

// Outcome of one Put.
type Outcome int

// Put outcomes.
const (
	Added Outcome = iota
	Updated
	Unchanged
)

// Info summarises a project.
type Info struct {
	SchemaVersion int
	Layers        []LayerInfo
}

// LayerInfo summarises one layer.
type LayerInfo struct {
	Name   string
	Count  int
	Extent *orb.Bound // nil when the layer is empty
	AreaM2 float64    // summed over polygonal features
}

// Problem is one finding of Validate.
type Problem struct {
	Layer  string
	ID     int64
	Code   string // machine-readable, e.g. "self-intersection", "schema-missing-table"
	Detail string
}

// Typed errors of opening a project; callers branch on them with errors.Is.
var (
	ErrNotProject = errors.New("not a minerehab project")
	ErrNotSQLite  = errors.New("not a geopackage")
	ErrTooNew     = errors.New("project written by a newer minerehab")
	ErrLocked     = errors.New("project is locked by another writer")
	ErrReadOnly   = errors.New("project file is read-only")
	ErrNoFile     = errors.New("project file does not exist")
)
