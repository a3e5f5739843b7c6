package app

import (
	"minerehab/models"
	"minerehab/models/store"
)

// OpenProject opens a project file for reading and writing (readOnly false)
// or reading only; errors say which file and why (see Message).
func OpenProject(path string, readOnly bool) (models.Store, error) {
	st, err := store.Open(path, store.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, &ProjectError{Path: path, Err: err}
	}
	return st, nil
}

// CreateProject creates a new, empty project file.
func CreateProject(path string) (models.Store, error) {
	st, err := store.Create(path)
	if err != nil {
		return nil, &ProjectError{Path: path, Err: err}
	}
	return st, nil
}
