package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

// checkLayer refuses names that are not layers (they are also the only
// identifiers spliced into SQL).
func (s *Store) checkLayer(op, layer string) error {
	if _, ok := models.LayerByName(layer); !ok {
		return &Error{Code: CodeUnknownLayer, Op: op, Path: s.path, Err: fmt.Errorf("no layer %q", layer)}
	}
	return nil
}

// bboxFilter selects the fids whose index box meets b. The R*Tree holds
// float32 boxes rounded outwards, so callers needing the exact answer check
// the blob's envelope too.
func bboxFilter(layer string) string {
	return "fid IN (SELECT id FROM " + gpkg.QuoteIdent(gpkg.RTreeName(layer, GeomColumn)) +
		" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)"
}

func bboxArgs(b *orb.Bound) []any { return []any{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} }

// meets reports whether the exact envelope of blob meets b.
func meets(blob []byte, b *orb.Bound) bool {
	minx, maxx, miny, maxy, empty, err := gpkg.Envelope(blob)
	return err == nil && !empty && maxx >= b.Min[0] && minx <= b.Max[0] && maxy >= b.Min[1] && miny <= b.Max[1]
}

// Features calls fn for each feature of a layer whose bounding box meets
// bbox (every feature when bbox is nil), in fid order. The spatial index
// selects candidates; each candidate's exact envelope decides. Each Feature
// is freshly allocated; fn may keep it. Reads never wait for an import.
func (s *Store) Features(ctx context.Context, layer string, bbox *orb.Bound, fn func(*models.Feature) error) error {
	if err := s.checkLayer("read", layer); err != nil {
		return err
	}
	query := "SELECT " + featureSelect + " FROM " + gpkg.QuoteIdent(layer)
	var args []any
	if bbox != nil {
		query += " WHERE " + bboxFilter(layer)
		args = bboxArgs(bbox)
	}
	query += " ORDER BY fid"
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return classify("read "+layer+" from", s.path, err)
	}
	defer rows.Close()
	var sc featureScan
	for rows.Next() {
		if err := rows.Scan(sc.dest()...); err != nil {
			return classify("read "+layer+" from", s.path, err)
		}
		if bbox != nil && !meets(sc.geom, bbox) {
			continue
		}
		f, err := sc.feature(layer, s.path)
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return classify("read "+layer+" from", s.path, err)
	}
	return nil
}

// Count counts the features of a layer whose bounding box meets bbox
// (all features when nil), exactly as Features selects them.
func (s *Store) Count(ctx context.Context, layer string, bbox *orb.Bound) (int, error) {
	if err := s.checkLayer("count", layer); err != nil {
		return 0, err
	}
	t := gpkg.QuoteIdent(layer)
	var n int
	var err error
	if bbox == nil {
		err = s.r.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n)
	} else {
		n, err = s.countBox(ctx, layer, bbox)
	}
	if err != nil {
		return 0, classify("count "+layer+" in", s.path, err)
	}
	return n, nil
}

// countBox counts the index candidates whose exact envelope meets b,
// reading each envelope from the blob header in Go.
func (s *Store) countBox(ctx context.Context, layer string, b *orb.Bound) (int, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT geom FROM "+gpkg.QuoteIdent(layer)+" WHERE "+bboxFilter(layer), bboxArgs(b)...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var blob sql.RawBytes
		if err := rows.Scan(&blob); err != nil {
			return 0, err
		}
		if meets(blob, b) {
			n++
		}
	}
	return n, rows.Err()
}

// Info summarises the project: schema version, and per layer (in
// models.Layers order) the feature count, the extent recorded in
// gpkg_contents (computed from the geometries when it is missing) and the
// summed area_m2.
func (s *Store) Info(ctx context.Context) (models.Info, error) {
	info := models.Info{SchemaVersion: s.version}
	for _, def := range models.Layers {
		li := models.LayerInfo{Name: def.Name}
		t := gpkg.QuoteIdent(def.Name)
		var area sql.NullFloat64
		if err := s.r.QueryRowContext(ctx, "SELECT count(*), total(area_m2) FROM "+t).Scan(&li.Count, &area); err != nil {
			return info, classify("summarise", s.path, err)
		}
		li.AreaM2 = area.Float64
		if li.Count > 0 {
			ext, err := s.layerExtent(ctx, def.Name)
			if err != nil {
				return info, err
			}
			li.Extent = ext
		}
		info.Layers = append(info.Layers, li)
	}
	return info, nil
}

// Extents implements models.ExtentReader: the extents Info gives, of the
// layers that hold features, without counting or summing their rows.
func (s *Store) Extents(ctx context.Context) (map[string]orb.Bound, error) {
	out := map[string]orb.Bound{}
	for _, def := range models.Layers {
		var some bool
		if err := s.r.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+gpkg.QuoteIdent(def.Name)+")").Scan(&some); err != nil {
			return nil, classify("summarise", s.path, err)
		}
		if !some {
			continue
		}
		ext, err := s.layerExtent(ctx, def.Name)
		if err != nil {
			return nil, err
		}
		if ext != nil {
			out[def.Name] = *ext
		}
	}
	return out, nil
}

// layerExtent is the extent of a layer with features: as gpkg_contents
// records it, or computed when it records none (another program's edit).
func (s *Store) layerExtent(ctx context.Context, layer string) (*orb.Bound, error) {
	ext, err := gpkg.ContentsExtent(ctx, s.r, layer)
	if err != nil {
		return nil, classify("summarise", s.path, err)
	}
	if ext == nil {
		return s.computeExtent(ctx, layer)
	}
	return ext, nil
}

// computeExtent is the union of the envelopes of a layer's geometries.
func (s *Store) computeExtent(ctx context.Context, layer string) (*orb.Bound, error) {
	var minx, maxx, miny, maxy sql.NullFloat64
	err := s.r.QueryRowContext(ctx, "SELECT min(ST_MinX(geom)), max(ST_MaxX(geom)), min(ST_MinY(geom)), max(ST_MaxY(geom)) FROM "+
		gpkg.QuoteIdent(layer)).Scan(&minx, &maxx, &miny, &maxy)
	if err != nil {
		return nil, classify("summarise", s.path, err)
	}
	if !minx.Valid {
		return nil, nil
	}
	return &orb.Bound{Min: orb.Point{minx.Float64, miny.Float64}, Max: orb.Point{maxx.Float64, maxy.Float64}}, nil
}
