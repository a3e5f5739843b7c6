package gui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"minerehab/app/i18n"
)

// First start: with no project named and none remembered, the window opens
// the bundled synthetic sample, made on first need in the user's settings
// folder. From then on it is the last project (the recent list reopens
// it); File > Close still leads to the welcome page.

// sampleName is the sample's file name: one name whatever the language, so
// that a start in another language finds the same file.
const sampleName = "wuhai-sample.gpkg"

// sampleFile is where the first start keeps the sample:
// os.UserConfigDir()/minerehab (following XDG_CONFIG_HOME or HOME), beside
// the folder Fyne keeps the preferences in, not in it: Fyne watches that
// folder and reloads the preferences at every change there, which every
// write to the open sample would be.
func sampleFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user's settings folder: %w", err)
	}
	return filepath.Join(dir, "minerehab", sampleName), nil
}

// makeSample makes the sample at path with write unless it is there. It is
// written beside it under another name and renamed when complete, so that
// a start cut short leaves no half-made sample for later starts to open.
func makeSample(write func(path string) error, path string) error {
	if _, err := os.Stat(path); err == nil || !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("make the sample's folder: %w", err)
	}
	part := path + ".part"
	removeProjectFiles(part) // left by a start cut short
	if err := write(part); err != nil {
		removeProjectFiles(part)
		return err
	}
	if err := os.Rename(part, path); err != nil {
		removeProjectFiles(part)
		return fmt.Errorf("name the sample: %w", err)
	}
	return nil
}

// removeProjectFiles removes a project file and SQLite's files beside it.
func removeProjectFiles(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		os.Remove(p)
	}
}

// sampleFailed says in the status bar why the first start shows the
// welcome page rather than the sample (the error names the file or folder).
func (m *MainWindow) sampleFailed(err error) {
	m.busy = false
	m.refresh()
	m.status.show("gui.status.sample_failed", i18n.Args{"detail": m.errorText(err)})
}
