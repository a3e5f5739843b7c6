//go:build !unix

package fonts

import "os"

// MapFile reads the font file at path (see the unix version, which maps
// it).
func MapFile(path string) ([]byte, error) { return os.ReadFile(path) }
