// Package gui is minerehab's desktop front end (Fyne): the main window with
// its menu, toolbar, layer panel, project summary and status bar, the
// dialogs, the theme (a Simplified Chinese UI font found at run time) and
// the zh-CN/en labels (keys "gui.*" in assets/i18n/gui.<lang>.json).
//
// Threading: every widget is touched on the Fyne UI goroutine only. Project
// I/O (open, create, close, Info) runs on one background worker, in order,
// and hands its results back with fyne.Do; render paths do no I/O.
//
// Units shown: areas in hectares and 亩 (1 ha = 15 亩) from the store's
// ellipsoidal square metres; extents in degrees of longitude/latitude on
// CGCS2000 (EPSG:4490).
package gui
