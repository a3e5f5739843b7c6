package render

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/flate"
)

// EncodePNG writes img to w as a PNG. An opaque *image.RGBA (a map) is
// written fast: 8-bit RGB, every row "Sub"-filtered, and the rows
// compressed in bands in parallel at flate.BestSpeed, the bands' streams
// joined with sync flushes into one zlib stream (as pigz does), each band
// filtering a few rows at a time into a small buffer (no copy of the
// whole picture) and checking on the way that they are opaque. The flate
// is klauspost's: at this level it compresses a map twice as fast as the
// standard library's (the medium overview, 1600×1000: 19 → 10 ms on two
// cores), the output 0.3 % bigger. Anything else goes through image/png
// at BestSpeed.
func EncodePNG(w io.Writer, img image.Image) error {
	if rgba, ok := img.(*image.RGBA); ok && rgba.Rect.Dx() > 0 && rgba.Rect.Dy() > 0 {
		if done, err := encodeRGB(w, rgba); done {
			return err
		}
	}
	return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
}

// bandRows is how many filtered rows a band compresses at a time.
const bandRows = 16

// encodeRGB writes m as an RGB PNG if it is opaque; done is false (and
// nothing written) if it is not.
func encodeRGB(w io.Writer, m *image.RGBA) (done bool, err error) {
	width, height := m.Rect.Dx(), m.Rect.Dy()
	rowLen := 1 + 3*width
	bands := max(1, min(runtime.GOMAXPROCS(0), height/64))
	type band struct {
		z     []byte // the band's deflate stream
		adler uint32 // of its filtered rows
		n     int64  // their length
		err   error
	}
	out := make([]band, bands)
	var translucent atomic.Bool
	var wg sync.WaitGroup
	for k := range bands {
		y0, y1 := height*k/bands, height*(k+1)/bands
		wg.Go(func() {
			b := &out[k]
			var buf bytes.Buffer
			buf.Grow((y1 - y0) * rowLen / 4) // a map compresses to about a fifth
			fw, err := flate.NewWriter(&buf, flate.BestSpeed)
			if err != nil {
				b.err = err
				return
			}
			sum := adler32.New()
			raw := make([]byte, bandRows*rowLen)
			for y := y0; y < y1 && !translucent.Load(); y += bandRows {
				n := min(bandRows, y1-y)
				for i := range n {
					if !filterSub(raw[i*rowLen:(i+1)*rowLen], m, y+i) {
						translucent.Store(true)
						return
					}
				}
				chunk := raw[:n*rowLen]
				sum.Write(chunk)
				if _, err := fw.Write(chunk); err != nil {
					b.err = err
					return
				}
				b.n += int64(len(chunk))
			}
			if k == bands-1 {
				b.err = fw.Close()
			} else {
				b.err = fw.Flush() // byte-aligned, not final
			}
			b.z, b.adler = buf.Bytes(), sum.Sum32()
		})
	}
	wg.Wait()
	if translucent.Load() {
		return false, nil
	}
	n := 2 + 4
	for _, b := range out {
		if b.err != nil {
			return true, b.err
		}
		n += len(b.z)
	}
	idat := make([]byte, 0, n)
	idat = append(idat, 0x78, 0x01)
	adler := uint32(1) // of nothing
	for _, b := range out {
		idat = append(idat, b.z...)
		adler = adler32Combine(adler, b.adler, b.n)
	}
	idat = binary.BigEndian.AppendUint32(idat, adler)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB; compression, filter, interlace 0
	if _, err := io.WriteString(w, "\x89PNG\r\n\x1a\n"); err != nil {
		return true, err
	}
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr[:]}, {"IDAT", idat}, {"IEND", nil}} {
		if err := writeChunk(w, c.typ, c.data); err != nil {
			return true, err
		}
	}
	return true, nil
}

// adler32Combine is the Adler-32 sum of a's data followed by b's, b's
// being n bytes long (zlib's adler32_combine).
func adler32Combine(a, b uint32, n int64) uint32 {
	const base = 65521
	rem := uint32(n % base)
	sum1 := a & 0xffff
	sum2 := rem * sum1 % base // < 65521², below 2³²
	sum1 += b&0xffff + base - 1
	sum2 += a>>16 + b>>16 + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

// filterSub writes row y of m into dst as filter type 1 (Sub) RGB bytes;
// it reports whether the row is opaque (dst is then complete).
func filterSub(dst []byte, m *image.RGBA, y int) bool {
	dst[0] = 1
	off := m.PixOffset(m.Rect.Min.X, m.Rect.Min.Y+y)
	src := m.Pix[off : off+4*m.Rect.Dx()]
	var pr, pg, pb byte
	alpha := byte(255)
	o := dst[1:]
	for x := 0; x+4 <= len(src); x += 4 {
		r, g, b := src[x], src[x+1], src[x+2]
		alpha &= src[x+3]
		i := 3 * (x / 4)
		o[i], o[i+1], o[i+2] = r-pr, g-pg, b-pb
		pr, pg, pb = r, g, b
	}
	return alpha == 255
}

func writeChunk(w io.Writer, typ string, data []byte) error {
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(data)))
	copy(hdr[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:])
	crc.Write(data)
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	_, err := w.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
	return err
}
