package models

import "strconv"

// GeometryError is a stored geometry that cannot be decoded. Reads hand
// its feature on with a nil Geometry and this in Feature.GeomErr, so the
// map, picking and search keep working and the inspector can say what
// is wrong; writes that would replace the bytes (an edit) refuse it.
type GeometryError struct {
	Layer string
	ID    int64
	Err   error // the decoder's reason (a *gpkg.Error)
}

func (e *GeometryError) Error() string {
	return "decode " + e.Layer + " fid " + strconv.FormatInt(e.ID, 10) + ": " + e.Err.Error()
}

func (e *GeometryError) Unwrap() error { return e.Err }
