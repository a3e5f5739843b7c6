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
	err  error // of making the sample, of Open, or of Info (st then open)
	gone bool  // the file does not exist: nothing was opened
	// unmade: the sample could not be made (err says why): nothing opened
	unmade bool
}

// startPreopen starts opening the project NewMainWindow would open with
// cfg and the preferences p; nil when there is none.
func startPreopen(cfg Config, p fyne.Preferences) *preopened {
	s := startProject(cfg, loadRecent(p))
	if s.path == "" || cfg.Open == nil {
		return nil
	}
	path := s.path
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	po := &preopened{path: path, done: make(chan struct{})}
	go func() {
		defer close(po.done)
		if s.sample { // made here too: the window opens meanwhile
			if po.err = makeSample(cfg.Sample, path); po.err != nil {
				po.unmade = true
				return
			}
		}
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

// start is a project the window opens.
type start struct {
	path   string
	quiet  bool  // the last project: only noted if its file is gone
	sample bool  // the sample on first start: made first if missing
	err    error // the sample's place is unknown (path is "")
}

// startProject is the project the window opens at start: the one named,
// else the last one, else on first start the sample (when cfg can make
// it); no path for none.
func startProject(cfg Config, recent []string) start {
	switch {
	case cfg.ProjectPath != "":
		return start{path: cfg.ProjectPath}
	case len(recent) > 0:
		return start{path: recent[0], quiet: true}
	case cfg.Sample != nil:
		path, err := sampleFile()
		return start{path: path, sample: true, err: err}
	}
	return start{}
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
