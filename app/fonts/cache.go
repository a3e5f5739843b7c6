package fonts

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// The face cache: the stand-alone face cut out of a collection is written
// once to the user's cache directory and mapped into memory on later
// starts. Cutting a 16 MB face out of a 20 MB collection means reading the
// file and filling 16 MB of fresh memory, about 0.1 s per face on the
// machines we measured (most of it page faults), twice with the bold face;
// a mapped file of the page cache costs a few milliseconds. The cached file
// is named by the source file's path, size and modification time and by
// what was picked from it, so an updated font package is cut again.

// CacheEnv names the environment variable that moves the face cache
// (default: minerehab/fonts under the user's cache directory); "off"
// turns it off.
const CacheEnv = "MINEREHAB_FONT_CACHE"

// cacheFormat changes when extractFace's output changes (for instance the
// tables it leaves out), so that faces cut the old way are not reused.
const cacheFormat = "face-v2"

func cacheDir() string {
	if d := os.Getenv(CacheEnv); d != "" {
		if d == "off" {
			return ""
		}
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "minerehab", "fonts")
}

// cachedPick is pickFace(file at path, i, want) through the face cache.
// Without a usable cache it reads and cuts the file as pickFace does; a
// cache that cannot be written is not an error.
func cachedPick(path string, i int, want string) ([]byte, string, error) {
	dir := cacheDir()
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	var name string
	if dir != "" {
		abs, _ := filepath.Abs(path)
		h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%d\x00%d\x00%d\x00%s", cacheFormat, abs, st.Size(), st.ModTime().UnixNano(), i, want))
		name = filepath.Join(dir, hex.EncodeToString(h[:12])+".otf")
		if b, err := MapFile(name); err == nil {
			if fam, ok := cachedFamily(b); ok {
				return b, fam, nil
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	out, fam, err := pickFace(data, i, want)
	if err != nil || name == "" {
		return out, fam, err
	}
	writeCached(dir, name, out)
	return out, fam, nil
}

// cachedFamily checks that b is a stand-alone face as extractFace writes
// them (a file replaced by renaming is whole, but any file can be
// damaged) and returns its family name as pickFace names it.
func cachedFamily(b []byte) (string, bool) {
	if len(b) < 12 || binary.BigEndian.Uint32(b) == tagTTCF {
		return "", false
	}
	if _, _, err := faceTables(b, 0); err != nil {
		return "", false
	}
	names, err := faceFamilies(b, 0)
	if err != nil || len(names) == 0 {
		return "face 0", err == nil
	}
	return names[0], true
}

// writeCached writes b as the cache file name, whole or not at all.
func writeCached(dir, name string, b []byte) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, ".face-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
	}
}
