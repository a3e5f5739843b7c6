//go:build unix

package app

import (
	"os"
	"syscall"
)

// readCacheFile maps a render cache file into memory read-only; release
// unmaps it. Cache files are replaced by renaming, never rewritten in
// place, so the mapping cannot shrink under the reader. It falls back to
// reading the file.
func readCacheFile(name string) (b []byte, release func(), err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if n := st.Size(); n > 0 && n < 1<<31 && st.Mode().IsRegular() {
		if b, err := syscall.Mmap(int(f.Fd()), 0, int(n), syscall.PROT_READ, syscall.MAP_SHARED); err == nil {
			return b, func() { syscall.Munmap(b) }, nil
		}
	}
	b, err = os.ReadFile(name)
	return b, func() {}, err
}
