// Package app is minerehab's application layer: it imports files into a
// project (with progress, cancel and one all-or-nothing transaction), exports
// layers, summarises and validates projects, and turns errors into sentences
// in the user's language. The window (app/gui) and the command line (app/cli)
// both call it, so everything a planner does in the window can be scripted.
//
// Geometry in memory is orb, lon/lat degrees (CGCS2000 ≈ WGS 84); areas are
// ellipsoidal square metres from minerehab/gis/measure. No Fyne here.
package app
