package gpkg

import "math"

// GeoPackage binary header (GeoPackage 1.3 §2.1.3.1.1):
//
//	magic "GP", version 0, flags, srs_id int32, envelope (0, 4, 6 or 8 doubles)
//
// flags: bit 0 byte order (1 little-endian), bits 1-3 envelope contents
// indicator, bit 4 empty geometry, bit 5 ExtendedGeoPackageBinary.
const (
	flagLittleEndian = 1 << 0
	flagEmpty        = 1 << 4
	flagExtended     = 1 << 5
	envShift         = 1
	envMask          = 0x7 << envShift

	envNone = 0
	envXY   = 1 // [minx, maxx, miny, maxy]

	headerMin = 8
)

// envelopeDoubles is the number of doubles each envelope code carries.
var envelopeDoubles = [5]int{0, 4, 6, 6, 8}

// header is a parsed GeoPackage binary header.
type header struct {
	srsID   int32
	empty   bool
	envCode int
	env     [4]float64 // minx, maxx, miny, maxy when envCode >= 1
	size    int        // header length in bytes: the WKB starts here
}

// parseHeader reads the header of a GeoPackage geometry blob.
func parseHeader(b []byte) (header, error) {
	var h header
	if len(b) < headerMin {
		return h, errorf(CodeBadHeader, "blob of %d bytes is too short for a header", len(b))
	}
	if b[0] != 'G' || b[1] != 'P' {
		return h, errorf(CodeBadHeader, "blob does not start with GP")
	}
	if b[2] != 0 {
		return h, errorf(CodeBadHeader, "unknown geopackage binary version %d", b[2])
	}
	flags := b[3]
	if flags&flagExtended != 0 {
		return h, errorf(CodeExtended, "extended geopackage binary is not supported")
	}
	if flags&0xC0 != 0 {
		return h, errorf(CodeBadHeader, "reserved flag bits set (0x%02x)", flags)
	}
	be := flags&flagLittleEndian == 0
	h.srsID = int32(u32(b[4:8], be))
	h.empty = flags&flagEmpty != 0
	h.envCode = int(flags&envMask) >> envShift
	if h.envCode >= len(envelopeDoubles) {
		return h, errorf(CodeBadHeader, "invalid envelope contents indicator %d", h.envCode)
	}
	n := envelopeDoubles[h.envCode]
	h.size = headerMin + 8*n
	if len(b) < h.size {
		return h, errorf(CodeBadHeader, "blob of %d bytes is too short for its %d-byte header", len(b), h.size)
	}
	if n > 0 {
		for i := range 4 {
			h.env[i] = math.Float64frombits(u64(b[headerMin+8*i:], be))
		}
	}
	return h, nil
}
