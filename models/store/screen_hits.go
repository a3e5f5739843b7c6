package store

import (
	"cmp"
	"slices"

	"minerehab/models"
)

// hitList is one worker's hits, in chunks that never move (a hit is 96
// bytes; there may be a hundred thousand), each with a small sort key.
type hitList struct {
	chunks [][]models.ScreenHit
	keys   []hitKey
}

// hitKey orders hits as models.SortHits does.
type hitKey struct {
	d     float64 // distance
	layer int32   // the layer's place (layerOrder)
	at    int32   // the hit's index in its list
	id    int64
}

const hitChunk = 1024

func (l *hitList) add(h *models.ScreenHit, layer int32) {
	n := len(l.keys)
	if n%hitChunk == 0 {
		l.chunks = append(l.chunks, make([]models.ScreenHit, 0, hitChunk))
	}
	c := &l.chunks[len(l.chunks)-1]
	*c = append(*c, *h)
	l.keys = append(l.keys, hitKey{d: h.DistanceM, layer: layer, at: int32(n), id: h.ID})
}

func (l *hitList) hit(at int32) *models.ScreenHit { return &l.chunks[at/hitChunk][at%hitChunk] }

func compareHitKeys(a, b hitKey) int {
	if c := cmp.Compare(a.d, b.d); c != 0 {
		return c
	}
	return cmp.Or(cmp.Compare(a.layer, b.layer), cmp.Compare(a.id, b.id))
}

// layerOrder numbers the layers in the order models.SortHits puts them:
// models.ScreenLayers first, as listed there, then the others by name.
func layerOrder(layers []string) map[string]int32 {
	ls := slices.Clone(layers)
	slices.SortFunc(ls, func(a, b string) int { return cmp.Or(cmp.Compare(layerRank(a), layerRank(b)), cmp.Compare(a, b)) })
	ls = slices.Compact(ls)
	out := make(map[string]int32, len(ls))
	for i, l := range ls {
		out[l] = int32(i)
	}
	return out
}

func layerRank(l string) int {
	if i := slices.Index(models.ScreenLayers, l); i >= 0 {
		return i
	}
	return len(models.ScreenLayers)
}

// mergeHits merges the workers' hits, each list's keys sorted, into one
// list in models.SortHits order.
func mergeHits(lists []hitList) []models.ScreenHit {
	n := 0
	for i := range lists {
		n += len(lists[i].keys)
	}
	out := make([]models.ScreenHit, 0, n)
	next := make([]int, len(lists))
	for len(out) < n {
		k := -1
		for i := range lists {
			if next[i] < len(lists[i].keys) && (k < 0 || compareHitKeys(lists[i].keys[next[i]], lists[k].keys[next[k]]) < 0) {
				k = i
			}
		}
		out = append(out, *lists[k].hit(lists[k].keys[next[k]].at))
		next[k]++
	}
	return out
}
