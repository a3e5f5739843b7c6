package models

import (
	"context"

	"github.com/paulmach/orb"
)

// RenderReader is implemented by stores that can hand the map renderer
// just what it draws: the geometry blob undecoded and the few attributes
// the symbology reads, skipping the rest of each row (the properties JSON,
// the source geometry). The map falls back to Store.Features without it.
type RenderReader interface {
	// RenderRows calls fn for each feature of a layer whose bounding box
	// meets bbox (every feature when bbox is nil), in fid order, exactly
	// as Features selects them. Only the fields asked for are read. The
	// row and its byte slices are reused: fn must copy what it keeps.
	RenderRows(ctx context.Context, layer string, bbox *orb.Bound, fields RenderFields, fn func(*RenderRow) error) error
}

// RenderFields says which attributes RenderRows reads besides the fid and
// the geometry.
type RenderFields uint8

// Render fields.
const (
	RenderName RenderFields = 1 << iota
	RenderDistrict
	RenderStatus
	RenderKind
	RenderFeatureType
	RenderProps
)

// RenderRow is one feature as RenderRows hands it over.
type RenderRow struct {
	ID int64
	// Geom is the GeoPackage geometry blob (nil for a NULL geometry).
	Geom []byte
	// Attrs holds the fields asked for; the others are empty.
	Attrs Attrs
	// Props is the properties JSON when RenderProps was asked for.
	Props []byte
}

// LayerTokener is implemented by stores that keep a change token per
// layer: an opaque value that changes, in the same transaction, whenever a
// row of the layer is inserted, updated or deleted, by this program or
// another. A render cache made from a layer's rows read between two equal
// readings of its token stays valid while the token does.
type LayerTokener interface {
	// LayerTokens returns the current token of every layer that has one;
	// layers without (an older file) are absent, and the map may be nil.
	LayerTokens(ctx context.Context) (map[string][]byte, error)
}

// ExtentReader is implemented by stores that can give the layers' extents
// without summarising them: Info counts and sums every row (50 ms on the
// 500,000-feature benchmark project), where a map's first view needs only
// where the features are.
type ExtentReader interface {
	// Extents returns the extent of every layer that holds features, as
	// Info would give it.
	Extents(ctx context.Context) (map[string]orb.Bound, error)
}
