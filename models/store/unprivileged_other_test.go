//go:build !linux

package store

import (
	"os"
	"testing"
)

// openAsUnprivileged opens path read-write and then read-only in this
// process; see the Linux version, which can drop root privileges.
func openAsUnprivileged(t *testing.T, path string) (rw, ro string) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, which writes through permissions; the unprivileged helper is Linux-only")
	}
	return openReport(path, Options{}), openReport(path, Options{ReadOnly: true})
}
