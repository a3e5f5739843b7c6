package cli

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"minerehab/app"
	"minerehab/app/internal/testcache"
)

// TestMain lets tests run the CLI — or hold a project's write lock — in a
// separate, killable process by re-executing the test binary.
func TestMain(m *testing.M) {
	switch os.Getenv("MINEREHAB_TEST_CHILD") {
	case "cli":
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	case "hold-lock":
		st, err := app.OpenProject(os.Args[1], false)
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(1)
		}
		tx, err := st.BeginImport(context.Background())
		if err != nil {
			fmt.Println("begin:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(30 * time.Second)
		_ = tx.Rollback()
		os.Exit(0)
	}
	// The render and face caches go to a directory of this run (children
	// inherit it), so tests neither read nor litter the user's caches.
	cleanup := testcache.Use()
	code := m.Run()
	cleanup()
	os.Exit(code)
}
