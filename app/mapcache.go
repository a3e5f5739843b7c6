package app

import (
	"context"
	"image"
	"sync"

	"github.com/paulmach/orb"

	"minerehab/gis/render"
	"minerehab/models"
)

// MapCache keeps a project's layers decoded in memory (lon/lat geometry,
// box, style and label of every feature) so that a window redraws its map
// without going back to the store: a warm redraw costs only the drawing.
// A layer is read the first time a frame shows it and kept until
// Invalidate; the window calls Invalidate(layer) after an import or an
// edit changes the layer (or Invalidate() after anything else), so the
// cache is keyed by project (one MapCache per open store), layer and data
// version (the calls to Invalidate).
//
// Memory is the decoded geometry (16 bytes a vertex) plus about 90 bytes a
// feature: 280 MB of heap for the 500,000-feature benchmark project (26 MB
// for the 50,000 one); Bytes estimates it. A MapCache is safe for
// concurrent use: frames may be drawn while another loads.
type MapCache struct {
	st models.Store

	mu      sync.Mutex
	layers  map[string]*cachedLayer
	version uint64 // bumped by Invalidate
}

// cachedLayer is a layer read whole, or being read (done is closed when
// it is ready; err says how it went).
type cachedLayer struct {
	done    chan struct{}
	layer   *mapLayer
	labels  bool // read with labels
	bytes   int64
	err     error
	version uint64
}

// NewMapCache returns an empty cache of st's layers. st must stay open
// while the cache is used.
func NewMapCache(st models.Store) *MapCache {
	return &MapCache{st: st, layers: map[string]*cachedLayer{}}
}

// Invalidate drops the named layers (every layer when none is named): the
// next frame that shows them reads them again.
func (c *MapCache) Invalidate(layers ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.version++
	if len(layers) == 0 {
		clear(c.layers)
		return
	}
	for _, l := range layers {
		delete(c.layers, l)
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

// Load reads the layers that are not hidden and not loaded yet, in
// parallel, and returns the first error. Render calls it; a window may
// call it early (after opening a project) to have the first frame warm.
func (c *MapCache) Load(ctx context.Context, hidden map[string]bool) error {
	_, err := c.layerSet(ctx, hidden, nil)
	return err
}

// layerSet returns the loaded layers that are not hidden, in drawing
// order, loading what is missing.
func (c *MapCache) layerSet(ctx context.Context, hidden map[string]bool, styles []models.LayerStyle) ([]*mapLayer, error) {
	var pending []*cachedLayer
	c.mu.Lock()
	for _, name := range LayerOrder(styles) {
		if hidden[name] {
			continue
		}
		cl := c.layers[name]
		if cl == nil {
			cl = &cachedLayer{done: make(chan struct{}), layer: &mapLayer{name: name}, labels: true, version: c.version}
			c.layers[name] = cl
			go c.fill(cl)
		}
		pending = append(pending, cl)
	}
	c.mu.Unlock()
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

// fill reads a whole layer into cl. It runs to the end whatever the
// frames waiting for it do (a cancelled frame must not leave a layer half
// read for the next one); a failed read is dropped from the cache so the
// next frame tries again.
func (c *MapCache) fill(cl *cachedLayer) {
	defer close(cl.done)
	ml := cl.layer
	err := readLayer(context.Background(), c.st, ml, nil, cl.labels, func(batch []mapFeature) error {
		ml.feats = append(ml.feats, batch...)
		return nil
	})
	if err != nil {
		cl.err = err
		c.mu.Lock()
		if c.layers[ml.name] == cl {
			delete(c.layers, ml.name)
		}
		c.mu.Unlock()
		return
	}
	ml.feats = ml.feats[:len(ml.feats):len(ml.feats)]
	cl.bytes = layerBytes(ml)
}

// layerBytes estimates the memory a layer holds: geometry points and
// slice headers, plus the feature records.
func layerBytes(ml *mapLayer) int64 {
	const feat = 8*4 + 16 + 16 + 8 // bound, geometry interface, label header, style
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
// not hold yet. It returns an error matching context.Canceled when ctx is
// cancelled.
func (c *MapCache) Render(ctx context.Context, v render.View, opt MapOptions) (*image.RGBA, error) {
	if err := v.Valid(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	layers, err := c.layerSet(ctx, opt.Hidden, opt.Styles)
	if err != nil {
		return nil, err
	}
	return drawFrame(ctx, v, layers, opt)
}
