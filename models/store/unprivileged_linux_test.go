package store

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// openAsUnprivileged opens path read-write and then read-only, in this
// process when it is not root, else in a helper process running as user
// nobody (root ignores file permissions, so only an unprivileged process
// shows what a planner's account would see). It returns what each attempt
// reported: an error code and message, or "ok N" with the number of mines.
func openAsUnprivileged(t *testing.T, path string) (rw, ro string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return openReport(path, Options{}), openReport(path, Options{ReadOnly: true})
	}
	// The helper binary must be reachable by nobody: copy it next to a
	// world-readable directory chain.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	binDir := t.TempDir()
	for d := binDir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	for d := filepath.Dir(filepath.Dir(path)); d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	bin := filepath.Join(binDir, "store.test")
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	src.Close()
	dst.Close()
	run := func(mode string) string {
		cmd := exec.Command(bin, "-test.run=^$")
		cmd.Env = []string{helperEnv + "=" + mode + ":" + path, "HOME=/nonexistent", "PATH=/usr/bin:/bin"}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("helper as nobody: %v\n%s", err, out)
		}
		return strings.TrimSpace(string(out))
	}
	return run("open"), run("openro")
}
