package store

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minerehab/gis/gpkg/gpkgtest"
	"minerehab/models"
)

// fileState is what "untouched" means: the bytes of the file and which of
// its -wal, -shm and -journal companions exist.
func fileState(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	if data, err := os.ReadFile(path); err == nil {
		sum := sha256.Sum256(data)
		b.Write(sum[:])
	} else {
		b.WriteString("unreadable: " + err.Error())
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); err == nil {
			b.WriteString(" " + suffix)
		}
	}
	return b.String()
}

// sqliteFile makes a plain SQLite database with one table.
func sqliteFile(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
}

// editedProject makes a project, then edits mr_meta behind the store's back.
func editedProject(t *testing.T, path, sqlEdit string) {
	t.Helper()
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(sqlEdit); err != nil {
		t.Fatal(err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		make     func(t *testing.T, path string) // nil: the file does not exist
		sentinel error
		code     string
	}{
		{"missing file", nil, models.ErrNoFile, CodeNoFile},
		{"zero bytes", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o644) }, models.ErrNotSQLite, CodeNotSQLite},
		{"text", func(t *testing.T, p string) {
			os.WriteFile(p, []byte(`{"type":"FeatureCollection","features":[]}`+strings.Repeat(" ", 200)), 0o644)
		}, models.ErrNotSQLite, CodeNotSQLite},
		{"shapefile", func(t *testing.T, p string) {
			// The first bytes of an ESRI shapefile: file code 9994, big-endian.
			head := make([]byte, 100)
			copy(head, []byte{0x00, 0x00, 0x27, 0x0a})
			os.WriteFile(p, head, 0o644)
		}, models.ErrNotSQLite, CodeNotSQLite},
		{"directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) }, models.ErrNotSQLite, CodeNotSQLite},
		{"sqlite header then garbage", func(t *testing.T, p string) {
			os.WriteFile(p, append([]byte("SQLite format 3\x00"), []byte(strings.Repeat("x", 4096))...), 0o644)
		}, models.ErrNotSQLite, CodeNotSQLite},
		{"plain sqlite", sqliteFile, models.ErrNotProject, CodeNotProject},
		{"geopackage from ogr2ogr", func(t *testing.T, p string) {
			gpkgtest.OGR2OGR(t, p, gpkgtest.SharedData(t, "admin/wuhai_districts_150300.json"))
		}, models.ErrNotProject, CodeNotProject},
		{"another app's mr_meta", func(t *testing.T, p string) {
			editedProject(t, p, "UPDATE mr_meta SET value = 'otherapp' WHERE key = 'app'")
		}, models.ErrNotProject, CodeNotProject},
		{"newer schema", func(t *testing.T, p string) {
			editedProject(t, p, "UPDATE mr_meta SET value = '999' WHERE key = 'schema_version'")
		}, models.ErrTooNew, CodeTooNew},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "p.gpkg")
			if tc.make != nil {
				tc.make(t, path)
			}
			before := fileState(t, path)
			for _, ro := range []bool{false, true} {
				s, err := Open(path, Options{ReadOnly: ro})
				if err == nil {
					s.Close()
					t.Fatalf("read-only %v: opened", ro)
				}
				var e *Error
				if !errors.Is(err, tc.sentinel) || !errors.As(err, &e) || e.Code != tc.code {
					t.Fatalf("read-only %v: err %v (%T), want %v / %s", ro, err, err, tc.sentinel, tc.code)
				}
				if msg := err.Error(); !strings.Contains(msg, path) || msg != strings.ToLower(msg[:1])+msg[1:] {
					t.Errorf("message %q lacks the path or starts upper-case", msg)
				}
				if after := fileState(t, path); after != before {
					t.Fatalf("read-only %v: the refused file changed", ro)
				}
			}
			if tc.make == nil {
				if _, err := os.Stat(path); err == nil {
					t.Fatal("opening a missing file created it")
				}
			}
		})
	}
}

// TestOpenLocked holds the write lock in another process: Open and
// BeginImport wait for the busy timeout, then fail with ErrLocked; reads
// still work; once the lock is gone both succeed.
func TestOpenLocked(t *testing.T) {
	s := newStore(t)
	path := s.path
	importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6))
	cmd, stdin, out := helper(t, "lock:"+path, nil)
	defer func() { stdin.Close(); cmd.Wait() }()
	if line, err := out.ReadString('\n'); err != nil || line != "locked\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}
	busy := 300 * time.Millisecond
	start := time.Now()
	_, err := Open(path, Options{BusyTimeout: busy})
	var e *Error
	if !errors.Is(err, models.ErrLocked) || !errors.As(err, &e) || e.Code != CodeLocked {
		t.Fatalf("open while locked: %v", err)
	}
	if waited := time.Since(start); waited < busy {
		t.Errorf("gave up after %v, before the busy timeout %v", waited, busy)
	}
	if _, err := s.BeginImport(bgctx); !errors.Is(err, models.ErrLocked) {
		t.Fatalf("begin import while locked: %v", err)
	}
	if n, err := s.Count(bgctx, "mines", nil); err != nil || n != 1 {
		t.Fatalf("read while locked: %d %v", n, err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open while locked: %v", err)
	}
	ro.Close()
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	importAll(t, s, models.KeySpec{}, mine(2, 106.8, 39.6))
	s2, err := Open(path, Options{BusyTimeout: busy})
	if err != nil {
		t.Fatalf("open after the lock is gone: %v", err)
	}
	s2.Close()
}

// TestOpenReadOnlyFile: a file or directory this process may not write is
// refused with ErrReadOnly unless Options.ReadOnly, which opens it. Root
// writes through permissions, so as root the check runs in a helper
// process as user nobody.
func TestOpenReadOnlyFile(t *testing.T) {
	for _, tc := range []struct {
		name              string
		fileMode, dirMode os.FileMode
		wal               bool // leave the file in WAL mode, as another program may
	}{
		{"read-only file", 0o444, 0o755, false},
		{"read-only directory", 0o644, 0o555, false},
		{"read-only directory, wal file", 0o644, 0o555, true},
		{"read-only file and directory, wal file", 0o444, 0o555, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "d")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "p.gpkg")
			s, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6), mine(2, 106.9, 39.7))
			s.Close()
			if tc.wal {
				db, err := sql.Open("sqlite", "file:"+path)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec("PRAGMA journal_mode = WAL"); err != nil {
					t.Fatal(err)
				}
				db.Close()
				if head, _ := os.ReadFile(path); head[18] != 2 {
					t.Fatal("file not left in wal mode")
				}
			}
			os.Chmod(path, tc.fileMode)
			os.Chmod(dir, tc.dirMode)
			t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(path, 0o644) })
			before := fileState(t, path)
			rw, ro := openAsUnprivileged(t, path)
			if !strings.HasPrefix(rw, CodeReadOnly+" ") {
				t.Errorf("read-write open: %q, want %s", rw, CodeReadOnly)
			}
			if ro != "ok 2" {
				t.Errorf("read-only open: %q, want ok 2", ro)
			}
			if after := fileState(t, path); after != before {
				t.Error("the file or its directory changed")
			}
		})
	}
}

// TestReadOnlyStoreRefusesImport: a store opened read-only never writes.
func TestReadOnlyStoreRefusesImport(t *testing.T) {
	s := newStore(t)
	path := s.path
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.BeginImport(bgctx); !errors.Is(err, models.ErrReadOnly) {
		t.Fatalf("import into a read-only store: %v", err)
	}
	if _, err := ro.r.Exec("CREATE TABLE x (y)"); err == nil {
		t.Fatal("the read pool writes")
	}
}
