package gpkg

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// RTreeEntry is one entry of a spatial index: a row's id and its bounds.
type RTreeEntry struct {
	ID    int64
	Bound orb.Bound
}

// ErrRTreeNotEmpty is returned by BulkLoadRTree for an index that already
// has entries.
var ErrRTreeNotEmpty = errors.New("spatial index is not empty")

// BulkLoadRTree fills the empty spatial index of table.geomColumn with
// entries in one pass, as GDAL does for large loads: it orders the entries
// along a Hilbert curve, packs them into full nodes bottom-up, and writes
// SQLite's R*Tree shadow tables (_node, _parent, _rowid) directly. The
// result is an ordinary SQLite R*Tree (rtreecheck passes) that later
// inserts, updates and deletes maintain as usual; boxes are rounded
// outwards to float32 exactly as the R*Tree module rounds them. Inserting
// the same entries one by one costs ten times more and gives looser nodes.
//
// The index must be empty (ErrRTreeNotEmpty otherwise) and the connection
// must allow writing shadow tables (SQLite's defensive mode off, the
// default). Run it in the transaction that added the rows.
func BulkLoadRTree(ctx context.Context, q Querier, table, geomColumn string, entries []RTreeEntry) error {
	rt := RTreeName(table, geomColumn)
	var n int64
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+QuoteIdent(rt+"_rowid")).Scan(&n); err != nil {
		return fmt.Errorf("gpkg: bulk loading %s: %w", rt, err)
	}
	if n > 0 {
		return fmt.Errorf("gpkg: bulk loading %s: %w", rt, ErrRTreeNotEmpty)
	}
	var nodeSize int
	if err := q.QueryRowContext(ctx, "SELECT length(data) FROM "+QuoteIdent(rt+"_node")+" WHERE nodeno = 1").Scan(&nodeSize); err != nil {
		return fmt.Errorf("gpkg: bulk loading %s: reading the root node: %w", rt, err)
	}
	const cellSize = 8 + 4*4 // id, then minx, maxx, miny, maxy as float32
	capacity := (nodeSize - 4) / cellSize
	if capacity < 2 {
		return fmt.Errorf("gpkg: bulk loading %s: node size %d is too small", rt, nodeSize)
	}
	if len(entries) == 0 {
		return nil
	}
	nodes, depth := packRTree(entries, capacity)

	put := func(query string, rows func(exec func(args ...any) error) error) error {
		st, err := prepare(ctx, q, query)
		if err != nil {
			return err
		}
		defer st.Close()
		return rows(func(args ...any) error {
			_, err := st.ExecContext(ctx, args...)
			return err
		})
	}
	err := put("INSERT OR REPLACE INTO "+QuoteIdent(rt+"_node")+" (nodeno, data) VALUES (?, ?)", func(exec func(...any) error) error {
		buf := make([]byte, nodeSize)
		for i, nd := range nodes {
			clear(buf)
			if i == 0 {
				binary.BigEndian.PutUint16(buf, uint16(depth))
			}
			binary.BigEndian.PutUint16(buf[2:], uint16(len(nd.cells)))
			for k, c := range nd.cells {
				o := 4 + k*cellSize
				binary.BigEndian.PutUint64(buf[o:], uint64(c.id))
				for j, v := range c.box {
					binary.BigEndian.PutUint32(buf[o+8+4*j:], math.Float32bits(v))
				}
			}
			if err := exec(int64(i+1), buf); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = put("INSERT INTO "+QuoteIdent(rt+"_parent")+" (nodeno, parentnode) VALUES (?, ?)", func(exec func(...any) error) error {
			for i, nd := range nodes {
				if i == 0 {
					continue
				}
				if err := exec(int64(i+1), nd.parent); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = put("INSERT INTO "+QuoteIdent(rt+"_rowid")+" (rowid, nodeno) VALUES (?, ?)", func(exec func(...any) error) error {
			// Leaf mappings in rowid order: appends to the b-tree.
			type m struct{ id, node int64 }
			var ms []m
			for i, nd := range nodes {
				if nd.leaf {
					for _, c := range nd.cells {
						ms = append(ms, m{c.id, int64(i + 1)})
					}
				}
			}
			slices.SortFunc(ms, func(a, b m) int { return cmpInt64(a.id, b.id) })
			for _, x := range ms {
				if err := exec(x.id, x.node); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("gpkg: bulk loading %s: %w", rt, err)
	}
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// rtreeCell is one cell of a node: a row id (leaf) or a child node number.
type rtreeCell struct {
	id  int64
	box [4]float32 // minx, maxx, miny, maxy
}

type rtreeNode struct {
	cells  []rtreeCell
	leaf   bool
	parent int64 // node number of the parent (root: 0)
}

// packRTree builds a packed R-tree: leaves of capacity entries in Hilbert
// order, then each level grouping capacity nodes of the one below, until
// one node, the root, is left. Nodes are numbered from 1 breadth-first from
// the root (nodes[i] is node i+1). depth is 0 when the root is a leaf.
func packRTree(entries []RTreeEntry, capacity int) ([]rtreeNode, int) {
	ext := entries[0].Bound
	for _, e := range entries[1:] {
		ext = ext.Union(e.Bound)
	}
	order := hilbertOrder(func(i int) orb.Bound { return entries[i].Bound }, len(entries), ext)

	// levels[0] are the leaves; a node's cells point into the level below
	// by index until numbering.
	var levels [][]rtreeNode
	var leaves []rtreeNode
	for start := 0; start < len(order); start += capacity {
		end := min(start+capacity, len(order))
		nd := rtreeNode{leaf: true, cells: make([]rtreeCell, 0, end-start)}
		for _, i := range order[start:end] {
			b := entries[i].Bound
			nd.cells = append(nd.cells, rtreeCell{entries[i].ID, [4]float32{
				roundDown(b.Min[0]), roundUp(b.Max[0]), roundDown(b.Min[1]), roundUp(b.Max[1])}})
		}
		leaves = append(leaves, nd)
	}
	levels = append(levels, leaves)
	for len(levels[len(levels)-1]) > 1 {
		below := levels[len(levels)-1]
		var up []rtreeNode
		for start := 0; start < len(below); start += capacity {
			end := min(start+capacity, len(below))
			nd := rtreeNode{cells: make([]rtreeCell, 0, end-start)}
			for i := start; i < end; i++ {
				nd.cells = append(nd.cells, rtreeCell{int64(i), cover(below[i].cells)})
			}
			up = append(up, nd)
		}
		levels = append(levels, up)
	}
	depth := len(levels) - 1

	// Number breadth-first from the root: level by level from the top,
	// each level in order, so the children of a node are consecutive.
	var nodes []rtreeNode
	base := make([]int64, len(levels)) // node number of the first node of each level
	next := int64(1)
	for l := depth; l >= 0; l-- {
		base[l] = next
		next += int64(len(levels[l]))
	}
	for l := depth; l >= 0; l-- {
		for i, nd := range levels[l] {
			if l > 0 {
				for k := range nd.cells {
					nd.cells[k].id = base[l-1] + nd.cells[k].id
				}
			}
			if l < depth {
				nd.parent = base[l+1] + int64(i/capacity)
			}
			nodes = append(nodes, nd)
		}
	}
	return nodes, depth
}

// cover is the box of a node's cells.
func cover(cells []rtreeCell) [4]float32 {
	b := cells[0].box
	for _, c := range cells[1:] {
		b[0] = min(b[0], c.box[0])
		b[1] = max(b[1], c.box[1])
		b[2] = min(b[2], c.box[2])
		b[3] = max(b[3], c.box[3])
	}
	return b
}

// roundDown and roundUp convert to float32 the way SQLite's R*Tree does
// (rtreeValueDown, rtreeValueUp): to nearest, then one step outwards when
// that moved the value inwards.
func roundDown(d float64) float32 {
	f := float32(d)
	if float64(f) > d {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func roundUp(d float64) float32 {
	f := float32(d)
	if float64(f) < d {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}
