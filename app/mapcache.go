package app

import (
	"context"
	"errors"
	"image"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
)

// MapCache keeps a project's layers ready to draw in memory (lon/lat
// geometry, box, style and label of every feature), at the level of
// detail of the frames drawn (see lodLevels), so that a window redraws
// its map without going back to the store: a warm redraw costs only the
// drawing. A layer's level is read the first time a frame needs it, from
// the render cache (maprender_cache.go) when that holds it for the
// layer's current token, else from the store (the whole layer, from
// which every level is made at once and written to the render cache, or
// kept in memory when there is no render cache), and kept until
// Invalidate; the window calls Invalidate(layer) after an import or an
// edit changes the layer (or Invalidate() after anything else). Frames
// finer than the finest level (lodLevels[0] metres per pixel) draw the
// stored geometry of a region around the view, read from the store with
// its spatial index and kept while the frames stay inside it.
//
// Memory is the levels used (16 bytes a vertex, about 90 a feature):
// with the render cache, a full-extent view of the 500,000-feature
// benchmark project holds its coarse level only; Bytes estimates it. A
// MapCache is safe for concurrent use: frames may be drawn while another
// loads.
type MapCache struct {
	st models.Store

	mu      sync.Mutex
	layers  map[levelKey]*cachedLayer
	version uint64     // bumped by Invalidate
	last    *lastFrame // the last frame drawn, for the next to take from (mapcache_frame.go)
}

// levelKey names a layer at a level (-1: the stored geometry of a
// region).
type levelKey struct {
	name  string
	level int
}

// cachedLayer is a layer's level read whole, or being read (done is
// closed when it is ready; err says how it went).
type cachedLayer struct {
	done    chan struct{}
	layer   *mapLayer
	region  orb.Bound // level -1: the part of the map read
	bytes   int64
	err     error
	version uint64
}

// NewMapCache returns an empty cache of st's layers. st must stay open
// while the cache is used.
func NewMapCache(st models.Store) *MapCache {
	return &MapCache{st: st, layers: map[levelKey]*cachedLayer{}}
}

// Invalidate drops the named layers (every layer when none is named): the
// next frame that shows them reads them again.
func (c *MapCache) Invalidate(layers ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.version++
	c.last = nil // its layers may be among those dropped
	if len(layers) == 0 {
		clear(c.layers)
		return
	}
	for k := range c.layers {
		if slices.Contains(layers, k.name) {
			delete(c.layers, k)
		}
	}
}

// Bytes is an estimate of the memory the loaded layers hold.
func (c *MapCache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for _, cl := range c.layers {
		select {
		case <-cl.done:
			n += cl.bytes
		default:
		}
	}
	return n
}

