// Package gui is minerehab's desktop front end (Fyne): the main window with
// its menu, toolbar, the map in the centre (mapview.go), the layer panel
// (visibility, counts, areas, zoom to layer) and the project summary as
// tabs on the left, the status bar (cursor in lon/lat and Gauss–Krüger
// zone 36, the map scale 1:N), the dialogs, the theme (a Simplified Chinese
// UI font found at run time by minerehab/app/fonts) and the zh-CN/en labels
// (keys "gui.*" in assets/i18n/gui.<lang>.json).
//
// Threading: every widget is touched on the Fyne UI goroutine only. Project
// I/O (open, create, close, Info) runs on one background worker, in order;
// map frames are drawn by minerehab/app.RenderMap on a goroutine per
// request, the older one cancelled, reading the store through a
// sharedStore that the worker shuts before it closes the store. Both hand
// their results back with fyne.Do (onUI), and a generation counter drops a
// frame that a newer request has overtaken. Widget renderers do no I/O and
// no drawing of map content.
//
// Units shown: areas in hectares and 亩 (1 ha = 15 亩) from the store's
// ellipsoidal square metres; extents and the cursor in degrees of
// longitude/latitude on CGCS2000 (EPSG:4490); the cursor also in metres of
// CGCS2000 3° Gauss–Krüger zone 36 with the zone prefix (EPSG:4524); map
// views in ground metres per point (a Fyne unit, 1/96 inch for the scale).
package gui
