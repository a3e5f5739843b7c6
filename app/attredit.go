package app

import (
	"context"
	"errors"
	"fmt"

	"minerehab/models"
)

// ErrNotEditable: the project's store cannot edit (a read-only or foreign
// store).
var ErrNotEditable = errors.New("this project cannot be edited")

// editStore returns st's editing side.
func editStore(st models.Store) (models.EditStore, error) {
	es, ok := st.(models.EditStore)
	if !ok {
		return nil, ErrNotEditable
	}
	return es, nil
}

// SetAttribute sets one attribute of a stored feature (see
// models.SetAttribute for keys and validation) as one edit in the
// project's history, and returns the feature as stored afterwards. The
// feature is read afresh inside, so the edit's Before is what the file
// holds; a licence another feature of the layer already has is refused.
func SetAttribute(ctx context.Context, st models.Store, layer string, id int64, key, value string) (*models.Feature, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	cur, err := es.Feature(ctx, layer, id)
	if err != nil {
		return nil, err
	}
	next, err := models.SetAttribute(cur, key, value)
	if err != nil {
		return nil, err
	}
	if next.Attrs.Licence != "" && next.Attrs.Licence != cur.Attrs.Licence {
		if other, err := licenceHolder(ctx, st, layer, next.Attrs.Licence, id); err != nil {
			return nil, err
		} else if other != nil {
			return nil, &models.AttrError{Key: key, Value: value, Code: models.AttrErrDuplicate}
		}
	}
	if string(next.Props) == string(cur.Props) && next.Attrs == cur.Attrs {
		return cur, nil // nothing changed: no history entry
	}
	label := models.Label{Key: "edit.attribute", Args: map[string]string{"field": key, "name": displayName(cur)}}
	done, err := es.Do(ctx, &models.Edit{Label: label, Changes: []models.Change{{Layer: layer, ID: id, Before: cur, After: next}}})
	if err != nil {
		return nil, err
	}
	return done.Changes[0].After, nil
}

// licenceHolder is another feature of layer with this exact licence.
func licenceHolder(ctx context.Context, st models.Store, layer, licence string, except int64) (*models.Feature, error) {
	s, ok := st.(models.Searcher)
	if !ok {
		return nil, nil
	}
	fs, err := s.Search(ctx, licence, 50)
	if err != nil {
		return nil, err
	}
	for _, f := range fs {
		if f.Layer == layer && f.ID != except && f.Attrs.Licence == licence {
			return f, nil
		}
	}
	return nil, nil
}

// displayName names a feature for messages: its name, else its licence,
// else layer and fid.
func displayName(f *models.Feature) string {
	switch {
	case f.Attrs.Name != "":
		return f.Attrs.Name
	case f.Attrs.Licence != "":
		return f.Attrs.Licence
	}
	return fmt.Sprintf("%s #%d", f.Layer, f.ID)
}

// Undo reverts the project's newest edit and returns it (as reverted).
func Undo(ctx context.Context, st models.Store) (*models.Edit, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	return es.Undo(ctx)
}

// Redo applies the newest undone edit again.
func Redo(ctx context.Context, st models.Store) (*models.Edit, error) {
	es, err := editStore(st)
	if err != nil {
		return nil, err
	}
	return es.Redo(ctx)
}
