package render

import (
	"image"
	"image/png"
	"io"
)

// EncodePNG writes img to w as a PNG with default compression.
func EncodePNG(w io.Writer, img image.Image) error {
	return png.Encode(w, img)
}