// Load makes the render cache hold every level of the layers that are
// not hidden, reading from the store, once, each layer it lacks; it
// returns the first error, and does nothing when there is no render cache
// (or the store keeps no layer tokens). A window may call it after
// opening a project so that its frames at every scale are warm.
func (c *MapCache) Load(ctx context.Context, hidden map[string]bool) error {
	src := newLodSource(ctx, c.st)
	var errs []error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, d := range models.Layers {
		if hidden[d.Name] || src.token(d.Name) == nil {
			continue
		}
		missing := false
		for k := range lodLevels {
			missing = missing || !src.has(d.Name, k)
		}
		if !missing {
			continue
		}
		wg.Go(func() {
			if _, err := c.fillAll(ctx, src, d.Name, -1); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// layerSet returns the layers that are not hidden, in drawing order, at
// level k (a region around bbox when k < 0), loading what is missing.
func (c *MapCache) layerSet(ctx context.Context, hidden map[string]bool, styles []models.LayerStyle, k int, bbox orb.Bound) ([]*mapLayer, error) {
	var src *lodSource // made once something is missing
	for {
		pending, missing := c.lookup(hidden, styles, k, bbox, src)
		if missing && src == nil {
			src = newLodSource(ctx, c.st)
			continue
		}
		out := make([]*mapLayer, 0, len(pending))
		for _, cl := range pending {
			select {
			case <-cl.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			if cl.err != nil {
				return nil, cl.err
			}
			out = append(out, cl.layer)
		}
		return out, nil
	}
}

// lookup finds the layers of a frame; with src, it starts reading those
// missing, else it only reports that some are.
func (c *MapCache) lookup(hidden map[string]bool, styles []models.LayerStyle, k int, bbox orb.Bound, src *lodSource) (pending []*cachedLayer, missing bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range LayerOrder(styles) {
		if hidden[name] {
			continue
		}
		key := levelKey{name, k}
		cl := c.layers[key]
		if cl != nil && k < 0 && !(cl.region.Contains(bbox.Min) && cl.region.Contains(bbox.Max)) {
			select {
			case <-cl.done: // read for elsewhere: read this part
				cl = nil
			default: // being read: wait for it, it may do
			}
		}
		if cl == nil {
			if src == nil {
				return nil, true
			}
			cl = &cachedLayer{done: make(chan struct{}), layer: &mapLayer{name: name}, version: c.version}
			if k < 0 {
				// Three views across: small pans stay inside.
				w, h := bbox.Max[0]-bbox.Min[0], bbox.Max[1]-bbox.Min[1]
				cl.region = grow(bbox, w, h)
			}
			c.layers[key] = cl
			go c.fill(src, cl, k)
		}
		pending = append(pending, cl)
	}
	return pending, false
}

// fill reads cl's layer at level k into cl. It runs to the end whatever
// the frames waiting for it do (a cancelled frame must not leave a layer
// half read for the next one); a failed read is dropped from the cache so
// the next frame tries again.
func (c *MapCache) fill(src *lodSource, cl *cachedLayer, k int) {
	defer close(cl.done)
	name := cl.layer.name
	ctx := context.Background()
	var err error
	switch {
	case k < 0:
		var lvs [][]lodRecord
		var unread []int64
		if lvs, unread, err = readRecords(ctx, c.st, name, &cl.region); err == nil {
			cl.layer = lodLayer(name, lvs[0], true)
			cl.layer.unread = unread
		}
	default:
		if ml, ok := src.cached(name, k); ok {
			cl.layer = ml
		} else {
			var ml *mapLayer
			if ml, err = c.fillAll(ctx, src, name, k); err == nil {
				cl.layer = ml
			}
		}
	}
	if err != nil {
		cl.err = err
		c.mu.Lock()
		if c.layers[levelKey{name, k}] == cl {
			delete(c.layers, levelKey{name, k})
		}
		c.mu.Unlock()
		return
	}
	cl.layer.feats = cl.layer.feats[:len(cl.layer.feats):len(cl.layer.feats)]
	cl.bytes = layerBytes(cl.layer)
}

// fillAll reads the whole layer from the store, writing every level of
// it to the render cache as it goes, and returns level want (nil when
// want < 0). Without a render cache the levels not wanted are lost: a
// frame needing one reads the layer again.
func (c *MapCache) fillAll(ctx context.Context, src *lodSource, name string, want int) (*mapLayer, error) {
	all := make([]int, len(lodLevels))
	for j := range all {
		all[j] = j
	}
	recs, unread, err := src.readWhole(ctx, name, all, want)
	if err != nil || want < 0 {
		return nil, err
	}
	ml := lodLayer(name, recs, true)
	ml.unread = unread
	return ml, nil
}

// layerBytes estimates the memory a layer holds: geometry points and
// slice headers, plus the feature records.
func layerBytes(ml *mapLayer) int64 {
	const feat = 8*4 + 16 + 16 + 8 + 8 // bound, geometry interface, label header, style, label anchor
	n := int64(len(ml.feats)) * feat
	for i := range ml.feats {
		n += int64(len(ml.feats[i].label)) + geomBytes(ml.feats[i].geom)
	}
	return n
}

func geomBytes(g orb.Geometry) int64 {
	switch g := g.(type) {
	case orb.Point:
		return 16
	case orb.MultiPoint:
		return 24 + 16*int64(len(g))
	case orb.LineString:
		return 24 + 16*int64(len(g))
	case orb.Ring:
		return 24 + 16*int64(len(g))
	case orb.MultiLineString:
		n := int64(24)
		for _, l := range g {
			n += geomBytes(l)
		}
		return n
	case orb.Polygon:
		n := int64(24)
		for _, r := range g {
			n += geomBytes(r)
		}
		return n
	case orb.MultiPolygon:
		n := int64(24)
		for _, p := range g {
			n += geomBytes(p)
		}
		return n
	case orb.Collection:
		n := int64(24)
		for _, p := range g {
			n += 16 + geomBytes(p)
		}
		return n
	}
	return 0
}

// Render draws the map as RenderMap does (same layers, symbology, labels
// and scale bar, same picture) from the cache, reading the layers it does
// not hold yet; after a pan it takes what it can from the frame before
// and draws only the bands the pan uncovered (mapcache_frame.go). It
// returns an error matching context.Canceled when ctx is cancelled.
func (c *MapCache) Render(ctx context.Context, v render.View, opt MapOptions) (*image.RGBA, error) {
	if err := v.Valid(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	layers, err := c.layerSet(ctx, opt.Hidden, opt.Styles, lodLevel(v.MetresPerPixel), v.Bound())
	if err != nil {
		return nil, err
	}
	return drawFrameFrom(ctx, v, loadedLayers(layers), opt, c.prevFor(v, layers, opt), func(plain *image.RGBA) {
		c.keepFrame(plain, v, layers, opt)
	})
}
