package render

import (
	"encoding/binary"
	"errors"
)

var errBadSFNT = errors.New("malformed sfnt header")

// realignSFNT rebuilds the first font of data (a single TrueType/OpenType
// font or a TTC/OTC collection) as a standalone font whose tables start on
// 4-byte boundaries, as golang.org/x/image/font/sfnt requires. Table
// contents and order are kept; checksums are copied unchanged (readers
// ignore them).
func realignSFNT(data []byte) ([]byte, error) {
	be := binary.BigEndian
	off := 0
	if len(data) >= 16 && string(data[:4]) == "ttcf" {
		if be.Uint32(data[8:12]) == 0 {
			return nil, errBadSFNT
		}
		off = int(be.Uint32(data[12:16]))
	}
	if off < 0 || off+12 > len(data) {
		return nil, errBadSFNT
	}
	n := int(be.Uint16(data[off+4 : off+6]))
	dir := off + 12
	if n == 0 || dir+16*n > len(data) {
		return nil, errBadSFNT
	}
	size := 12 + 16*n
	for i := range n {
		rec := data[dir+16*i:]
		o, l := int(be.Uint32(rec[8:12])), int(be.Uint32(rec[12:16]))
		if o < 0 || l < 0 || o > len(data) || l > len(data)-o {
			return nil, errBadSFNT
		}
		size += (l + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	copy(out[:12], data[off:off+12])
	for i := range n {
		rec := data[dir+16*i : dir+16*i+16]
		o, l := int(be.Uint32(rec[8:12])), int(be.Uint32(rec[12:16]))
		nr := out[12+16*i : 12+16*i+16]
		copy(nr, rec)
		be.PutUint32(nr[8:12], uint32(len(out)))
		out = append(out, data[o:o+l]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}
