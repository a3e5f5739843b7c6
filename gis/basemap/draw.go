package basemap

import (
	"context"
	"errors"
	"image"
	"math"
	"runtime"
	"sync"

	"minerehab/gis/render"
)

// MaxDrawTiles is the most tiles (inside the source's declared bounds) one
// Draw uses. A view so much coarser than the source's smallest zoom that it
// would need more is left blank: the basemap is not meant to be seen at
// that scale.
const MaxDrawTiles = 1024

// maxGridCells bounds the tile grid of one Draw, bounds or not.
const maxGridCells = 1 << 20

// errTooMany tells Draw to leave the view blank (see MaxDrawTiles).
var errTooMany = errors.New("too many tiles")

// fetchWorkers is how many tiles are read and decoded at once.
const fetchWorkers = 4

// Draw paints the basemap under a map view onto dst, compositing over
// what dst holds with the given opacity (clamped to 0..1). Pixel (i, j) of
// the view is dst pixel dst.Rect.Min+(i, j); dst.Bounds() is normally the
// view's pixel size, and only the overlap of the two is painted.
//
// Web Mercator tiles are resampled (bilinear) into the view's projection
// from the zoom level whose resolution is the first at least as fine as
// the view's, clamped to the source's zooms (above its maximum the tiles
// are upsampled). Each needed tile is read once and kept in a shared LRU
// cache; missing tiles and areas outside the source's bounds or beyond
// ±85.05° latitude leave pixels untouched. Draw returns v.Valid()'s error
// for a bad view, ctx.Err() when cancelled (dst then holds a partial
// picture), and otherwise the first tile error (an *Error) after painting
// every tile it could.
func Draw(ctx context.Context, dst *image.RGBA, v render.View, src Source, opacity float64) error {
	if err := v.Valid(); err != nil {
		return err
	}
	if dst == nil || src == nil || !(opacity > 0) {
		return nil
	}
	opacity = min(opacity, 1)
	w, h := min(v.Width, dst.Rect.Dx()), min(v.Height, dst.Rect.Dy())
	if w <= 0 || h <= 0 {
		return nil
	}
	ts := DefaultTileSize
	if s, ok := src.(tileSizer); ok && s.TileSize() > 0 {
		ts = s.TileSize()
	}
	lo, hi := src.Zooms()
	lo, hi = clampZooms(lo, hi)
	z := chooseZoom(v.MetresPerPixel, v.Center[1], ts, lo, hi)
	p := newPlan(v, w, h, z, ts)
	if !p.clip(src) {
		return nil
	}
	if p.cols()*p.rows() > maxGridCells {
		return nil
	}
	tileErr, err := p.fetch(ctx, src)
	if err == errTooMany {
		return nil
	}
	if err != nil {
		return err
	}
	if err := p.paint(ctx, dst, opacity); err != nil {
		return err
	}
	return tileErr
}

// axis maps one view column (or row) to the two tile pixels a bilinear
// sample blends: grid cell g0 at offset o0 and g1 at o1, weight f/256 on the
// second. skip marks a column or row outside the world.
type axis struct {
	g0, g1 int32
	o0, o1 int32
	f      int32
	skip   bool
}

// plan is one Draw: per-column and per-row sampling and the tile grid.
type plan struct {
	z, ts  int
	n      int // tiles per world edge
	u0, v0 int // unwrapped tile column and row of grid cell (0, 0)
	u1, v1 int // last ones, inclusive
	xs, ys []axis
	grid   [][]*image.RGBA // [row][col]
}

func newPlan(v render.View, w, h, z, ts int) *plan {
	p := &plan{z: z, ts: ts, n: 1 << z}
	world := float64(p.n) * float64(ts)
	// Unwrapped global pixel coordinates of the samples.
	kx := make([]float64, w)
	for i := range kx {
		kx[i] = mercX(v.ToLonLat(float64(i)+0.5, 0)[0])*world - 0.5
	}
	ky := make([]float64, h)
	rowIn := make([]bool, h)
	for j := range ky {
		lat := v.ToLonLat(0, float64(j)+0.5)[1]
		if math.Abs(lat) <= MaxMercatorLat {
			ky[j] = mercY(lat)*world - 0.5
			rowIn[j] = true
		}
	}
	// Tile range: x is unwrapped, y clamped to the world.
	u0 := int(math.Floor(kx[0] / float64(ts)))
	u1 := int(math.Floor((kx[w-1] + 1) / float64(ts)))
	p.u0, p.u1 = u0, u1
	p.v0, p.v1 = p.n, -1
	for j := range ky {
		if !rowIn[j] {
			continue
		}
		a, b := clampPix(math.Floor(ky[j]), world), clampPix(math.Floor(ky[j])+1, world)
		p.v0 = min(p.v0, a/ts)
		p.v1 = max(p.v1, b/ts)
	}
	p.xs = make([]axis, w)
	for i, k := range kx {
		f := math.Floor(k)
		a, b := int(f), int(f)+1
		p.xs[i] = axis{
			g0: int32(floorDiv(a, ts) - u0), o0: int32(floorMod(a, ts)),
			g1: int32(floorDiv(b, ts) - u0), o1: int32(floorMod(b, ts)),
			f: int32(math.Round((k - f) * 256)),
		}
	}
	p.ys = make([]axis, h)
	for j, k := range ky {
		if !rowIn[j] {
			p.ys[j].skip = true
			continue
		}
		f := math.Floor(k)
		a, b := clampPix(f, world), clampPix(f+1, world)
		p.ys[j] = axis{
			g0: int32(a/ts - p.v0), o0: int32(a % ts),
			g1: int32(b/ts - p.v0), o1: int32(b % ts),
			f: int32(math.Round((k - f) * 256)),
		}
	}
	return p
}

