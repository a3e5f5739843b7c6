// Package corners reads and writes licence corner coordinates (拐点坐标,
// 界址点坐标): the "界址点" exchange text layout used by China's natural
// resources authorities — a [属性描述] section of key=value lines (坐标系,
// 几度分带, 投影类型, 计量单位, 带号, 精度, …) and a [地块坐标] section whose
// parcel header lines end in "@" and whose point lines read "point no.,
// ring no., X, Y" — and the bare lists planners type or paste ("J1, X, Y",
// "X Y", lon/lat pairs).
//
// Coordinates: X is the northing and Y the easting, in metres (CGCS2000
// Gauss–Krüger, the easting with or without its zone prefix), or X the
// latitude and Y the longitude in degrees. Points keep the numbers exactly
// as written (XText, YText) next to their float values, so that a parse →
// write → parse round trip is exact to the last written decimal. Geometry
// built from a parcel is orb geometry in the coordinate system's own axis
// order: (easting, northing) in metres or (lon, lat) in degrees; File.EPSG
// names that system. X and Y written the wrong way round are recognised
// from their ranges (a China northing has 7 integer digits, an easting 6,
// or 8 with the zone prefix) and fixed with a warning: nothing is ever
// returned swapped.
//
// Errors are *Error values (Code, Line, Text) gathered in an *Errors list;
// warnings are *Warning values. The package is domain-free: it knows
// nothing of mines, and depends on minerehab/gis/crs for the coordinate
// systems.
package corners
