package gui

import (
	"errors"
	"log"
	"os"
	"path/filepath"
	"strings"

	"minerehab/app/i18n"
	"minerehab/models"
)

// Project I/O. Every function here that touches the store runs as a job on
// m.io, in order; its results go back to the UI goroutine through m.ui.
// Results are applied in the order the jobs ran, so the window always shows
// the store the worker holds.

// OpenProject opens the project file at path, closing the open one once the
// new one has opened (a failed open leaves the current project open).
func (m *MainWindow) OpenProject(path string) { m.open(start{path: path}) }

// CreateProject creates a new project file at path (".gpkg" is added when
// missing) and opens it.
func (m *MainWindow) CreateProject(path string) { m.create(path, false) }

// CloseProject closes the open project.
func (m *MainWindow) CloseProject() {
	if m.path == "" && !m.busy {
		return
	}
	m.io.Go(func() {
		m.closeStore()
		m.ui(func() {
			m.saveView()
			closeBasemap(m.mapView.basemap)
			m.mapView.basemap = nil
			m.path, m.info, m.shared = "", nil, nil
			m.selected, m.current, m.history = nil, 0, historyState{}
			m.applyStyles(nil)
			m.mapView.setSelection(nil)
			m.mapView.setMark(nil)
			m.inspector.set(m.lang, nil, 0)
			m.mapView.setProject(nil, nil)
			m.status.show("gui.status.closed", nil)
			m.refresh()
		})
	})
}

// Reload reads the open project's summary again.
func (m *MainWindow) Reload() {
	if m.path == "" {
		return
	}
	m.status.show("gui.status.reading", i18n.Args{"name": filepath.Base(m.path)})
	m.shared.invalidate() // another program may have changed the file
	m.io.Go(func() {
		if m.store == nil {
			return
		}
		info, err := m.store.Info(m.ctx)
		path, shared := m.storePath, m.storeShared
		m.ui(func() { m.loaded(path, shared, info, err) })
	})
}

// open queues opening s.path. s.quiet is for the last project at start: a
// file that is gone then only earns a note in the status bar; s.sample for
// the first start's sample, made first if missing (a failure leaves the
// welcome page, with a note).
func (m *MainWindow) open(s start) {
	if m.cfg.Open == nil {
		return
	}
	path := s.path
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	m.begin("gui.status.opening", path)
	pre := m.pre
	m.pre = nil
	if pre != nil && pre.path != path {
		pre.discard() // another project first: it was opened for nothing
		pre = nil
	}
	m.io.Go(func() {
		if m.storePath == path && m.store != nil { // already open: just re-read it
			info, err := m.store.Info(m.ctx)
			shared := m.storeShared
			m.ui(func() { m.loaded(path, shared, info, err) })
			return
		}
		if pre != nil {
			<-pre.done
		}
		if pre != nil && pre.unmade {
			m.ui(func() { m.sampleFailed(pre.err) })
			return
		}
		if pre != nil && !pre.gone { // opened while the window opened (a gone file: as below)
			if pre.st == nil {
				m.ui(func() { m.failed("gui.error.open", path, pre.err) })
				return
			}
			m.closeStore()
			m.store, m.storePath, m.storeShared = pre.st, path, newSharedStore(pre.st)
			shared := m.storeShared
			m.ui(func() { m.loaded(path, shared, pre.info, pre.err) })
			return
		}
		if s.sample {
			if err := makeSample(m.cfg.Sample, path); err != nil {
				m.ui(func() { m.sampleFailed(err) })
				return
			}
		}
		if s.quiet {
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				m.ui(func() { m.failed("gui.status.last_missing", path, nil) })
				return
			}
		}
		st, err := m.cfg.Open(path)
		if err != nil {
			m.ui(func() { m.failed("gui.error.open", path, err) })
			return
		}
		m.closeStore()
		m.store, m.storePath, m.storeShared = st, path, newSharedStore(st)
		info, err := st.Info(m.ctx)
		shared := m.storeShared
		m.ui(func() { m.loaded(path, shared, info, err) })
	})
}