func clampPix(k, world float64) int { return int(min(max(k, 0), world-1)) }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

func (p *plan) cols() int { return max(p.u1-p.u0+1, 0) }
func (p *plan) rows() int { return max(p.v1-p.v0+1, 0) }

// clip reports whether any tile of the grid can hold data: the view must
// reach the world and the source's declared bounds.
func (p *plan) clip(src Source) bool {
	if p.v1 < p.v0 {
		return false
	}
	b, ok := src.Bounds()
	if !ok {
		return true
	}
	// Any of the unwrapped columns may show the bounds (views across the
	// antimeridian), so only rows are clipped here; columns are checked per
	// tile in inBounds.
	world := float64(p.n)
	top := int(math.Floor(mercY(min(b.Max[1], MaxMercatorLat)) * world))
	bottom := int(math.Floor(mercY(max(b.Min[1], -MaxMercatorLat)) * world))
	return top <= p.v1 && bottom >= p.v0
}

// inBounds reports whether wrapped tile column x and row y can hold data
// by the source's declared bounds.
func inBounds(b [2][2]int, has bool, x, y int) bool {
	return !has || x >= b[0][0] && x <= b[1][0] && y >= b[0][1] && y <= b[1][1]
}

// fetch fills the grid. It returns the first tile error separately from
// cancellation.
func (p *plan) fetch(ctx context.Context, src Source) (tileErr, err error) {
	cols, rows := p.cols(), p.rows()
	p.grid = make([][]*image.RGBA, rows)
	for r := range p.grid {
		p.grid[r] = make([]*image.RGBA, cols)
	}
	var tb [2][2]int
	bound, has := src.Bounds()
	if has {
		world := float64(p.n)
		tb[0][0] = int(math.Floor(mercX(bound.Min[0]) * world))
		tb[1][0] = min(int(math.Floor(mercX(bound.Max[0])*world)), p.n-1)
		tb[0][1] = int(math.Floor(mercY(min(bound.Max[1], MaxMercatorLat)) * world))
		tb[1][1] = min(int(math.Floor(mercY(max(bound.Min[1], -MaxMercatorLat))*world)), p.n-1)
	}
	useCache := cacheable(src)
	type job struct{ r, c, x, y int }
	var jobs []job
	inside := 0
	for r := range rows {
		for c := range cols {
			x, y := floorMod(p.u0+c, p.n), p.v0+r
			if !inBounds(tb, has, x, y) {
				continue
			}
			if inside++; inside > MaxDrawTiles {
				return nil, errTooMany
			}
			if useCache {
				if m, ok := tiles.l.get(tileKey{src, p.z, x, y}); ok {
					p.grid[r][c] = m
					continue
				}
			}
			jobs = append(jobs, job{r, c, x, y})
		}
	}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		next int
	)
	work := func() {
		defer wg.Done()
		for {
			mu.Lock()
			if next >= len(jobs) || err != nil {
				mu.Unlock()
				return
			}
			j := jobs[next]
			next++
			mu.Unlock()
			img, e := src.Tile(ctx, p.z, j.x, j.y)
			var m *image.RGBA
			switch {
			case e == nil && img != nil:
				m = fit(toRGBA(img), p.ts)
			case e == nil, errors.Is(e, ErrNoTile):
			case ctx.Err() != nil:
				mu.Lock()
				err = ctx.Err()
				mu.Unlock()
				return
			default:
				mu.Lock()
				if tileErr == nil {
					tileErr = e
				}
				mu.Unlock()
				continue
			}
			if useCache {
				tiles.l.put(tileKey{src, p.z, j.x, j.y}, m)
			}
			p.grid[j.r][j.c] = m // distinct cells: no lock needed
		}
	}
	nw := min(fetchWorkers, len(jobs))
	wg.Add(nw)
	for range nw {
		go work()
	}
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return tileErr, err
}

