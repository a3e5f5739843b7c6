//go:build unix

package app

import (
	"os"
	"syscall"
)

// mapFontFile maps the font file at path into memory read-only, for the
// life of the process: a CJK collection is 20 MB, and reading it whole
// cost `minerehab render` 35–70 ms, of which parsing the face touches a
// few pages. Font files are replaced, not rewritten, by package updates,
// so the mapping keeps the old file's pages. It falls back to reading the
// file.
func mapFontFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if n := st.Size(); n > 0 && n < 1<<31 && st.Mode().IsRegular() {
		if b, err := syscall.Mmap(int(f.Fd()), 0, int(n), syscall.PROT_READ, syscall.MAP_SHARED); err == nil {
			return b, nil
		}
	}
	return os.ReadFile(path)
}

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
