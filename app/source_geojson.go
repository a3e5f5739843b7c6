package app

import (
	"context"
	"errors"
	"io"

	"minerehab/gis/crs"
	"minerehab/gis/geojson"
)

// geojsonProducer streams the features of a GeoJSON file, deciding its
// coordinate system on the first geometry (override, crs member, or what the
// numbers look like).
func geojsonProducer(r io.Reader, file, override, lateCRS string, fsum *FileSummary) producer {
	return func(ctx context.Context, emit func(item) bool) error {
		rd := geojson.NewReader(r, geojson.Options{})
		var src *crs.CRS
		// When the numbers alone cannot tell the CRS, read on without
		// emitting: a crs member after the features (LateCRSError) restarts
		// the import knowing it; without one the file is refused.
		var undecided error
		for {
			gf, err := rd.Next()
			if err == io.EOF {
				if undecided != nil {
					return undecided
				}
				break
			}
			var lc *geojson.LateCRSError
			if errors.As(err, &lc) && lateCRS != "" {
				continue // this read already knows it
			}
			var fe *geojson.FeatureError
			if err != nil && !errors.As(err, &fe) {
				return &FileError{File: file, Code: readerCode(err), Err: err}
			}
			if undecided != nil {
				continue
			}
			var it item
			if fe != nil {
				it.src = source{index: fe.Index, line: fe.Line, id: fe.ID}
				it.rdErr = err
			} else {
				if src == nil && gf.Geometry != nil {
					pt, _ := firstPoint(gf.Geometry)
					member := rd.CRS()
					if lateCRS != "" {
						member = lateCRS
					}
					if src, err = resolveCRS(file, override, member, pt, fsum); err != nil {
						if override == "" && member == "" {
							undecided = err
							continue
						}
						return err
					}
					fsum.CRS = src.String()
				}
				it.src = source{index: gf.Index, line: gf.Line, id: string(gf.ID), geom: gf.Geometry, props: gf.Properties, crs: src}
			}
			if !emit(it) {
				return nil
			}
		}
		if src == nil {
			fsum.CRS, fsum.CRSNote = "EPSG:4326", "default"
		}
		return nil
	}
}
