package render

import "math"

// markerPath sets p to the outline of a marker of the given shape and size
// centred on (x, y). For PointCross it is two open strokes.
func markerPath(p *Path, shape PointShape, x, y, size float64) {
	p.Reset()
	h := size / 2
	switch shape {
	case PointSquare:
		p.MoveTo(x-h, y-h)
		p.LineTo(x+h, y-h)
		p.LineTo(x+h, y+h)
		p.LineTo(x-h, y+h)
		p.Close()
	case PointTriangle:
		// Equilateral, side = size, centroid on (x, y), apex up.
		r := size / math.Sqrt(3)
		for i := range 3 {
			a := -math.Pi/2 + float64(i)*2*math.Pi/3
			if i == 0 {
				p.MoveTo(x+r*math.Cos(a), y+r*math.Sin(a))
			} else {
				p.LineTo(x+r*math.Cos(a), y+r*math.Sin(a))
			}
		}
		p.Close()
	case PointCross:
		p.MoveTo(x-h, y)
		p.LineTo(x+h, y)
		p.MoveTo(x, y-h)
		p.LineTo(x, y+h)
	default: // PointCircle
		n := min(64, max(8, int(math.Ceil(math.Pi*size/2))))
		da := 2 * math.Pi / float64(n)
		r := h * math.Sqrt(da/math.Sin(da)) // polygon area = disc area
		for i := range n {
			a := float64(i) * da
			if i == 0 {
				p.MoveTo(x+r, y)
			} else {
				p.LineTo(x+r*math.Cos(a), y+r*math.Sin(a))
			}
		}
		p.Close()
	}
}
