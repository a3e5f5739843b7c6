package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"math"
	"strings"

	"github.com/paulmach/orb"

	"minerehab/gis/gpkg"
)

// A screening asks a layer's R*Tree for the features near some twenty
// river chunks: over a hundred thousand entries, each a row through the
// driver, the chunks' boxes overlapping so that many come several times.
// Reading the tree's leaves instead (blobs of up to 51 entries, a few
// thousand, in one query) and testing the entries here costs a small part
// of that and finds the same entries, each once.
//
// Node format (SQLite ext/rtree/rtree.c, part of the file format): a node
// is the blob "data" of the row "nodeno" of the table <rtree>_node, node 1
// the root; big-endian throughout, it starts with the depth of the tree
// (meaningful in the root only; leaves are at depth 0) and the number of
// entries, 2 bytes each, followed by the entries: a 64-bit id (a feature's
// id in a leaf, a child node's number above) and, for an rtree of float32
// coordinates with columns (id, minx, maxx, miny, maxy), four float32.
// SQLite compares the float32 values widened to float64 with the query's
// bounds, as screenScanIndex does.

// screenScanIndex calls fn with each entry of the layer's spatial index
// whose box meets one of boxes (the test of screenCandidates' query), read
// from the index's leaves (the nodes <rtree>_parent does not list as a
// parent). ok is false, with no error, when the index is not one it can
// read (not a float32 rtree of the GeoPackage columns, or nodes it does
// not understand); fn may then have seen some entries already.
func (s *Store) screenScanIndex(ctx context.Context, conn *sql.Conn, layer string, boxes []orb.Bound, fn func(id int64, box *orb.Bound)) (ok bool, err error) {
	rt := gpkg.RTreeName(layer, GeomColumn)
	var def string
	if err := conn.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", rt).Scan(&def); err != nil {
		return false, nil
	}
	if !isFloatRTree(def) {
		return false, nil
	}
	if len(boxes) == 0 {
		return true, nil
	}
	all := boxes[0]
	for _, b := range boxes[1:] {
		all = all.Union(b)
	}
	// Every entry is in a leaf, and a leaf is a node that is no node's
	// parent (or the root of a tree of depth 0).
	interior := map[int64]bool{}
	err = rawQuery(ctx, conn, "SELECT DISTINCT parentnode FROM "+gpkg.QuoteIdent(rt+"_parent"), nil, 1, func(v []driver.Value) error {
		no, ok := v[0].(int64)
		if !ok {
			return errBadNode
		}
		interior[no] = true
		return nil
	})
	if err == nil {
		err = rawQuery(ctx, conn, "SELECT nodeno, data FROM "+gpkg.QuoteIdent(rt+"_node"), nil, 2, func(v []driver.Value) error {
			no, ok1 := v[0].(int64)
			data, ok2 := v[1].([]byte)
			if !ok1 || !ok2 || len(data) < 4 {
				return errBadNode
			}
			if interior[no] || no == 1 && binary.BigEndian.Uint16(data) != 0 {
				return nil
			}
			n := int(binary.BigEndian.Uint16(data[2:]))
			if 4+n*24 > len(data) {
				return errBadNode
			}
			for e := data[4 : 4+n*24]; len(e) > 0; e = e[24:] {
				box := orb.Bound{
					Min: orb.Point{f32(e[8:]), f32(e[16:])},
					Max: orb.Point{f32(e[12:]), f32(e[20:])},
				}
				if !meetsQuery(&box, &all) {
					continue
				}
				for j := range boxes {
					if meetsQuery(&box, &boxes[j]) {
						fn(int64(binary.BigEndian.Uint64(e)), &box)
						break
					}
				}
			}
			return nil
		})
	}
	if errors.Is(err, errBadNode) {
		return false, nil
	}
	if err != nil {
		return false, classify("screen "+layer+" in", s.path, err)
	}
	return true, nil
}

var errBadNode = errors.New("rtree node this reader does not understand")

// isFloatRTree reports whether def declares the GeoPackage spatial index:
// an rtree (float32) of the columns id, minx, maxx, miny, maxy.
func isFloatRTree(def string) bool {
	d := strings.ToLower(strings.Join(strings.Fields(def), ""))
	return strings.HasSuffix(d, "usingrtree(id,minx,maxx,miny,maxy)")
}

// f32 is the big-endian float32 at b, widened.
func f32(b []byte) float64 { return float64(math.Float32frombits(binary.BigEndian.Uint32(b))) }

// meetsQuery is the test "maxx >= minx' AND minx <= maxx' AND maxy >= miny'
// AND miny <= maxy'" of screenCandidates' query, with q the query's box.
func meetsQuery(b, q *orb.Bound) bool {
	return b.Max[0] >= q.Min[0] && b.Min[0] <= q.Max[0] && b.Max[1] >= q.Min[1] && b.Min[1] <= q.Max[1]
}
