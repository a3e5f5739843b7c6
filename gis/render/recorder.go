package render

import "image/color"

// Recorder is a Canvas that keeps the calls made on it, to make them on
// another canvas later with Replay: the map places its labels (which read
// no pixels) while its features are still being drawn, and draws them
// over the features once those are done. Markers are recorded as their
// outlines (a replay draws each exactly, where drawing on a Raster
// directly may stamp a cached one). The zero Recorder is empty.
type Recorder struct {
	ops   []recorded
	paths []Path // copies of the paths passed (a Canvas must not keep p)
}

type opKind uint8

const (
	opFill opKind = iota
	opHatch
	opStroke
	opThin
	opText
)

type recorded struct {
	kind  opKind
	path  int // index into paths
	c     color.NRGBA
	width float64
	dash  []float64
	hatch Hatch
	x, y  float64
	text  string
	style *LabelStyle
}

func (r *Recorder) keep(p *Path) int {
	r.paths = append(r.paths, Path{})
	q := &r.paths[len(r.paths)-1]
	for i := range p.NumSubpaths() {
		pts, closed := p.Subpath(i)
		q.appendPts(pts, closed)
	}
	return len(r.paths) - 1
}

// FillPath implements Canvas.
func (r *Recorder) FillPath(p *Path, c color.NRGBA) {
	r.ops = append(r.ops, recorded{kind: opFill, path: r.keep(p), c: c})
}

// HatchPath implements Canvas.
func (r *Recorder) HatchPath(p *Path, h Hatch) {
	r.ops = append(r.ops, recorded{kind: opHatch, path: r.keep(p), hatch: h})
}

// StrokePath implements Canvas.
func (r *Recorder) StrokePath(p *Path, width float64, c color.NRGBA, dash []float64) {
	r.ops = append(r.ops, recorded{kind: opStroke, path: r.keep(p), c: c, width: width, dash: append([]float64(nil), dash...)})
}

// strokeThin implements thinStroker, so that a replay strokes thin
// outlines as drawing on the target directly would.
func (r *Recorder) strokeThin(p *Path, width float64, c color.NRGBA, dash []float64) {
	r.StrokePath(p, width, c, dash)
	r.ops[len(r.ops)-1].kind = opThin
}

// DrawText implements Canvas. The style is kept by pointer: it must not
// change before Replay.
func (r *Recorder) DrawText(x, y float64, text string, s *LabelStyle) {
	r.ops = append(r.ops, recorded{kind: opText, x: x, y: y, text: text, style: s})
}

// Replay makes the recorded calls on c, in the order they were made.
func (r *Recorder) Replay(c Canvas) {
	for i := range r.ops {
		op := &r.ops[i]
		switch op.kind {
		case opFill:
			c.FillPath(&r.paths[op.path], op.c)
		case opHatch:
			c.HatchPath(&r.paths[op.path], op.hatch)
		case opStroke:
			c.StrokePath(&r.paths[op.path], op.width, op.c, op.dash)
		case opThin:
			if ts, ok := c.(thinStroker); ok {
				ts.strokeThin(&r.paths[op.path], op.width, op.c, op.dash)
			} else {
				c.StrokePath(&r.paths[op.path], op.width, op.c, op.dash)
			}
		case opText:
			c.DrawText(op.x, op.y, op.text, op.style)
		}
	}
}
