package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"minerehab/models"
)

// editForever is the "edit" helper: each edit is one transaction, and
// "saved N" is printed only after Do returns — what the window calls
// saved.
func editForever(path string) int {
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println(err)
		return 1
	}
	for n := 1; ; n++ {
		cur, err := s.Feature(bgctx, models.LayerMines, 1)
		if err != nil {
			fmt.Println(err)
			return 1
		}
		next, err := models.SetAttribute(cur, "name", fmt.Sprintf("第%d次改名", n))
		if err != nil {
			fmt.Println(err)
			return 1
		}
		if _, err := s.Do(bgctx, &models.Edit{Label: models.Label{Key: "edit.attribute"},
			Changes: []models.Change{{Layer: models.LayerMines, ID: 1, Before: cur, After: next}}}); err != nil {
			fmt.Println(err)
			return 1
		}
		fmt.Println("saved", n)
	}
}

// TestEditSurvivesKill: a process editing the project is killed with
// SIGKILL at once after it says an edit is saved; the reopened project
// holds that edit (or a later one), its history undoes every one
// back to the original name, and it validates.
func TestEditSurvivesKill(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "p.gpkg")
	s, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	importAll(t, s, models.KeySpec{}, mine(1, 106.8, 39.6))
	orig, _ := s.Feature(bgctx, models.LayerMines, 1)
	s.Close()
	for _, after := range []int{1, 7, 40} {
		cmd, stdin, out := helper(t, "edit:"+path, nil)
		last := 0
		for last < after {
			line, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("helper: %v (last %q)", err, line)
			}
			if _, err := fmt.Sscanf(strings.TrimSpace(line), "saved %d", &last); err != nil {
				t.Fatalf("helper said %q", line)
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		stdin.Close()

		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("reopen after kill at %d: %v", after, err)
		}
		f, err := s.Feature(bgctx, models.LayerMines, 1)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		// The helper may have saved a few more between its line and the
		// kill; what it said was saved must be there.
		if _, err := fmt.Sscanf(f.Attrs.Name, "第%d次改名", &n); err != nil || n < after {
			t.Errorf("killed after saved %d: the file has %q", after, f.Attrs.Name)
		}
		hist, _ := s.History(bgctx)
		for range hist {
			if _, err := s.Undo(bgctx); err != nil {
				t.Fatalf("undo after kill: %v", err)
			}
		}
		f, _ = s.Feature(bgctx, models.LayerMines, 1)
		if f.Attrs.Name != orig.Attrs.Name {
			t.Errorf("undoing the whole history gives %q, want %q", f.Attrs.Name, orig.Attrs.Name)
		}
		if ps, err := s.Validate(bgctx); err != nil || len(ps) != 0 {
			t.Errorf("validate: %v %v", ps, err)
		}
		// Redo all for the next round: the history keeps growing across kills.
		for range hist {
			s.Redo(bgctx)
		}
		s.Close()
	}
}
