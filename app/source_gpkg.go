package app

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strconv"

	"github.com/paulmach/orb"

	"minerehab/gis/crs"
	"minerehab/gis/gpkg"
)

// gpkgProducer reads every feature table of another GeoPackage (one written
// by ogr2ogr or QGIS, say), each in the coordinate system its srs_id names;
// the non-geometry columns become the feature's properties.
func gpkgProducer(file, override string, fsum *FileSummary) producer {
	return func(ctx context.Context, emit func(item) bool) error {
		db, err := sql.Open("sqlite", "file:"+url.PathEscape(file)+"?mode=ro&_pragma=query_only(1)")
		if err != nil {
			return &FileError{File: file, Code: "open-failed", Err: err}
		}
		defer db.Close()
		tables, err := gpkg.ListFeatureTables(ctx, db)
		if err != nil {
			return &FileError{File: file, Code: "gpkg-unreadable", Err: err}
		}
		if len(tables) == 0 {
			return &FileError{File: file, Code: "gpkg-no-features", Err: fmt.Errorf("no feature tables")}
		}
		index := 0
		for _, t := range tables {
			src, err := tableCRS(ctx, db, file, override, t, fsum)
			if err != nil {
				return err
			}
			stop := false
			err = gpkg.ReadFeatures(ctx, db, t.Name, func(fid int64, g orb.Geometry, props []byte) error {
				it := item{src: source{index: index, id: t.Name + ":" + strconv.FormatInt(fid, 10), geom: g, props: props, crs: src}}
				index++
				if !emit(it) {
					stop = true
					return context.Canceled
				}
				return nil
			})
			if stop {
				return nil
			}
			if err != nil {
				return &FileError{File: file, Code: "gpkg-unreadable", Err: err}
			}
		}
		return nil
	}
}

// tableCRS finds the EPSG code behind a table's srs_id.
func tableCRS(ctx context.Context, db *sql.DB, file, override string, t gpkg.TableInfo, fsum *FileSummary) (*crs.CRS, error) {
	if override != "" {
		return resolveCRS(file, override, "", orb.Point{}, fsum)
	}
	s, err := gpkg.LookupSRS(ctx, db, t.SrsID)
	if err != nil {
		return nil, &FileError{File: file, Code: "gpkg-unreadable", Err: err}
	}
	code, ok := s.EPSG()
	if !ok {
		return nil, &FileError{File: file, Code: "crs-unknown", Err: fmt.Errorf("table %s: srs_id %d is not an EPSG code", t.Name, t.SrsID)}
	}
	c, err := crs.ByEPSG(code)
	if err != nil {
		return nil, &FileError{File: file, Code: "unsupported-crs-member", Err: err}
	}
	fsum.CRS, fsum.CRSNote = c.String(), "member"
	return c, nil
}
