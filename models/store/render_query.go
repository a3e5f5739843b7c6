package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

var _ models.RenderReader = (*Store)(nil)

// RenderRows implements models.RenderReader: a SELECT of the fid, the
// geometry blob and the asked-for columns only, scanned without copying
// (sql.RawBytes), so a map frame does not pay for the properties JSON or
// the source geometry. When bbox holds the layer's whole recorded extent
// the spatial index is skipped (every row is read in fid order, and each
// blob's envelope still decides, so the answer is the same).
func (s *Store) RenderRows(ctx context.Context, layer string, bbox *orb.Bound, fields models.RenderFields, fn func(*models.RenderRow) error) error {
	if err := s.checkLayer("read", layer); err != nil {
		return err
	}
	cols := []string{"fid", "geom"}
	type field struct {
		f   models.RenderFields
		col string
	}
	for _, f := range []field{{models.RenderName, "name"}, {models.RenderDistrict, "district"},
		{models.RenderStatus, "status"}, {models.RenderKind, "kind"},
		{models.RenderFeatureType, "feature_type"}, {models.RenderProps, "properties"}} {
		if fields&f.f != 0 {
			cols = append(cols, f.col)
		}
	}
	query := "SELECT " + strings.Join(cols, ", ") + " FROM " + gpkg.QuoteIdent(layer)
	var args []any
	if bbox != nil && !s.extentWithin(ctx, layer, bbox) {
		query += " WHERE " + bboxFilter(layer)
		args = bboxArgs(bbox)
	}
	query += " ORDER BY fid"
	var q interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	} = s.r
	if args == nil {
		// The whole layer (the render cache being built): read through
		// the page cache, not mapped (see unmappedConn).
		conn, restore, err := s.unmappedConn(ctx, "read "+layer+" from")
		if err != nil {
			return err
		}
		defer conn.Close()
		defer restore()
		q = conn
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return classify("read "+layer+" from", s.path, err)
	}
	defer rows.Close()

	var (
		row                             models.RenderRow
		geom, props                     sql.RawBytes
		name, dist, status, kind, ftype sql.RawBytes
		dest                            = []any{&row.ID, &geom}
		strs                            []*sql.RawBytes
		targets                         []*string
		statusStr, kindStr              string
	)
	add := func(f models.RenderFields, b *sql.RawBytes, t *string) {
		if fields&f != 0 {
			dest = append(dest, b)
			strs = append(strs, b)
			targets = append(targets, t)
		}
	}
	add(models.RenderName, &name, &row.Attrs.Name)
	add(models.RenderDistrict, &dist, &row.Attrs.District)
	add(models.RenderStatus, &status, &statusStr)
	add(models.RenderKind, &kind, &kindStr)
	add(models.RenderFeatureType, &ftype, &row.Attrs.FeatureType)
	if fields&models.RenderProps != 0 {
		dest = append(dest, &props)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return classify("read "+layer+" from", s.path, err)
		}
		if bbox != nil && !meets(geom, bbox) {
			continue
		}
		for i, b := range strs {
			*targets[i] = string(*b)
		}
		row.Attrs.Status = models.MineStatus(statusStr)
		row.Attrs.Kind = models.SiteKind(kindStr)
		row.Geom = geom
		row.Props = props
		if err := fn(&row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return classify("read "+layer+" from", s.path, err)
	}
	return nil
}

// extentWithin reports whether the layer's extent recorded in
// gpkg_contents lies inside b (false when it is not recorded).
func (s *Store) extentWithin(ctx context.Context, layer string, b *orb.Bound) bool {
	ext, err := gpkg.ContentsExtent(ctx, s.r, layer)
	if err != nil || ext == nil {
		return false
	}
	return b.Min[0] <= ext.Min[0] && b.Min[1] <= ext.Min[1] && ext.Max[0] <= b.Max[0] && ext.Max[1] <= b.Max[1]
}
