//go:build !unix

package app

import "os"

// readCacheFile reads a render cache file (see the unix version, which
// maps it).
func readCacheFile(name string) (b []byte, release func(), err error) {
	b, err = os.ReadFile(name)
	return b, func() {}, err
}
