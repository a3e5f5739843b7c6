package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"minerehab/models"
)

// FuzzOpen opens arbitrary file contents read-only, seeded with a real
// project (empty and with features) and a plain SQLite file. Open must
// succeed or refuse with one of the typed open errors, never change the
// file, and whatever opens must survive Info, Count and Validate.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	for i, n := range []int{0, 3} {
		path := filepath.Join(dir, "seed"+itoa(i)+".gpkg")
		s, err := Create(path)
		if err != nil {
			f.Fatal(err)
		}
		var fs []*models.Feature
		for k := range n {
			fs = append(fs, mine(k, 106.8+0.01*float64(k), 39.6))
		}
		if n > 0 {
			importAll(f, s, models.KeySpec{}, fs...)
		}
		s.Close()
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte{})
	allowed := map[string]bool{CodeNotSQLite: true, CodeNotProject: true, CodeTooNew: true, CodeCorrupt: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.gpkg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{ReadOnly: true})
		if err == nil {
			ctx := context.Background()
			s.Info(ctx)
			s.Count(ctx, "mines", nil)
			s.Validate(ctx)
			s.Close()
		} else {
			var e *Error
			if !errors.As(err, &e) || !allowed[e.Code] {
				t.Fatalf("open refused with an unexpected error: %v", err)
			}
		}
		after, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(after, data) {
			t.Fatal("a read-only open changed the file")
		}
	})
}
