package crs

import (
	"fmt"
	"math"
	"sort"
)

// Method is the map projection a CRS uses.
type Method int

const (
	// MethodGeographic: longitude/latitude in degrees, no projection.
	MethodGeographic Method = iota
	// MethodTransverseMercator: Gauss-Kruger and UTM.
	MethodTransverseMercator
	// MethodWebMercator: spherical "Pseudo-Mercator" (EPSG:3857).
	MethodWebMercator
)

// CRS describes one supported coordinate reference system. Values returned
// by ByEPSG and Parse are fresh copies; changing their fields does not
// affect other callers.
type CRS struct {
	EPSG       int
	Name       string // EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 108E"
	NameZH     string // e.g. "2000国家大地坐标系 高斯-克吕格投影 3°带 中央经线108°E"
	Geographic bool   // true for 4326 and 4490 (coordinates are lon/lat degrees)
	Method     Method
	Ellipsoid  Ellipsoid

	// Projection parameters (zero for geographic CRSs). Latitude of origin
	// is always 0.
	CentralMeridian float64 // degrees east
	FalseEasting    float64 // metres; includes zone*1e6 when ZonePrefixed
	FalseNorthing   float64 // metres
	ScaleFactor     float64 // k0 on the central meridian
	// Zone is the Gauss-Kruger or UTM zone number (3° zones: CM = 3*Zone;
	// 6° zones: CM = 6*Zone-3; UTM: CM = 6*Zone-183). It is set for the
	// "CM nnnE" codes too, for information; 0 for geographic and Web
	// Mercator.
	Zone         int
	ZonePrefixed bool // the easting carries the zone number in front (e.g. 36 500000)
	ZoneWidth    int  // 3 or 6 for Gauss-Kruger and UTM, else 0

	// NorthingFirst reports the EPSG authority axis order: latitude (or
	// northing) first. It matters only for formats that follow the
	// authority order (GML, WFS 1.1+, PROJ's cs2cs); this package's own
	// API is always lon/lat and easting/northing.
	NorthingFirst bool
}

var (
	registry = buildRegistry()
	codes    = sortedCodes(registry)
)

// ByEPSG returns the CRS with the given EPSG code, or an *Error with Code
// "unsupported-crs".
func ByEPSG(code int) (*CRS, error) {
	c, ok := registry[code]
	if !ok {
		return nil, newError(CodeUnsupportedCRS, fmt.Sprintf("EPSG:%d", code), "epsg code %d is not supported", code)
	}
	cp := *c
	return &cp, nil
}

// Codes returns every supported EPSG code in ascending order.
func Codes() []int {
	return append([]int(nil), codes...)
}

// All returns a copy of every supported CRS, ordered by EPSG code.
func All() []*CRS {
	out := make([]*CRS, 0, len(codes))
	for _, code := range codes {
		cp := *registry[code]
		out = append(out, &cp)
	}
	return out
}

// String returns the "EPSG:nnnn" form of c.
func (c *CRS) String() string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("EPSG:%d", c.EPSG)
}

// GK3ZoneForLon returns the 3° Gauss-Kruger zone containing lon (degrees
// east): round(lon/3), so the central meridian is 3*zone. A longitude on a
// zone boundary (e.g. 106.5) falls in the eastern zone. It returns 0 for
// NaN or infinite input.
func GK3ZoneForLon(lon float64) int {
	if math.IsNaN(lon) || math.IsInf(lon, 0) {
		return 0
	}
	return int(math.Floor(lon/3 + 0.5))
}

// GK6ZoneForLon returns the 6° Gauss-Kruger (and UTM) zone containing lon
// (degrees east, 0–360): floor(lon/6)+1, central meridian 6*zone-3. It
// returns 0 for NaN or infinite input.
func GK6ZoneForLon(lon float64) int {
	if math.IsNaN(lon) || math.IsInf(lon, 0) {
		return 0
	}
	return int(math.Floor(lon/6)) + 1
}

