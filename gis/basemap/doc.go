// Package basemap owns the optional offline raster basemap: a tiled raster
// the user points to (an XYZ folder of PNG/JPEG tiles, an MBTiles file or a
// PMTiles v3 file), read from local disk only — nothing is ever fetched
// from the network — and Draw, which paints it under a map view.
//
// Coordinate systems. Tiles are in Web Mercator (EPSG:3857) on WGS 84,
// numbered the XYZ ("slippy map") way: zoom z has 2^z × 2^z tiles, x grows
// east from −180°, y grows south from +85.0511°; tiles are 256 pixels square
// unless the source says otherwise. MBTiles stores rows in TMS order (y grows
// north) and gdal2tiles folders without --xyz do too; both are flipped here,
// so Source.Tile always takes XYZ numbers. Bounds are lon/lat degrees.
//
// The map itself is in CGCS2000 lon/lat (degrees, see gis/render.View).
// CGCS2000 and WGS 84 (as realised today) differ by well under a metre, far
// below a basemap pixel at any useful zoom, so tile lon/lat is used as
// CGCS2000 lon/lat with no datum shift. Chinese online basemaps published
// in GCJ-02 (the "Mars" coordinates of Gaode/AMap, Tencent and others) or
// BD-09 are deliberately offset from WGS 84 by hundreds of metres; such
// tiles are not supported as such and will appear shifted.
//
// Draw resamples the Web Mercator tiles into the view's local
// equirectangular projection at the zoom level whose resolution is the
// first at least as fine as the view's, with bilinear sampling. Decoded
// tiles are kept in a process-wide LRU cache (a few hundred tiles).
package basemap
