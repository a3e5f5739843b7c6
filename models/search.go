package models

import "context"

// Searcher finds features by name or licence number.
type Searcher interface {
	// Search returns up to limit features of any layer whose name or
	// licence contains text (case-insensitive for Latin letters), exact
	// matches first, then those that start with text, then the rest.
	Search(ctx context.Context, text string, limit int) ([]*Feature, error)
}