// GK3EPSG returns the EPSG code of the CGCS2000 3° Gauss-Kruger CRS for
// zone 25–45, with the zone prefixed on the easting (4513–4533) or not
// (4534–4554). Other zones give an *Error with Code "bad-zone".
func GK3EPSG(zone int, prefixed bool) (int, error) {
	if zone < 25 || zone > 45 {
		return 0, newError(CodeBadZone, fmt.Sprint(zone), "3-degree zone must be 25 to 45 (central meridian 75e to 135e)")
	}
	if prefixed {
		return 4513 + zone - 25, nil
	}
	return 4534 + zone - 25, nil
}

// GK6EPSG returns the EPSG code of the CGCS2000 6° Gauss-Kruger CRS for
// zone 13–23, prefixed (4491–4501) or not (4502–4512). Other zones give an
// *Error with Code "bad-zone".
func GK6EPSG(zone int, prefixed bool) (int, error) {
	if zone < 13 || zone > 23 {
		return 0, newError(CodeBadZone, fmt.Sprint(zone), "6-degree zone must be 13 to 23 (central meridian 75e to 135e)")
	}
	if prefixed {
		return 4491 + zone - 13, nil
	}
	return 4502 + zone - 13, nil
}

func buildRegistry() map[int]*CRS {
	r := map[int]*CRS{
		4326: {EPSG: 4326, Name: "WGS 84", NameZH: "WGS 84 经纬度坐标系",
			Geographic: true, Method: MethodGeographic, Ellipsoid: *ellWGS84, NorthingFirst: true},
		4490: {EPSG: 4490, Name: "China Geodetic Coordinate System 2000", NameZH: "2000国家大地坐标系 经纬度",
			Geographic: true, Method: MethodGeographic, Ellipsoid: *ellCGCS2000, NorthingFirst: true},
		3857: {EPSG: 3857, Name: "WGS 84 / Pseudo-Mercator", NameZH: "WGS 84 Web 墨卡托投影（伪墨卡托）",
			Method: MethodWebMercator, Ellipsoid: *ellWGS84, ScaleFactor: 1},
	}
	gk := func(code, zone, width int, prefixed bool) {
		cm := 3 * zone
		if width == 6 {
			cm = 6*zone - 3
		}
		c := &CRS{EPSG: code, Method: MethodTransverseMercator, Ellipsoid: *ellCGCS2000,
			CentralMeridian: float64(cm), FalseEasting: 500000, ScaleFactor: 1,
			Zone: zone, ZonePrefixed: prefixed, ZoneWidth: width, NorthingFirst: true}
		prefix := ""
		if width == 3 {
			prefix = "3-degree "
		}
		if prefixed {
			c.FalseEasting += float64(zone) * 1e6
			c.Name = fmt.Sprintf("CGCS2000 / %sGauss-Kruger zone %d", prefix, zone)
			c.NameZH = fmt.Sprintf("2000国家大地坐标系 高斯-克吕格投影 %d°带 第%d带 中央经线%d°E（横坐标含带号）", width, zone, cm)
		} else {
			c.Name = fmt.Sprintf("CGCS2000 / %sGauss-Kruger CM %dE", prefix, cm)
			c.NameZH = fmt.Sprintf("2000国家大地坐标系 高斯-克吕格投影 %d°带 中央经线%d°E", width, cm)
		}
		r[code] = c
	}
	for z := 25; z <= 45; z++ {
		gk(4513+z-25, z, 3, true)
		gk(4534+z-25, z, 3, false)
	}
	for z := 13; z <= 23; z++ {
		gk(4491+z-13, z, 6, true)
		gk(4502+z-13, z, 6, false)
	}
	for _, z := range []int{48, 49} {
		code := 32600 + z
		r[code] = &CRS{EPSG: code,
			Name:   fmt.Sprintf("WGS 84 / UTM zone %dN", z),
			NameZH: fmt.Sprintf("WGS 84 UTM 投影 第%d带（北半球）", z),
			Method: MethodTransverseMercator, Ellipsoid: *ellWGS84,
			CentralMeridian: float64(6*z - 183), FalseEasting: 500000, ScaleFactor: 0.9996,
			Zone: z, ZoneWidth: 6}
	}
	return r
}

func sortedCodes(r map[int]*CRS) []int {
	out := make([]int, 0, len(r))
	for code := range r {
		out = append(out, code)
	}
	sort.Ints(out)
	return out
}
