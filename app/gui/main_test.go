package gui

import (
	"os"
	"path/filepath"
	"testing"

	"minerehab/app/fonts"
)

// TestMain points the render cache at a directory of this run, removed at
// the end, so the window's tests neither read nor litter the user's cache.
func TestMain(m *testing.M) {
	const env = "MINEREHAB_RENDER_CACHE"
	dir := ""
	if os.Getenv(env) == "" {
		if d, err := os.MkdirTemp("", "minerehab-render-cache-"); err == nil {
			dir = d
			os.Setenv(env, dir)
			if os.Getenv(fonts.CacheEnv) == "" { // the faces too
				os.Setenv(fonts.CacheEnv, filepath.Join(dir, "fonts"))
			}
		}
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
