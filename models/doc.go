// Package models is the domain of minerehab: the project's layers (mines, sites,
// fire points, roads, reference features, consolidation zones and plan units),
// their typed attributes, how a planner's free-form property keys (Chinese or
// English) map onto them, how an imported feature is routed to a layer, and the
// Store interface that keeps a project.
//
// Coordinates are geographic lon/lat in degrees on CGCS2000 (EPSG:4490, treated
// as the same datum as WGS 84); areas are square metres on the ellipsoid
// (see minerehab/gis/measure). Nothing here does I/O or imports Fyne.
package models
