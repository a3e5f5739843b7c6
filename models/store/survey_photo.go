package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"minerehab/models"
)

var _ models.PhotoStore = (*Store)(nil)

// AddSurveyPhoto implements models.PhotoStore.
func (s *Store) AddSurveyPhoto(ctx context.Context, p *models.PhotoData) error {
	if len(p.Image) == 0 || len(p.Thumb) == 0 || p.Photo.Width <= 0 || p.Photo.Height <= 0 {
		return &models.SurveyError{Code: models.CodePhotoNotImage, Value: p.Photo.FileName}
	}
	return s.surveyTx(ctx, "add survey photo", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_surveys WHERE uid = ?`, p.Photo.SurveyUID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &models.SurveyError{Code: models.CodeSurveyNotFound, Value: p.Photo.SurveyUID}
		}
		if p.Photo.UID == "" {
			id, err := newUUID()
			if err != nil {
				return err
			}
			p.Photo.UID = id
		}
		sum := sha256.Sum256(p.Image)
		p.Photo.SHA256 = hex.EncodeToString(sum[:])
		if p.Photo.AddedAt.IsZero() {
			p.Photo.AddedAt = time.Now().UTC().Truncate(time.Millisecond)
		}
		return writePhoto(ctx, tx, p)
	})
}

func writePhoto(ctx context.Context, x execer, p *models.PhotoData) error {
	ph := &p.Photo
	var taken any
	if ph.TakenAt != nil {
		taken = ph.TakenAt.UTC().Format(timeFormat)
	}
	var lon, lat any
	if ph.Lon != nil && ph.Lat != nil {
		lon, lat = *ph.Lon, *ph.Lat
	}
	var orig any
	if p.Original != nil {
		orig = p.Original
	}
	_, err := x.ExecContext(ctx, `INSERT INTO mr_survey_photos (uid, survey_uid, file_name, mime, width, height, taken_at, lon, lat, sha256, image, thumb, original, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ph.UID, ph.SurveyUID, ph.FileName, ph.MIME, ph.Width, ph.Height, taken, lon, lat,
		ph.SHA256, p.Image, p.Thumb, orig, ph.AddedAt.UTC().Format(timeFormat))
	return err
}

const photoColumns = "uid, survey_uid, file_name, mime, width, height, taken_at, lon, lat, sha256, added_at"

func scanPhoto(sc rowScanner) (models.SurveyPhoto, error) {
	var (
		p        models.SurveyPhoto
		taken    sql.NullString
		lon, lat sql.NullFloat64
		added    string
	)
	if err := sc.Scan(&p.UID, &p.SurveyUID, &p.FileName, &p.MIME, &p.Width, &p.Height, &taken, &lon, &lat, &p.SHA256, &added); err != nil {
		return p, err
	}
	if taken.Valid {
		if t, err := time.Parse(timeFormat, taken.String); err == nil {
			p.TakenAt = &t
		}
	}
	if lon.Valid && lat.Valid {
		p.Lon, p.Lat = &lon.Float64, &lat.Float64
	}
	p.AddedAt, _ = time.Parse(timeFormat, added)
	return p, nil
}

// SurveyPhotos implements models.PhotoStore.
func (s *Store) SurveyPhotos(ctx context.Context, surveyUID string) ([]models.SurveyPhoto, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+photoColumns+` FROM mr_survey_photos WHERE survey_uid = ? ORDER BY added_at, uid`, surveyUID)
	if err != nil {
		return nil, classify("read survey photos from", s.path, err)
	}
	defer rows.Close()
	out := []models.SurveyPhoto{}
	for rows.Next() {
		p, err := scanPhoto(rows)
		if err != nil {
			return nil, classify("read survey photos from", s.path, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SurveyPhotoBytes implements models.PhotoStore.
func (s *Store) SurveyPhotoBytes(ctx context.Context, uid string, thumb bool) ([]byte, error) {
	col := "image"
	if thumb {
		col = "thumb"
	}
	var b []byte
	err := s.r.QueryRowContext(ctx, `SELECT `+col+` FROM mr_survey_photos WHERE uid = ?`, uid).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &models.SurveyError{Code: models.CodeSurveyNotFound, Value: uid}
	}
	if err != nil {
		return nil, classify("read survey photo from", s.path, err)
	}
	return b, nil
}

// copyPhotos copies the photos of the given surveys from src into tx
// (another project file), skipping photos tx already has.
func copyPhotos(ctx context.Context, src *Store, tx *sql.Tx, surveyUIDs []string) (int, error) {
	n := 0
	for _, su := range surveyUIDs {
		rows, err := src.r.QueryContext(ctx, `SELECT `+photoColumns+`, image, thumb, original FROM mr_survey_photos WHERE survey_uid = ?`, su)
		if err != nil {
			return n, err
		}
		var ps []*models.PhotoData
		for rows.Next() {
			var pd models.PhotoData
			var (
				taken    sql.NullString
				lon, lat sql.NullFloat64
				added    string
			)
			p := &pd.Photo
			if err := rows.Scan(&p.UID, &p.SurveyUID, &p.FileName, &p.MIME, &p.Width, &p.Height, &taken, &lon, &lat, &p.SHA256, &added,
				&pd.Image, &pd.Thumb, &pd.Original); err != nil {
				rows.Close()
				return n, err
			}
			if taken.Valid {
				if t, err := time.Parse(timeFormat, taken.String); err == nil {
					p.TakenAt = &t
				}
			}
			if lon.Valid && lat.Valid {
				p.Lon, p.Lat = &lon.Float64, &lat.Float64
			}
			p.AddedAt, _ = time.Parse(timeFormat, added)
			ps = append(ps, &pd)
		}
		rows.Close()
		for _, pd := range ps {
			var have int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mr_survey_photos WHERE uid = ?`, pd.Photo.UID).Scan(&have); err != nil {
				return n, err
			}
			if have > 0 {
				continue
			}
			if err := writePhoto(ctx, tx, pd); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
