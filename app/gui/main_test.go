package gui

import (
	"os"
	"testing"

	"minerehab/app/internal/testcache"
)

// TestMain points the render and face caches at a directory of this run,
// removed at the end, so the window's tests neither read nor litter the
// user's caches.
func TestMain(m *testing.M) {
	cleanup := testcache.Use()
	code := m.Run()
	cleanup()
	os.Exit(code)
}
