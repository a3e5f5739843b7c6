package gui

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"minerehab/models"
)

// preopened is the project the window will show at start, opened (and its
// summary read) while the window itself opens: at start the main thread
// opens the GL window and the UI font is parsed, and the project file has
// no reason to wait for either.
type preopened struct {
	path string // absolute
	done chan struct{}
	st   models.Store
	info models.Info
	err  error // of Open, or of Info (st then open)
	gone bool  // the file does not exist: nothing was opened
}

// startPreopen starts opening the project NewMainWindow would open with
// cfg and the preferences p; nil when there is none.
func startPreopen(cfg Config, p fyne.Preferences) *preopened {
	path, _ := startProject(cfg, loadRecent(p))
	if path == "" || cfg.Open == nil {
		return nil
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	po := &preopened{path: path, done: make(chan struct{})}
	go func() {
		defer close(po.done)
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			po.gone = true // open checks again and says so
			return
		}
		if po.st, po.err = cfg.Open(path); po.err != nil {
			return
		}
		po.info, po.err = po.st.Info(context.Background())
	}()
	return po
}

// startProject is the project the window opens at start: the one named,
// else the last one (quiet: only noted if its file is gone); "" for none.
func startProject(cfg Config, recent []string) (path string, quiet bool) {
	switch {
	case cfg.ProjectPath != "":
		return cfg.ProjectPath, false
	case len(recent) > 0:
		return recent[0], true
	}
	return "", false
}

// discard closes the store opened for nothing (another project was
// opened first), once it is open.
func (po *preopened) discard() {
	go func() {
		<-po.done
		if po.st != nil {
			po.st.Close()
		}
	}()
}
