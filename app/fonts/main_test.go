package fonts

import (
	"os"
	"testing"
)

// TestMain points the face cache at a directory of this run, removed at the
// end, so tests neither read nor litter the user's cache.
func TestMain(m *testing.M) {
	dir := ""
	if os.Getenv(CacheEnv) == "" {
		if d, err := os.MkdirTemp("", "minerehab-font-cache-"); err == nil {
			dir = d
			os.Setenv(CacheEnv, dir)
		}
	}
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
