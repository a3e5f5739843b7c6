// Package render owns map drawing: it turns layers of orb geometries with
// per-feature styles into pictures through a small Canvas interface, and
// ships a raster Canvas (Raster, an *image.RGBA anti-aliased by exact
// signed-area coverage, see accumulator). A vector back end for plates can
// implement the same interface later.
//
// Coordinates and units. Geometries are orb values in longitude/latitude
// order, decimal degrees (CGCS2000; WGS 84 is treated as the same datum).
// A View maps them to pixels with a local equirectangular projection centred
// on the view: x grows to the right and y downwards, (0, 0) is the top-left
// corner of the top-left pixel, and the view centre is at (Width/2,
// Height/2). The scale factors are the GRS 80 ellipsoid's radii of curvature
// at the centre latitude (or at View.ScaleLat, which a pan keeps, so a
// panned map moves pixel for pixel), so distances measured along both axes
// near the centre are true to MetresPerPixel; at Wuhai's scale (tens of
// kilometres) the distortion at the edges is well under 0.1 %. Canvas coordinates (Path)
// are pixels; widths, dash lengths, sizes and font sizes are pixels too.
//
// Draw clips and simplifies in pixel space (vertices closer than half a
// pixel to the previous kept one are dropped, then those within 0.4 px of
// the chord between their kept neighbours), culls features outside the
// view, and checks its context between features so a widget can cancel a
// stale frame. Labels are placed greedily, top layer first, and never
// overlap each other. After the first 256 markers of a call, a Raster
// draws markers from cached sprites (positions rounded to 1/16 px),
// composited in their colours and blended once. The thin opaque outlines
// of features (at most 2 px) go through the hairliner, which covers each
// unit column of a segment straight into the pixels instead of
// rasterising its outline; markers and text halos keep the exact stroker.
// DrawFrontToBack draws the same picture top feature first, painting
// under, and skips the features already hidden under opaque paint (on a
// crowded overview most of them) and the pieces of outlines that lie on
// blocks of pixels wholly opaque (occlusion.go). A Recorder keeps the calls made on it to
// make them on another canvas later (labels placed while the features are
// still being drawn).
//
// The package is domain-free: styles are data handed in by the caller. It
// imports orb and golang.org/x/image only.
package render
