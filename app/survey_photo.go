package app

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"path/filepath"

	"golang.org/x/image/draw"

	"minerehab/models"
)

// Survey photos: JPEG or PNG, stored in the project downscaled to at most
// MaxPhotoSide pixels on the long side (the original kept only on request),
// with a JPEG thumbnail; EXIF time and GPS position are read when present.

// Photo limits.
const (
	MaxPhotoSide = 4096 // long side of the stored image, pixels
	ThumbSide    = 256  // long side of the thumbnail, pixels
	// MaxPhotoPixels is the largest image decoded at all (about 1 GB of
	// RGBA): beyond it a photo is refused rather than exhausting memory.
	MaxPhotoPixels = 250_000_000
	// MaxKeptBytes is the largest file stored as received (EXIF and all)
	// when it needs no downscaling; larger ones are re-encoded.
	MaxKeptBytes = 8 << 20
)

// PreparePhoto checks and converts a photo file for storing. A file that
// is not a JPEG or PNG is refused (CodePhotoNotImage), as is one too large
// to decode (CodePhotoTooLarge).
func PreparePhoto(surveyUID, fileName string, data []byte, keepOriginal bool) (*models.PhotoData, error) {
	name := filepath.Base(fileName)
	notImage := func(err error) error {
		return &models.SurveyError{Code: models.CodePhotoNotImage, Value: name, Err: err}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, notImage(err)
	}
	if format != "jpeg" && format != "png" {
		return nil, notImage(errors.New("format " + format))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, notImage(errors.New("no pixels"))
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels {
		return nil, &models.SurveyError{Code: models.CodePhotoTooLarge, Value: name}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, notImage(err)
	}
	pd := &models.PhotoData{Photo: models.SurveyPhoto{SurveyUID: surveyUID, FileName: name, MIME: "image/" + format}}
	if format == "jpeg" {
		ex := parseEXIF(data)
		pd.Photo.TakenAt, pd.Photo.Lon, pd.Photo.Lat = ex.TakenAt, ex.Lon, ex.Lat
	}
	b := img.Bounds()
	if max(b.Dx(), b.Dy()) <= MaxPhotoSide && len(data) <= MaxKeptBytes {
		pd.Image = data
		pd.Photo.Width, pd.Photo.Height = b.Dx(), b.Dy()
	} else {
		small := scaleTo(img, MaxPhotoSide)
		if pd.Image, err = encodeAs(format, small); err != nil {
			return nil, err
		}
		pd.Photo.Width, pd.Photo.Height = small.Bounds().Dx(), small.Bounds().Dy()
		if keepOriginal {
			pd.Original = data
		}
	}
	if pd.Thumb, err = encodeAs("jpeg", scaleTo(img, ThumbSide)); err != nil {
		return nil, err
	}
	return pd, nil
}

// scaleTo shrinks img so that its long side is at most side pixels.
func scaleTo(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if max(w, h) <= side {
		return img
	}
	if w >= h {
		w, h = side, max(1, h*side/w)
	} else {
		w, h = max(1, w*side/h), side
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

func encodeAs(format string, img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 88})
	}
	return buf.Bytes(), err
}

// AddSurveyPhoto prepares a photo file and stores it with its survey.
func AddSurveyPhoto(ctx context.Context, st models.Store, surveyUID, fileName string, data []byte, keepOriginal bool) (*models.SurveyPhoto, error) {
	ps, ok := st.(models.PhotoStore)
	if !ok {
		return nil, ErrNoSurveys
	}
	pd, err := PreparePhoto(surveyUID, fileName, data, keepOriginal)
	if err != nil {
		return nil, err
	}
	if err := ps.AddSurveyPhoto(ctx, pd); err != nil {
		return nil, err
	}
	return &pd.Photo, nil
}
