package models

import (
	"context"
	"time"
)

// SurveyPhoto is a photo attached to a survey record. The image is stored
// in the project as JPEG or PNG, downscaled when larger than the limit the
// application sets; the original file is kept too only on request.
type SurveyPhoto struct {
	UID       string     `json:"uid"`
	SurveyUID string     `json:"survey_uid"`
	FileName  string     `json:"file_name"`
	MIME      string     `json:"mime"` // image/jpeg or image/png
	Width     int        `json:"width"`
	Height    int        `json:"height"`
	TakenAt   *time.Time `json:"taken_at,omitempty"` // EXIF DateTimeOriginal, when present
	Lon       *float64   `json:"lon,omitempty"`      // EXIF GPS position, when present
	Lat       *float64   `json:"lat,omitempty"`
	SHA256    string     `json:"sha256"` // of the stored image
	AddedAt   time.Time  `json:"added_at"`
}

// PhotoData is a photo ready to store: the metadata and the encoded bytes.
type PhotoData struct {
	Photo    SurveyPhoto
	Image    []byte // JPEG or PNG as stored
	Thumb    []byte // JPEG thumbnail
	Original []byte // the file as received; nil unless kept
}

// PhotoStore keeps survey photos; *store.Store implements it.
type PhotoStore interface {
	// AddSurveyPhoto stores a prepared photo of an existing survey and
	// sets p.Photo.UID and AddedAt.
	AddSurveyPhoto(ctx context.Context, p *PhotoData) error
	// SurveyPhotos lists a survey's photos (metadata only), oldest first.
	SurveyPhotos(ctx context.Context, surveyUID string) ([]SurveyPhoto, error)
	// SurveyPhotoBytes reads a photo's stored image, or its thumbnail.
	SurveyPhotoBytes(ctx context.Context, uid string, thumb bool) ([]byte, error)
}

// Photo error codes (SurveyError.Code).
const (
	CodePhotoNotImage = "photo-not-image" // not a JPEG or PNG the program can read
	CodePhotoTooLarge = "photo-too-large" // beyond the pixel limit even to downscale
)
