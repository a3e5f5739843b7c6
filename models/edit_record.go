package models

import (
	"context"
	"encoding/json"
)

// Record edits: the planning and survey records (status and green
// histories, plan units, measures, progress, problems, fire logs, zone
// milestones, surveys and their photos) are rows of the project's own
// tables, not features. A write to them made in the window goes through
// the same history as feature edits, so Ctrl+Z undoes "add a green
// record" exactly like "move a vertex". The caller marks the write with
// WithEditLabel; the store then captures every row the write touched (its
// image before and after) and keeps them as one Edit of RowChanges.
// Writes without a label (bulk `record` imports, package merges) are not
// in the history, like feature imports.

// RowChange is one record row's part of an edit: the row's image before
// and after (nil: absent), as the store encodes it. Callers do not read the
// images; Apply and Revert pass them back to the store.
type RowChange struct {
	Table  string          `json:"table"`
	RowID  int64           `json:"rowid"`
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

type editLabelKey struct{}

// WithEditLabel marks the record writes made with ctx as one undoable
// edit labelled l (each store call is one edit).
func WithEditLabel(ctx context.Context, l Label) context.Context {
	return context.WithValue(ctx, editLabelKey{}, l)
}

// EditLabelFrom returns the label WithEditLabel put in ctx.
func EditLabelFrom(ctx context.Context) (Label, bool) {
	l, ok := ctx.Value(editLabelKey{}).(Label)
	return l, ok
}
