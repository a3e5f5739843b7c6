package app

import (
	"bytes"
	"context"
	"os"
	"sync"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// lodSource hands out a store's layers at a level of detail: from the
// render cache when it holds the level for the layer's current token,
// else read from the store and simplified (and then written to the cache
// when the whole layer was read).
type lodSource struct {
	st      models.Store
	dir     string // render cache directory; "" for none
	project string
	tokens  map[string][]byte // nil: no cache

	infoOnce sync.Once
	info     models.Info
	infoErr  error
}

// newLodSource reads st's layer tokens when st has them (and the cache is
// on); errors reading them only turn the cache off.
func newLodSource(ctx context.Context, st models.Store) *lodSource {
	s := &lodSource{st: st, dir: renderCacheDir()}
	if p, ok := st.(interface{ ProjectID() string }); ok {
		s.project = p.ProjectID()
	}
	if s.dir != "" {
		s.tokens = readTokens(ctx, st)
	}
	return s
}

// readTokens is st's layer tokens, nil when it has none.
func readTokens(ctx context.Context, st models.Store) map[string][]byte {
	lt, ok := st.(models.LayerTokener)
	if !ok {
		return nil
	}
	t, err := lt.LayerTokens(ctx)
	if err != nil {
		return nil
	}
	return t
}

// token is layer's token, nil when it cannot be cached.
func (s *lodSource) token(layer string) []byte {
	if s.dir == "" {
		return nil
	}
	return s.tokens[layer]
}

// cached is layer's level k from the cache, ready to draw.
func (s *lodSource) cached(layer string, k int) (*mapLayer, bool) {
	return loadLayer(s.dir, s.project, layer, k, s.token(layer), true)
}

// has reports whether the render cache has a file of layer's level k for
// its current token (not whether the file is sound).
func (s *lodSource) has(layer string, k int) bool {
	tok := s.token(layer)
	if tok == nil {
		return false
	}
	_, err := os.Stat(cacheFileName(s.dir, s.project, layer, k, tok))
	return err == nil
}

// readWhole reads every feature of layer at each of levels (see
// readLevels), writing each level to the render cache as it goes, and
// keeps level keep in memory (keep < 0: none); unread is the fids whose
// geometry could not be decoded. The files are put in place only when
// the layer's token was the same before and after the read, and when
// every geometry was read: a cached level would not know what it lacks,
// so a layer with a damaged geometry is read from the store each time and
// each frame can say what is missing (such a project is rare).
func (s *lodSource) readWhole(ctx context.Context, layer string, levels []int, keep int) (kept []lodRecord, unread []int64, err error) {
	tok := s.token(layer)
	ws := make([]*levelWriter, len(levels))
	for i, k := range levels {
		ws[i] = newLevelWriter(s.dir, s.project, layer, k, tok)
	}
	unread, err = readLevels(ctx, s.st, layer, nil, levels, func(i int, r *lodRecord) {
		ws[i].add(r)
		if levels[i] == keep {
			kept = append(kept, *r)
		}
	})
	same := false
	if err == nil && tok != nil && len(unread) == 0 {
		after := readTokens(ctx, s.st)
		same = after != nil && bytes.Equal(after[layer], tok)
	}
	for _, w := range ws {
		if same {
			w.commit()
		} else {
			w.abort()
		}
	}
	if r, ok := s.st.(interface{ ReleaseIdle() }); ok {
		// The whole file was read through the connections' memory maps:
		// let them go rather than keep it resident.
		r.ReleaseIdle()
	}
	return kept, unread, err
}

// worthWhole reports whether reading all of layer (to cache it) is worth
// it for a frame showing bbox: the frame shows a quarter of the layer's
// extent or more.
func (s *lodSource) worthWhole(ctx context.Context, layer string, bbox *orb.Bound) bool {
	s.infoOnce.Do(func() { s.info, s.infoErr = s.st.Info(ctx) })
	if s.infoErr != nil {
		return false
	}
	ext, ok := LayerExtent(s.info, layer)
	if !ok {
		return true // empty: nothing to read either way
	}
	if !meets(ext, *bbox) {
		return false
	}
	in := orb.Bound{Min: orb.Point{max(ext.Min[0], bbox.Min[0]), max(ext.Min[1], bbox.Min[1])},
		Max: orb.Point{min(ext.Max[0], bbox.Max[0]), min(ext.Max[1], bbox.Max[1])}}
	area := func(b orb.Bound) float64 { return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]) }
	if area(ext) == 0 {
		return true
	}
	return area(in) >= area(ext)/4
}

// frameLayer is layer as a frame showing bbox at level k draws it (k < 0:
// the stored geometry of the features meeting bbox). When the frame
// shows much of the layer and the render cache has not the level, the
// whole layer is read and the level written to the cache.
func (s *lodSource) frameLayer(ctx context.Context, layer string, k int, bbox *orb.Bound) (*mapLayer, error) {
	if k >= 0 {
		if ml, ok := s.cached(layer, k); ok {
			return ml, nil
		}
	}
	var recs []lodRecord
	var unread []int64
	var err error
	if k >= 0 && s.token(layer) != nil && s.worthWhole(ctx, layer, bbox) {
		recs, unread, err = s.readWhole(ctx, layer, []int{k}, k)
	} else {
		var lvs [][]lodRecord
		var levels []int // k < 0: as stored
		if k >= 0 {
			levels = []int{k}
		}
		lvs, unread, err = readRecords(ctx, s.st, layer, bbox, levels...)
		if err == nil {
			recs = lvs[0]
		}
	}
	if err != nil {
		return nil, err
	}
	ml := lodLayer(layer, recs, true)
	ml.unread = unread
	return ml, nil
}