// paint samples the grid into dst, in horizontal bands in parallel.
func (p *plan) paint(ctx context.Context, dst *image.RGBA, opacity float64) error {
	op := uint32(math.Round(opacity * 256))
	h := len(p.ys)
	bands := min(runtime.GOMAXPROCS(0), 8, max(h/32, 1))
	var wg sync.WaitGroup
	wg.Add(bands)
	for b := range bands {
		go func() {
			defer wg.Done()
			j0, j1 := h*b/bands, h*(b+1)/bands
			for j := j0; j < j1; j++ {
				if (j-j0)%32 == 0 && ctx.Err() != nil {
					return
				}
				p.paintRow(dst, j, op)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// fit returns m as a ts×ts image, resampled (nearest) if the source
// gave a tile of another size, so that every grid tile has stride 4·ts.
func fit(m *image.RGBA, ts int) *image.RGBA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	if w == ts && h == ts && m.Stride == 4*ts {
		return m
	}
	out := image.NewRGBA(image.Rect(0, 0, ts, ts))
	for y := range ts {
		sy := y * h / ts
		for x := range ts {
			sx := x * w / ts
			copy(out.Pix[y*out.Stride+4*x:y*out.Stride+4*x+4], m.Pix[sy*m.Stride+4*sx:])
		}
	}
	return out
}

// paintRow samples row j of the view into dst.
func (p *plan) paintRow(dst *image.RGBA, j int, op uint32) {
	ya := p.ys[j]
	if ya.skip {
		return
	}
	row0, row1 := p.grid[ya.g0], p.grid[ya.g1]
	stride := 4 * p.ts
	ro0, ro1 := int(ya.o0)*stride, int(ya.o1)*stride
	fy := uint32(ya.f)
	start := dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y+j)
	d := dst.Pix[start : start+4*len(p.xs)]
	var zero [4]uint8
	for i := range p.xs {
		xa := &p.xs[i]
		t00, t10, t01, t11 := row0[xa.g0], row0[xa.g1], row1[xa.g0], row1[xa.g1]
		if t00 == nil && t10 == nil && t01 == nil && t11 == nil {
			continue
		}
		c0, c1 := int(xa.o0)*4, int(xa.o1)*4
		s00, s10, s01, s11 := zero[:], zero[:], zero[:], zero[:]
		if t00 != nil {
			s00 = t00.Pix[ro0+c0 : ro0+c0+4]
		}
		if t10 != nil {
			s10 = t10.Pix[ro0+c1 : ro0+c1+4]
		}
		if t01 != nil {
			s01 = t01.Pix[ro1+c0 : ro1+c0+4]
		}
		if t11 != nil {
			s11 = t11.Pix[ro1+c1 : ro1+c1+4]
		}
		fx := uint32(xa.f)
		w00, w10 := (256-fx)*(256-fy), fx*(256-fy)
		w01, w11 := (256-fx)*fy, fx*fy
		r := (w00*uint32(s00[0]) + w10*uint32(s10[0]) + w01*uint32(s01[0]) + w11*uint32(s11[0]) + 1<<15) >> 16
		g := (w00*uint32(s00[1]) + w10*uint32(s10[1]) + w01*uint32(s01[1]) + w11*uint32(s11[1]) + 1<<15) >> 16
		b := (w00*uint32(s00[2]) + w10*uint32(s10[2]) + w01*uint32(s01[2]) + w11*uint32(s11[2]) + 1<<15) >> 16
		a := (w00*uint32(s00[3]) + w10*uint32(s10[3]) + w01*uint32(s01[3]) + w11*uint32(s11[3]) + 1<<15) >> 16
		if op < 256 {
			r, g, b, a = (r*op+128)>>8, (g*op+128)>>8, (b*op+128)>>8, (a*op+128)>>8
		}
		if a == 0 {
			continue
		}
		px := d[i*4 : i*4+4 : i*4+4]
		if a >= 255 {
			px[0], px[1], px[2], px[3] = uint8(r), uint8(g), uint8(b), 255
			continue
		}
		k := 255 - a
		px[0] = uint8(r + (uint32(px[0])*k+127)/255)
		px[1] = uint8(g + (uint32(px[1])*k+127)/255)
		px[2] = uint8(b + (uint32(px[2])*k+127)/255)
		px[3] = uint8(a + (uint32(px[3])*k+127)/255)
	}
}
