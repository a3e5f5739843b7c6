package gui

import (
	"context"
	"errors"
	"sync"

	"minerehab/app"
	"minerehab/models"
)

// errStoreClosed is what a map render gets when its project was closed
// before it started; the frame is dropped without a message.
var errStoreClosed = errors.New("project closed")

// sharedStore lends the open project's store to the map's render
// goroutines while the I/O worker owns it: a render holds a read lock for
// as long as it reads, and shut — called by the worker before it closes
// the store — cancels the renders in flight, waits for them to let go and
// refuses later ones. So a store is never closed under a render.
type sharedStore struct {
	st models.Store
	// cache keeps the project's layers decoded for redraws (app.MapCache);
	// edits and imports invalidate it.
	cache  *app.MapCache
	ctx    context.Context // cancelled by shut
	cancel context.CancelFunc

	mu     sync.RWMutex
	closed bool
}

func newSharedStore(st models.Store) *sharedStore {
	s := &sharedStore{st: st, cache: app.NewMapCache(st)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// read calls fn with the store unless it has been shut.
func (s *sharedStore) read(fn func(models.Store) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errStoreClosed
	}
	return fn(s.st)
}

// shut cancels the reads in progress, waits for them and refuses new
// ones. It may be called more than once.
func (s *sharedStore) shut() {
	s.cancel()
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
}

// invalidate drops the cached layers after the data changed (an edit, an
// undo, an import): the next frame reads them again.
func (s *sharedStore) invalidate() {
	if s != nil {
		s.cache.Invalidate()
	}
}
