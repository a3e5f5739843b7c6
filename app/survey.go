package app

import (
	"context"
	"errors"

	"minerehab/models"
)

// Abandoned-mine field surveys: the use cases behind `minerehab survey`
// and the window's survey form.

// ErrNoSurveys is returned when the project's store cannot keep surveys.
var ErrNoSurveys = errors.New("this project store cannot keep surveys")

func surveyStore(st models.Store) (models.SurveyStore, error) {
	ss, ok := st.(models.SurveyStore)
	if !ok {
		return nil, ErrNoSurveys
	}
	return ss, nil
}

// SaveSurvey adds or updates a survey record (a new UID when it has none).
func SaveSurvey(ctx context.Context, st models.Store, s *models.Survey) error {
	ss, err := surveyStore(st)
	if err != nil {
		return err
	}
	return ss.PutSurvey(ctx, s)
}

// Surveys lists the survey records of a district ("" for all).
func Surveys(ctx context.Context, st models.Store, district string) ([]*models.Survey, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.Surveys(ctx, district)
}

// ExportSurveyPackage writes a survey package for one district ("" for
// all) to path, which must not exist, and returns the record count.
func ExportSurveyPackage(ctx context.Context, st models.Store, path, district string) (int, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return 0, err
	}
	return ss.ExportSurveys(ctx, path, district)
}

// ImportSurveyPackage merges a package back: new and changed records by
// UID; records both sides changed become conflicts for the planner
// (nothing is overwritten silently). A package from another project or
// with a newer schema is refused and the project left unchanged.
func ImportSurveyPackage(ctx context.Context, st models.Store, path string) (*models.SurveyImport, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.ImportSurveys(ctx, path)
}

// SurveyConflicts lists the records waiting for the planner: mine and
// theirs side by side.
func SurveyConflicts(ctx context.Context, st models.Store) ([]models.SurveyConflict, error) {
	ss, err := surveyStore(st)
	if err != nil {
		return nil, err
	}
	return ss.SurveyConflicts(ctx)
}

// ResolveSurveyConflict keeps one version (mine, theirs or a merge, with
// the conflict's UID) and closes the conflict.
func ResolveSurveyConflict(ctx context.Context, st models.Store, keep *models.Survey) error {
	ss, err := surveyStore(st)
	if err != nil {
		return err
	}
	return ss.ResolveSurveyConflict(ctx, keep)
}
