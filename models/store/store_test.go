package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"minerehab/models"
)

func TestCreateOpenReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "乌海 project #1.gpkg") // a path that needs URI escaping
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	id := s.ProjectID()
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) {
		t.Fatalf("project id %q is not a v4 uuid", id)
	}
	if s.Path() != path || s.ReadOnly() {
		t.Fatalf("path %q read-only %v", s.Path(), s.ReadOnly())
	}
	importAll(t, s, models.KeySpec{Field: "licence"}, mine(1, 106.8, 39.6))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil { // idempotent
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		s, err := Open(path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatal(err)
		}
		if s.ProjectID() != id || s.ReadOnly() != ro {
			t.Errorf("reopened id %q read-only %v", s.ProjectID(), s.ReadOnly())
		}
		info, err := s.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if info.SchemaVersion != SchemaVersion() || len(info.Layers) != len(models.Layers) || info.Layers[2].Name != "mines" || info.Layers[2].Count != 1 {
			t.Errorf("info %+v", info)
		}
		s.Close()
	}
	for _, p := range []string{path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left behind after close", p)
		}
	}
	// At rest the file uses a rollback journal (header bytes 18 and 19 are
	// 1; WAL would be 2).
	if head, err := os.ReadFile(path); err != nil || head[18] != 1 || head[19] != 1 {
		t.Errorf("file at rest is not in rollback journal mode: %v %v", head[18:20], err)
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.gpkg")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Create(path)
	var e *Error
	if !errors.Is(err, fs.ErrExist) || !errors.As(err, &e) || e.Code != CodeExists {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep me" {
		t.Fatal("existing file changed")
	}
}

func TestCreateInMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "x.gpkg")
	if _, err := Create(path); err == nil {
		t.Fatal("created in a missing directory")
	}
	if _, err := os.Stat(filepath.Dir(path)); err == nil {
		t.Fatal("directories were created")
	}
}

// schemaDump lists the schema objects of a file, for comparing.
func schemaDump(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.r.Query("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			t.Fatal(err)
		}
		b.WriteString(typ + " " + name + " " + sql + "\n")
	}
	return b.String()
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	before := schemaDump(t, s)
	if err := migrate(ctx, s.w, s.path); err != nil { // nothing left to do
		t.Fatal(err)
	}
	path := s.path
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if after := schemaDump(t, s2); after != before {
		t.Fatalf("schema changed by reopening:\n%s\n---\n%s", before, after)
	}
	var n int
	if err := s2.r.QueryRow("SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_schema'").Scan(&n); err != nil || n != 2 {
		t.Fatalf("gpkg_schema rows %d %v", n, err)
	}
}

// TestMigrationFromOlderSchema opens a file whose recorded version is
// behind the program's (as a file of an older release is): Open upgrades
// it, inside a transaction per step, and records the new version.
func TestMigrationFromOlderSchema(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	ran := 0
	migrations = append(slices.Clone(saved), migration{len(saved) + 1, "test", func(ctx context.Context, tx *sql.Tx) error {
		ran++
		_, err := tx.ExecContext(ctx, "CREATE TABLE mr_test_step (x INTEGER)")
		return err
	}})
	path := s.path
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	info, err := s2.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ran != 1 || info.SchemaVersion != len(saved)+1 {
		t.Fatalf("ran %d, version %d", ran, info.SchemaVersion)
	}
	s2.Close()
	s3, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s3.Close()
	if ran != 1 {
		t.Fatalf("migration ran %d times", ran)
	}
	// A failing step leaves the file at the version before it.
	migrations = append(migrations, migration{len(saved) + 2, "broken", func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "CREATE TABLE mr_half_done (x INTEGER)"); err != nil {
			return err
		}
		return errors.New("step fails")
	}})
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("open succeeded through a failing migration")
	}
	migrations = migrations[:len(saved)+1]
	s4, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s4.Close()
	var n int
	if err := s4.r.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'mr_half_done'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("failed step left its table behind (%d, %v)", n, err)
	}
}

// TestEmbeddedMigrationsUsed checks that versions are 1..N in order and
// that every embedded SQL file belongs to a migration of its number.
func TestEmbeddedMigrationsUsed(t *testing.T) {
	for i, m := range migrations {
		if m.version != i+1 {
			t.Errorf("migration %d has version %d", i, m.version)
		}
	}
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)
	for _, e := range entries {
		m := re.FindStringSubmatch(e.Name())
		if m == nil {
			t.Errorf("migration file %s is not named NNNN_name.sql", e.Name())
			continue
		}
		v := 0
		for _, c := range m[1] {
			v = v*10 + int(c-'0')
		}
		if v < 1 || v > SchemaVersion() {
			t.Errorf("migration file %s has no migration %d", e.Name(), v)
		}
	}
}
