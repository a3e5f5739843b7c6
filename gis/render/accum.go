package render

import "math"

// accumulator rasterises paths by signed-area accumulation (the method of
// font-rs and of golang.org/x/image/vector's floating-point path): each
// edge adds, to the cells of every row it crosses, the signed area it
// sweeps; a running sum along a row is then the winding coverage of each
// pixel, clamped to 1 (the non-zero rule). Coordinates are box-local
// pixels, float32. Cells are kept zero between paths (reading a cell
// clears it), and each row remembers the span of cells its edges touched,
// so only those are read: a thin diagonal stroke in a big box costs its
// length, not the box's area.
type accumulator struct {
	w, h   int
	stride int       // w + 2: edges at x = w write one cell beyond it
	a      []float32 // h × stride cells, zero outside calls
	lo, hi []int32   // per row: touched cells [lo, hi)
	rows   []int32   // rows touched, in no order (each once)
}

// reset sizes z for a w×h box. Every cell is zero and no row is touched.
func (z *accumulator) reset(w, h int) {
	z.w, z.h, z.stride = w, h, w+2
	n := h * z.stride
	if cap(z.a) < n {
		z.a = make([]float32, n)
	} else {
		z.a = z.a[:n]
	}
	if cap(z.lo) < h {
		z.lo = make([]int32, h)
		z.hi = make([]int32, h)
		for i := range z.lo {
			z.lo[i] = math.MaxInt32
		}
	} else {
		z.lo, z.hi = z.lo[:h], z.hi[:h]
	}
	z.rows = z.rows[:0]
}

// touch records that row y has cells [lo, hi) written.
func (z *accumulator) touch(y int, lo, hi int32) {
	if z.lo[y] == math.MaxInt32 {
		z.rows = append(z.rows, int32(y))
		z.lo[y], z.hi[y] = lo, hi
		return
	}
	z.lo[y] = min(z.lo[y], lo)
	z.hi[y] = max(z.hi[y], hi)
}

// line adds the edge (ax, ay)→(bx, by). Parts left of the box are moved
// onto its left side and parts right of it onto its right side, which
// leaves the coverage inside the box unchanged; rows outside are skipped.
func (z *accumulator) line(ax, ay, bx, by float32) {
	if ay == by {
		return
	}
	w := float32(z.w)
	// Split at x = 0 and x = w so each piece lies within [0, w].
	if ax < 0 || bx < 0 || ax > w || bx > w {
		switch {
		case (ax < 0 && bx > 0) || (ax > 0 && bx < 0):
			my := ay + (0-ax)/(bx-ax)*(by-ay)
			z.line(ax, ay, 0, my)
			z.line(0, my, bx, by)
			return
		case (ax < w && bx > w) || (ax > w && bx < w):
			my := ay + (w-ax)/(bx-ax)*(by-ay)
			z.line(ax, ay, w, my)
			z.line(w, my, bx, by)
			return
		case ax <= 0 && bx <= 0:
			// Wholly on the left: a vertical edge on the left side.
			ax, bx = 0, 0
		default:
			ax, bx = w, w
		}
	}
	dir := float32(1)
	if ay > by {
		dir = -1
		ax, ay, bx, by = bx, by, ax, ay
	}
	h := float32(z.h)
	if by <= 0 || ay >= h {
		return
	}
	dxdy := (bx - ax) / (by - ay)
	x := ax
	y0 := 0
	if ay < 0 {
		x -= ay * dxdy
	} else {
		y0 = int(ay)
	}
	y1 := int(by)
	if float32(y1) < by {
		y1++
	}
	y1 = min(z.h, y1)
	for y := y0; y < y1; y++ {
		row := z.a[y*z.stride : (y+1)*z.stride]
		dy := min(float32(y+1), by) - max(float32(y), ay)
		xnext := x + dxdy*dy
		d := dy * dir
		x0, x1 := x, xnext
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		// Rounding may carry a clamped x a hair outside [0, w].
		x0 = max(x0, 0)
		x1 = min(x1, w)
		// x0, x1 >= 0: truncation is floor.
		x0i := int(x0)
		x0f := float32(x0i)
		x1i := int(x1)
		if float32(x1i) < x1 {
			x1i++
		}
		x1c := float32(x1i)
		if x1i <= x0i+1 {
			xmf := 0.5*(x+xnext) - x0f
			c := row[x0i : x0i+2 : x0i+2]
			c[0] += d - d*xmf
			c[1] += d * xmf
			z.touch(y, int32(x0i), int32(x0i+2))
		} else {
			s := 1 / (x1 - x0)
			fx0 := x0 - x0f
			a0 := 0.5 * s * (1 - fx0) * (1 - fx0)
			fx1 := x1 - x1c + 1
			am := 0.5 * s * fx1 * fx1
			row[x0i] += d * a0
			if x1i == x0i+2 {
				row[x0i+1] += d * (1 - a0 - am)
			} else {
				a1 := s * (1.5 - fx0)
				row[x0i+1] += d * (a1 - a0)
				ds := d * s
				for xi := x0i + 2; xi < x1i-1; xi++ {
					row[xi] += ds
				}
				a2 := a1 + float32(x1i-x0i-3)*s
				row[x1i-1] += d * (1 - a2 - am)
			}
			row[x1i] += d * am
			z.touch(y, int32(x0i), int32(x1i+1))
		}
		x = xnext
	}
}

// path adds the subpaths of q with at least three points, each closed,
// shifted by (-ox, -oy).
func (z *accumulator) path(q *Path, ox, oy float64) {
	for i := range q.subs {
		pts, _ := q.Subpath(i)
		if len(pts) < 3 {
			continue
		}
		fx, fy := float32(pts[0].X-ox), float32(pts[0].Y-oy)
		px, py := fx, fy
		for _, pt := range pts[1:] {
			x, y := float32(pt.X-ox), float32(pt.Y-oy)
			z.line(px, py, x, y)
			px, py = x, y
		}
		z.line(px, py, fx, fy)
	}
}

// coverage turns an accumulated sum into an 8-bit coverage (non-zero
// rule).
func coverage8(s float32) uint32 {
	if s < 0 {
		s = -s
	}
	if s >= 1 {
		return 255
	}
	return uint32(s*255 + 0.5)
}

// mask writes the coverage of every cell of the box into pix (w×h,
// stride w), zero where nothing was drawn, and clears z.
func (z *accumulator) mask(pix []uint8) {
	clear(pix[:z.w*z.h])
	for _, y32 := range z.rows {
		y := int(y32)
		lo, hi := int(z.lo[y]), int(z.hi[y])
		z.lo[y], z.hi[y] = math.MaxInt32, 0
		row := z.a[y*z.stride : (y+1)*z.stride]
		out := pix[y*z.w : (y+1)*z.w]
		var s float32
		for x := lo; x < hi; x++ {
			s += row[x]
			row[x] = 0
			if x < z.w {
				out[x] = uint8(coverage8(s))
			}
		}
		// Closed paths bring the sum back to zero by the last touched
		// cell; what rounding leaves is below a level.
	}
	z.rows = z.rows[:0]
}
