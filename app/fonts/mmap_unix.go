//go:build unix

package fonts

import (
	"os"
	"syscall"
)

// MapFile maps the font file at path into memory read-only for the life
// of the process (fonts are never let go): a CJK collection is 20 MB, of
// which parsing a face touches a few pages. Font files are replaced, not
// rewritten, by package updates, and the face cache's files by renaming,
// so a mapping keeps the pages it was made on. It falls back to reading
// the file.
func MapFile(path string) ([]byte, error) {
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
