package models

import (
	"context"
	"errors"
	"time"
)

// Edit is the one command every change to a project's features goes
// through: drawing, moving a vertex, editing an attribute, deleting. It
// lists each feature's state before and after, so Apply and Revert are the
// same operation in opposite directions, an edit can be stored in the
// project's history and replayed after the project is reopened, and a
// conflicting change (the feature is no longer in the Before state) is
// refused instead of overwriting someone else's work.
type Edit struct {
	// Label says what the edit did, in a language-neutral form: a message
	// key and its arguments (the window translates it for Undo/Redo).
	Label Label
	// Changes are applied in order and reverted in reverse order.
	Changes []Change
}

// Label is a translatable description of an edit.
type Label struct {
	Key  string            `json:"key"`
	Args map[string]string `json:"args,omitempty"`
}

// Change is one feature's part of an edit. Before nil: the feature is
// added; After nil: it is deleted. Both carry Layer and ID. A change of a
// record row (see RowChange) has Row set and no Layer.
type Change struct {
	Layer  string
	ID     int64
	Before *Feature
	After  *Feature
	Row    *RowChange
}

// Inverse is the edit that undoes e.
func (e *Edit) Inverse() *Edit {
	inv := &Edit{Label: e.Label, Changes: make([]Change, len(e.Changes))}
	for i, c := range e.Changes {
		ic := Change{Layer: c.Layer, ID: c.ID, Before: c.After, After: c.Before}
		if c.Row != nil {
			ic.Row = &RowChange{Table: c.Row.Table, RowID: c.Row.RowID, Before: c.Row.After, After: c.Row.Before}
		}
		inv.Changes[len(e.Changes)-1-i] = ic
	}
	return inv
}

// HistoryEntry is one edit of a project's history.
type HistoryEntry struct {
	Seq    int64
	At     time.Time
	Label  Label
	Undone bool // undone, and may be redone
}

// EditStore is the part of a store that edits features. Every call is one
// transaction: it lands whole or not at all.
type EditStore interface {
	// Feature reads one feature; ErrNoFeature when there is none.
	Feature(ctx context.Context, layer string, id int64) (*Feature, error)
	// Do applies e, records it as the newest history entry and drops the
	// entries that were undone (the redo branch). It returns e with the
	// IDs of added features filled in.
	Do(ctx context.Context, e *Edit) (*Edit, error)
	// Undo reverts the newest applied entry; ErrNothingToUndo when none.
	Undo(ctx context.Context) (*Edit, error)
	// Redo applies again the oldest undone entry; ErrNothingToRedo when none.
	Redo(ctx context.Context) (*Edit, error)
	// History lists the entries, oldest first.
	History(ctx context.Context) ([]HistoryEntry, error)
}

// Edit errors; callers branch on them with errors.Is.
var (
	ErrNoFeature     = errors.New("no such feature")
	ErrEditConflict  = errors.New("the feature was changed since the edit was made")
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)
