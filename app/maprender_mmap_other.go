//go:build !unix

package app

import "os"

// mapFontFile reads the font file at path (see the unix version, which
// maps it).
func mapFontFile(path string) ([]byte, error) { return os.ReadFile(path) }

// readCacheFile reads a render cache file (see the unix version, which
// maps it).
func readCacheFile(name string) (b []byte, release func(), err error) {
	b, err = os.ReadFile(name)
	return b, func() {}, err
}