// create queues creating a project at path. fromDialog says that Fyne's
// save dialog may have left an empty file there (it opens the file for
// writing before handing it over); that file is removed first.
func (m *MainWindow) create(path string, fromDialog bool) {
	if m.cfg.Create == nil {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	target := path
	if !strings.EqualFold(filepath.Ext(target), ".gpkg") {
		target += ".gpkg"
	}
	m.begin("gui.status.creating", target)
	m.io.Go(func() {
		if fromDialog {
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
				if m.storePath == path {
					m.closeStore()
				}
				if err := os.Remove(path); err != nil {
					m.ui(func() { m.failed("gui.error.create", target, err) })
					return
				}
			}
		}
		if m.storePath == target {
			m.closeStore()
		}
		st, err := m.cfg.Create(target)
		if err != nil {
			path, shared := m.storePath, m.storeShared
			m.ui(func() {
				m.path = path // the worker may have closed the project that was open
				if shared != m.shared {
					m.shared, m.info = shared, nil
					m.mapView.setProject(shared, nil)
				}
				m.failed("gui.error.create", target, err)
			})
			return
		}
		m.closeStore()
		m.store, m.storePath, m.storeShared = st, target, newSharedStore(st)
		info, err := st.Info(m.ctx)
		shared := m.storeShared
		m.ui(func() { m.loaded(target, shared, info, err) })
	})
}

// begin marks the window busy while a project opens or is created.
func (m *MainWindow) begin(statusKey, path string) {
	m.busy, m.pending, m.pendingKey = true, path, statusKey
	m.status.show(statusKey, i18n.Args{"path": path})
	m.refresh()
}

// loaded shows an open project; err is from Info (the project stays open).
func (m *MainWindow) loaded(path string, shared *sharedStore, info models.Info, err error) {
	m.busy = false
	if shared != m.shared {
		m.saveView() // of the project being replaced
		if c, mpp, ok := m.savedView(path); ok {
			m.mapView.restoreView(c, mpp)
		}
		m.selected, m.current, m.history = nil, 0, historyState{}
		m.applyStyles(nil)
		m.mapView.setSelection(nil)
		m.mapView.setMark(nil)
		m.inspector.set(m.lang, nil, 0)
	}
	m.loadHistory()
	m.addRecent(path)
	m.path = path
	m.shared = shared
	if err != nil {
		m.info = nil
		m.mapView.setProject(shared, nil)
		m.status.show("gui.status.info_failed", nil)
		m.refresh()
		m.showError(m.t("gui.error.info", i18n.Args{"name": filepath.Base(path)}), err)
		return
	}
	m.info = &info
	m.mapView.setProject(shared, m.info)
	total := 0
	for _, li := range info.Layers {
		total += li.Count
	}
	m.status.show("gui.status.opened", i18n.Args{"name": filepath.Base(path), "features": formatCount(total), "layers": len(info.Layers)})
	m.refresh()
}

// failed reports a failed open or create; the project that was open stays.
func (m *MainWindow) failed(key, path string, err error) {
	m.busy = false
	m.refresh()
	if err == nil {
		m.status.show(key, i18n.Args{"path": path})
		return
	}
	m.status.show("gui.status.failed", i18n.Args{"name": filepath.Base(path)})
	m.showError(m.t(key, i18n.Args{"path": path}), err)
}

// closeStore closes the worker's store; runs on m.io.
func (m *MainWindow) closeStore() {
	if m.store == nil {
		return
	}
	if m.storeShared != nil {
		m.storeShared.shut() // waits for map renders reading the store
	}
	if err := m.store.Close(); err != nil {
		log.Printf("minerehab: close %s: %v", m.storePath, err)
	}
	m.store, m.storePath, m.storeShared = nil, "", nil
}

// ui runs fn on the UI goroutine, unless the window is shutting down.
func (m *MainWindow) ui(fn func()) {
	if m.closing.Load() {
		return
	}
	onUI(fn)
}
