package pdf

import (
	goimage "image"
	"image/color"
	"strconv"
)

// image is an RGB image XObject of a document.
type pdfImage struct {
	w, h int
	rgb  []byte
}

// pageImage is an image a page uses, under its resource name.
type pageImage struct {
	name  string
	index int // in Document.images
}

// MaxImagePixels bounds the size of an image DrawImage accepts.
const MaxImagePixels = 1 << 26

// DrawImage paints img into the unit square transformed by the matrix
// [w 0 0 h x y]: with y up, the image fills the w×h box whose lower left
// corner is (x, y). Transparent pixels are composited onto white (images
// carry no alpha in this writer).
func (p *Page) DrawImage(img goimage.Image, x, y, w, h float64) error {
	b := img.Bounds()
	if b.Empty() || b.Dx()*b.Dy() > MaxImagePixels {
		return newError(CodeBadArgument, "image of %d×%d pixels outside 1..%d pixels", b.Dx(), b.Dy(), MaxImagePixels)
	}
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	for yy := b.Min.Y; yy < b.Max.Y; yy++ {
		for xx := b.Min.X; xx < b.Max.X; xx++ {
			c := color.NRGBAModel.Convert(img.At(xx, yy)).(color.NRGBA)
			a := uint32(c.A)
			over := func(v uint8) byte { return byte((uint32(v)*a + 255*(255-a) + 127) / 255) }
			rgb = append(rgb, over(c.R), over(c.G), over(c.B))
		}
	}
	d := p.doc
	d.images = append(d.images, &pdfImage{w: b.Dx(), h: b.Dy(), rgb: rgb})
	name := "Im" + strconv.Itoa(len(d.images)-1)
	p.images = append(p.images, pageImage{name: name, index: len(d.images) - 1})
	p.Save()
	p.Transform(w, 0, 0, h, x, y)
	p.op("/" + name + " Do")
	p.Restore()
	return nil
}
