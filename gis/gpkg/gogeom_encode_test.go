package gpkg

import (
	"encoding/binary"
	"math"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom/encoding/wkb"
	"github.com/twpayne/go-geom/encoding/wkbcommon"
)

// encodeViaGoGeom is the go-geom write path the direct encoder replaced:
// orb -> go-geom -> wkb.Marshal, with the same header. Tests check both give
// identical bytes; BenchmarkEncode compares their cost.
func encodeViaGoGeom(g orb.Geometry, srsID int32) ([]byte, error) {
	t, err := ToGoGeom(g)
	if err != nil {
		return nil, err
	}
	body, err := wkb.Marshal(t, wkb.NDR, wkbcommon.WKBOptionEmptyPointHandling(wkbcommon.EmptyPointHandlingNaN))
	if err != nil {
		return nil, err
	}
	var acc bounds
	if _, err := scanWKB(body, &acc); err != nil {
		return nil, err
	}
	_, isPoint := g.(orb.Point)
	hdr := make([]byte, headerMin, headerMin+32+len(body))
	hdr[0], hdr[1] = 'G', 'P'
	binary.LittleEndian.PutUint32(hdr[4:], uint32(srsID))
	switch {
	case acc.n == 0:
		hdr[3] = flagLittleEndian | flagEmpty
	case isPoint:
		hdr[3] = flagLittleEndian
	default:
		hdr[3] = flagLittleEndian | envXY<<envShift
		for _, v := range []float64{acc.minx, acc.maxx, acc.miny, acc.maxy} {
			hdr = binary.LittleEndian.AppendUint64(hdr, math.Float64bits(v))
		}
	}
	return append(hdr, body...), nil
}
