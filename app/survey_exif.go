package app

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"time"
)

// photoEXIF is what a photo's EXIF says about where and when it was taken.
type photoEXIF struct {
	TakenAt  *time.Time
	Lon, Lat *float64
}

// parseEXIF reads DateTimeOriginal (or DateTime) and the GPS position from
// a JPEG's APP1 Exif segment. Anything missing or malformed is simply
// absent: a photo without EXIF, or with EXIF but no GPS, is normal. It
// never reads outside data and follows at most a few IFDs, so no input
// makes it loop or allocate much.
func parseEXIF(data []byte) photoEXIF {
	var out photoEXIF
	tiff := exifSegment(data)
	if len(tiff) < 8 {
		return out
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return out
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return out
	}
	ifd0 := readIFD(tiff, bo, bo.Uint32(tiff[4:]))
	var taken string
	if e, ok := ifd0[0x8769]; ok {
		exif := readIFD(tiff, bo, e.value(bo))
		if v, ok := exif[0x9003]; ok {
			taken = v.ascii(tiff, bo)
		}
	}
	if v, ok := ifd0[0x0132]; ok && taken == "" {
		taken = v.ascii(tiff, bo)
	}
	if t, err := time.ParseInLocation("2006:01:02 15:04:05", strings.TrimSpace(taken), time.Local); err == nil {
		out.TakenAt = &t
	}
	if e, ok := ifd0[0x8825]; ok {
		gps := readIFD(tiff, bo, e.value(bo))
		lat, okLat := gps[2].degrees(tiff, bo)
		lon, okLon := gps[4].degrees(tiff, bo)
		if okLat && okLon {
			if gps[1].ascii(tiff, bo) == "S" {
				lat = -lat
			}
			if gps[3].ascii(tiff, bo) == "W" {
				lon = -lon
			}
			if math.Abs(lat) <= 90 && math.Abs(lon) <= 180 && (lat != 0 || lon != 0) {
				out.Lat, out.Lon = &lat, &lon
			}
		}
	}
	return out
}

// exifSegment returns the TIFF data of a JPEG's Exif APP1 segment.
func exifSegment(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return nil
		}
		marker := data[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan: no more headers
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return seg[6:]
		}
		i += 2 + n
	}
	return nil
}

// ifdEntry is one 12-byte IFD entry.
type ifdEntry struct {
	typ   uint16
	count uint32
	raw   [4]byte // value or offset
}

func (e ifdEntry) value(bo binary.ByteOrder) uint32 { return bo.Uint32(e.raw[:]) }

// bytesAt returns the entry's data of size n bytes (inline when ≤ 4).
func (e ifdEntry) bytesAt(tiff []byte, bo binary.ByteOrder, n uint64) []byte {
	if n <= 4 {
		return e.raw[:n]
	}
	off := uint64(e.value(bo))
	if off+n > uint64(len(tiff)) {
		return nil
	}
	return tiff[off : off+n]
}

func (e ifdEntry) ascii(tiff []byte, bo binary.ByteOrder) string {
	if e.typ != 2 || e.count == 0 || e.count > 64 {
		return ""
	}
	return strings.TrimRight(string(e.bytesAt(tiff, bo, uint64(e.count))), "\x00 ")
}

// degrees reads three RATIONALs (degrees, minutes, seconds).
func (e ifdEntry) degrees(tiff []byte, bo binary.ByteOrder) (float64, bool) {
	if e.typ != 5 || e.count != 3 {
		return 0, false
	}
	b := e.bytesAt(tiff, bo, 24)
	if b == nil {
		return 0, false
	}
	var v [3]float64
	for i := range v {
		num, den := bo.Uint32(b[8*i:]), bo.Uint32(b[8*i+4:])
		if den == 0 {
			return 0, false
		}
		v[i] = float64(num) / float64(den)
	}
	return v[0] + v[1]/60 + v[2]/3600, true
}

// readIFD reads the entries of the IFD at off (at most 256).
func readIFD(tiff []byte, bo binary.ByteOrder, off uint32) map[uint16]ifdEntry {
	out := map[uint16]ifdEntry{}
	if uint64(off)+2 > uint64(len(tiff)) {
		return out
	}
	n := int(bo.Uint16(tiff[off:]))
	if n > 256 {
		n = 256
	}
	for i := 0; i < n; i++ {
		p := uint64(off) + 2 + 12*uint64(i)
		if p+12 > uint64(len(tiff)) {
			break
		}
		var e ifdEntry
		e.typ = bo.Uint16(tiff[p+2:])
		e.count = bo.Uint32(tiff[p+4:])
		copy(e.raw[:], tiff[p+8:p+12])
		out[bo.Uint16(tiff[p:])] = e
	}
	return out
}
