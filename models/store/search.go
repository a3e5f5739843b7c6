package store

import (
	"context"
	"sort"
	"strings"

	"minerehab/gis/gpkg"
	"minerehab/models"
)

var _ models.Searcher = (*Store)(nil)

// Search finds features whose name or licence contains text. A licence
// typed whole is found through the licence index; other searches scan the
// name and licence columns (about 0.1 s per 500k rows).
func (s *Store) Search(ctx context.Context, text string, limit int) ([]*models.Feature, error) {
	text = strings.TrimSpace(text)
	if text == "" || limit <= 0 {
		return nil, nil
	}
	pattern := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text) + "%"
	type ranked struct {
		f    *models.Feature
		rank int
	}
	var hits []ranked
	for _, def := range models.Layers {
		// Exact licence first (indexed), then the scan; the scan's LIMIT
		// keeps a common word from reading every row into memory.
		rows, err := s.r.QueryContext(ctx, "SELECT "+featureSelect+" FROM "+gpkg.QuoteIdent(def.Name)+
			` WHERE licence = ?1 OR name LIKE ?2 ESCAPE '\' OR licence LIKE ?2 ESCAPE '\' LIMIT ?3`, text, pattern, limit)
		if err != nil {
			return nil, classify("search "+def.Name+" in", s.path, err)
		}
		var sc featureScan
		for rows.Next() {
			if err := rows.Scan(sc.dest()...); err != nil {
				rows.Close()
				return nil, classify("search "+def.Name+" in", s.path, err)
			}
			f, err := sc.feature(def.Name, s.path)
			if err != nil {
				rows.Close()
				return nil, err
			}
			hits = append(hits, ranked{f, matchRank(f.Attrs, text)})
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, classify("search "+def.Name+" in", s.path, err)
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].rank < hits[j].rank })
	out := make([]*models.Feature, 0, min(limit, len(hits)))
	for _, h := range hits {
		if len(out) == limit {
			break
		}
		out = append(out, h.f)
	}
	return out, nil
}

// matchRank: 0 exact name or licence, 1 prefix, 2 contained.
func matchRank(a models.Attrs, text string) int {
	t := strings.ToLower(text)
	n, l := strings.ToLower(a.Name), strings.ToLower(a.Licence)
	switch {
	case n == t || l == t:
		return 0
	case strings.HasPrefix(n, t) || strings.HasPrefix(l, t):
		return 1
	}
	return 2
}
