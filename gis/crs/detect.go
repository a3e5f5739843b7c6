package crs

import (
	"fmt"
	"math"
)

// DetectKind is what Detect concluded about a coordinate pair.
type DetectKind int

const (
	// Unknown: the numbers fit none of the patterns below.
	Unknown DetectKind = iota
	// LonLat: plausible longitude/latitude degrees.
	LonLat
	// GKZonePrefixed: a Gauss-Kruger easting with the zone number in front
	// (8 integer digits) and a northing; EPSG, Zone and ZoneWidth are set.
	GKZonePrefixed
	// ProjectedNoZone: metre-like easting/northing without a zone prefix;
	// the central meridian cannot be guessed, so the caller must ask for
	// a CRS.
	ProjectedNoZone
)

func (k DetectKind) String() string {
	switch k {
	case LonLat:
		return "lonlat"
	case GKZonePrefixed:
		return "gk-zone-prefixed"
	case ProjectedNoZone:
		return "projected-no-zone"
	}
	return "unknown"
}

// Detection is the result of Detect.
type Detection struct {
	Kind      DetectKind
	EPSG      int  // suggested CRS: 4326 for LonLat, the prefixed GK code for GKZonePrefixed, else 0
	Zone      int  // GK zone number taken from the easting prefix
	ZoneWidth int  // 3 or 6 for GKZonePrefixed
	Swapped   bool // the pair is (northing, easting) or (lat, lon) rather than (x, y)
}

// CRS returns the suggested CRS, or an *Error with Code "unsupported-crs"
// when the detection has none.
func (d Detection) CRS() (*CRS, error) {
	if d.EPSG == 0 {
		return nil, newError(CodeUnsupportedCRS, d.Kind.String(), "no crs can be inferred from the coordinates")
	}
	return ByEPSG(d.EPSG)
}

func (d Detection) String() string {
	return fmt.Sprintf("%s epsg=%d zone=%d width=%d swapped=%t", d.Kind, d.EPSG, d.Zone, d.ZoneWidth, d.Swapped)
}

// Detect classifies a coordinate pair from a file that declares no CRS.
// The rules, tried in order:
//
//   - |x| ≤ 180 and |y| ≤ 90: LonLat, EPSG 4326 (the GeoJSON default;
//     CGCS2000 4490 is numerically the same here).
//   - |x| ≤ 90 and 90 < |y| ≤ 180: LonLat with Swapped (lat, lon).
//   - x in [13e6, 46e6) and y in [0, 1e7): a zone-prefixed Gauss-Kruger
//     easting if its first two digits are a 3° zone 25–45 (EPSG
//     4513+zone-25) or a 6° zone 13–23 (EPSG 4491+zone-13) and the rest is
//     a plausible in-zone easting (100 km–900 km): GKZonePrefixed.
//     The same with x and y exchanged: GKZonePrefixed with Swapped.
//   - x in [1e5, 1e6) and y in [1e6, 1e7): ProjectedNoZone; exchanged:
//     ProjectedNoZone with Swapped.
//   - anything else (negative or huge metres, NaN, Inf): Unknown.
//
// Zone 24 is neither a 3° zone of China nor a 6° one, so it is Unknown.
// A single point is weak evidence: callers should check that all points
// (or the bounding box corners) of a file agree.
func Detect(x, y float64) Detection {
	if !finite(x) || !finite(y) {
		return Detection{}
	}
	ax, ay := math.Abs(x), math.Abs(y)
	switch {
	case ax <= 180 && ay <= 90:
		return Detection{Kind: LonLat, EPSG: 4326}
	case ax <= 90 && ay > 90 && ay <= 180:
		return Detection{Kind: LonLat, EPSG: 4326, Swapped: true}
	}
	if d, ok := detectGK(x, y); ok {
		return d
	}
	if d, ok := detectGK(y, x); ok {
		d.Swapped = true
		return d
	}
	if isPlainEasting(x) && isNorthing(y) && y >= 1e6 {
		return Detection{Kind: ProjectedNoZone}
	}
	if isPlainEasting(y) && isNorthing(x) && x >= 1e6 {
		return Detection{Kind: ProjectedNoZone, Swapped: true}
	}
	return Detection{}
}

func detectGK(e, n float64) (Detection, bool) {
	if e < 13e6 || e >= 46e6 || !isNorthing(n) {
		return Detection{}, false
	}
	zone := int(e / 1e6)
	if rest := e - float64(zone)*1e6; rest < 1e5 || rest >= 9e5 {
		return Detection{}, false
	}
	switch {
	case zone >= 25 && zone <= 45:
		return Detection{Kind: GKZonePrefixed, EPSG: 4513 + zone - 25, Zone: zone, ZoneWidth: 3}, true
	case zone >= 13 && zone <= 23:
		return Detection{Kind: GKZonePrefixed, EPSG: 4491 + zone - 13, Zone: zone, ZoneWidth: 6}, true
	}
	return Detection{}, false
}

func isNorthing(v float64) bool { return v >= 0 && v < 1e7 }

func isPlainEasting(v float64) bool { return v >= 1e5 && v < 1e6 }
