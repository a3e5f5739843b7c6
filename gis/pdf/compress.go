package pdf

import (
	"bytes"
	"compress/zlib"
	"runtime"
	"sync"
)

// Content streams are compressed while they are drawn: once a page's
// content passes chunkSize, the chunk is deflated by a goroutine of its
// own into a stream of its own (a page's /Contents may be an array of
// streams, split between operators), so drawing and compression overlap
// and run on every core, and the page never holds its whole uncompressed
// content. The chunks are cut by size only, so the output does not depend
// on scheduling.
const chunkSize = 1 << 20

// compressLevel trades size for speed: on path data level 6 is within 1 %
// of level 9's size at a third of its time.
const compressLevel = 2

// zchunk is one compressed piece of a page's content.
type zchunk struct {
	done chan struct{}
	out  bytes.Buffer
}

// compressSlots bounds the chunks being compressed at once.
var compressSlots = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// chunkPool recycles chunk buffers.
var chunkPool = sync.Pool{New: func() any { b := make([]byte, 0, chunkSize+chunkSize/4); return &b }}

// flushChunk hands the page's buffered content to a compressing goroutine.
func (p *Page) flushChunk() {
	if p.doc.opt.NoCompress || p.buf.Len() == 0 {
		return
	}
	bp := chunkPool.Get().(*[]byte)
	b := append((*bp)[:0], p.buf.Bytes()...)
	p.buf.Reset()
	c := &zchunk{done: make(chan struct{})}
	p.chunks = append(p.chunks, c)
	compressSlots <- struct{}{}
	go func() {
		defer close(c.done)
		defer func() { <-compressSlots }()
		zw, _ := zlib.NewWriterLevel(&c.out, compressLevel)
		zw.Write(b)
		zw.Close()
		*bp = b[:0]
		chunkPool.Put(bp)
	}()
}

// compressed finishes the page's compression and returns its content
// streams, deflated; ok is false when the content never reached a chunk
// (the writer then compresses it whole). The result is kept, so a
// document can be written again; drawing on a page after its document was
// written is not supported.
func (p *Page) compressed(nozip bool) ([][]byte, bool) {
	if nozip || (len(p.chunks) == 0 && p.zdata == nil) {
		return nil, false
	}
	if p.buf.Len() > 0 {
		p.flushChunk()
	}
	for _, c := range p.chunks {
		<-c.done
		p.zdata = append(p.zdata, c.out.Bytes())
	}
	p.chunks = nil
	return p.zdata, true
}
