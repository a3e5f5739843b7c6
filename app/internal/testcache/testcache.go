// Package testcache points minerehab's caches (the render cache and the
// face cache) at a directory of one test run, so that tests neither read
// nor litter the user's caches. Only tests import it. No coordinates.
package testcache

import (
	"os"
	"path/filepath"
)

// The variables the caches are moved by (app.renderCacheEnv,
// fonts.CacheEnv).
const (
	RenderEnv = "MINEREHAB_RENDER_CACHE"
	FontEnv   = "MINEREHAB_FONT_CACHE"
)

// Use sets the caches that are not set already to directories of this run
// (child processes inherit them) and returns the function that removes
// them, to call after the tests.
func Use() (cleanup func()) {
	if os.Getenv(RenderEnv) != "" {
		return func() {}
	}
	dir, err := os.MkdirTemp("", "minerehab-test-cache-")
	if err != nil {
		return func() {}
	}
	os.Setenv(RenderEnv, dir)
	if os.Getenv(FontEnv) == "" {
		os.Setenv(FontEnv, filepath.Join(dir, "fonts"))
	}
	return func() { os.RemoveAll(dir) }
}
