package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Field surveys of historical abandoned mines (历史遗留无主矿山): one
// record per surveyed site, kept in the project and exchanged with the
// consultants in survey packages (a project file holding one district's
// surveys), merged back by the survey's stable UID.

// Disturbance is the kind of ground disturbance found.
type Disturbance string

// Disturbance kinds.
const (
	DisturbPit        Disturbance = "pit"
	DisturbHeap       Disturbance = "heap"
	DisturbBoth       Disturbance = "both"
	DisturbSubsidence Disturbance = "subsidence"
	DisturbOther      Disturbance = "other"
)

// Disturbances lists every disturbance kind in display order.
var Disturbances = []Disturbance{DisturbPit, DisturbHeap, DisturbBoth, DisturbSubsidence, DisturbOther}

// Hazard is a hazard observed on site.
type Hazard string

// Hazards observed.
const (
	HazardUnstableSlope Hazard = "unstable_slope"
	HazardCombustion    Hazard = "spontaneous_combustion"
	HazardDust          Hazard = "dust"
	HazardWater         Hazard = "water"
)

// Hazards lists every hazard in display order.
var Hazards = []Hazard{HazardUnstableSlope, HazardCombustion, HazardDust, HazardWater}

// Survey is one field survey record.
type Survey struct {
	UID         string       `json:"uid"` // random UUID, stable across packages
	Geometry    orb.Geometry `json:"-"`   // the site: a point or a polygon, lon/lat
	District    string       `json:"district"`
	SiteName    string       `json:"site_name"`
	Date        string       `json:"survey_date"` // YYYY-MM-DD
	Surveyors   []string     `json:"surveyors"`
	Disturbance Disturbance  `json:"disturbance"`
	DisturbedM2 float64      `json:"disturbed_m2"`
	Hazards     []Hazard     `json:"hazards"`
	LandCover   string       `json:"land_cover"`
	Measures    string       `json:"measures"`
	Reuse       string       `json:"reuse"`
	Priority    int          `json:"priority"` // 1 (highest) to 3; 0 unset
	Notes       string       `json:"notes"`
	UpdatedAt   time.Time    `json:"updated_at"`
}

// Validate checks a record before it is stored.
func (s *Survey) Validate() error {
	bad := func(field, value string) error {
		return &SurveyError{Code: CodeSurveyBadField, Field: field, Value: value}
	}
	switch g := s.Geometry.(type) {
	case orb.Point:
		if !finitePoint(g) {
			return bad("geometry", fmt.Sprint(g))
		}
	case orb.Polygon:
		if len(g) == 0 || len(g[0]) < 4 || !finitePoint(g.Bound().Min) || !finitePoint(g.Bound().Max) {
			return bad("geometry", "polygon")
		}
	case orb.MultiPolygon:
		if len(g) == 0 || len(g[0]) == 0 || len(g[0][0]) < 4 || !finitePoint(g.Bound().Min) || !finitePoint(g.Bound().Max) {
			return bad("geometry", "polygon")
		}
	default:
		return bad("geometry", fmt.Sprintf("%T", s.Geometry))
	}
	if s.Date != "" {
		if _, err := time.Parse("2006-01-02", s.Date); err != nil {
			return bad("survey_date", s.Date)
		}
	}
	if s.Disturbance != "" && !slices.Contains(Disturbances, s.Disturbance) {
		return bad("disturbance", string(s.Disturbance))
	}
	for _, h := range s.Hazards {
		if !slices.Contains(Hazards, h) {
			return bad("hazards", string(h))
		}
	}
	if math.IsNaN(s.DisturbedM2) || math.IsInf(s.DisturbedM2, 0) || s.DisturbedM2 < 0 {
		return bad("disturbed_m2", fmt.Sprint(s.DisturbedM2))
	}
	if s.Priority < 0 || s.Priority > 3 {
		return bad("priority", fmt.Sprint(s.Priority))
	}
	return nil
}

func finitePoint(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && math.Abs(p[0]) <= 180 && math.Abs(p[1]) <= 90
}

// ContentHash fingerprints what a surveyor records (everything but the UID
// and UpdatedAt), given the geometry's WKB: two records with the same
// hash say the same thing. Merging packages compares hashes.
func (s *Survey) ContentHash(wkb []byte) string {
	c := *s
	c.UID, c.UpdatedAt = "", time.Time{}
	c.Surveyors = append([]string(nil), s.Surveyors...)
	c.Hazards = append([]Hazard(nil), s.Hazards...)
	slices.Sort(c.Hazards)
	for i := range c.Surveyors {
		c.Surveyors[i] = strings.TrimSpace(c.Surveyors[i])
	}
	b, _ := json.Marshal(c)
	h := sha256.New()
	h.Write(b)
	h.Write(wkb)
	return hex.EncodeToString(h.Sum(nil))
}

// SurveyImport reports what merging a package did. Nothing is overwritten
// silently: a record both sides changed since the package left is a
// conflict, kept as it is until the planner decides.
type SurveyImport struct {
	Package   string           `json:"package"`
	Added     []string         `json:"added"`     // new records (UIDs)
	Updated   []string         `json:"updated"`   // changed only in the package: taken
	Unchanged []string         `json:"unchanged"` // the same on both sides
	KeptMine  []string         `json:"kept_mine"` // changed only here: kept
	Conflicts []SurveyConflict `json:"conflicts"` // changed on both sides
	Photos    int              `json:"photos"`    // photos added (photos only ever add)
}

// SurveyConflict is a record both sides changed: mine and theirs side by side.
type SurveyConflict struct {
	UID    string  `json:"uid"`
	Mine   *Survey `json:"mine"`
	Theirs *Survey `json:"theirs"`
}

// SurveyStore keeps survey records and exchanges packages; *store.Store
// implements it.
type SurveyStore interface {
	// PutSurvey adds s (a new UID when empty) or replaces the record with its UID.
	PutSurvey(ctx context.Context, s *Survey) error
	Survey(ctx context.Context, uid string) (*Survey, error)
	// Surveys lists the records of a district ("" for all), by UID.
	Surveys(ctx context.Context, district string) ([]*Survey, error)
	DeleteSurvey(ctx context.Context, uid string) error
	// ExportSurveys writes a package (a new project file at path) with the
	// records of a district ("" for all) and returns how many.
	ExportSurveys(ctx context.Context, path, district string) (int, error)
	// ImportSurveys merges a package exported from this project.
	ImportSurveys(ctx context.Context, path string) (*SurveyImport, error)
	// SurveyConflicts lists the conflicts waiting for a decision.
	SurveyConflicts(ctx context.Context) ([]SurveyConflict, error)
	// ResolveSurveyConflict settles one: keep is the record to keep (mine,
	// theirs or a merge of both, with the conflict's UID).
	ResolveSurveyConflict(ctx context.Context, keep *Survey) error
}

// Survey error codes (SurveyError.Code).
const (
	CodeSurveyBadField     = "survey-bad-field"     // Field has an impossible Value
	CodeSurveyNotFound     = "survey-not-found"     // no record with that UID
	CodeSurveyNotPackage   = "survey-not-package"   // the file is not a survey package
	CodeSurveyOtherProject = "survey-other-project" // the package comes from another project
	CodeSurveyTooNew       = "survey-too-new"       // the package has a newer schema
	CodeSurveyNoConflict   = "survey-no-conflict"   // resolving a record not in conflict
	CodeSurveyExists       = "survey-exists"        // the package file already exists
)

// SurveyError is a survey operation that cannot be done.
type SurveyError struct {
	Code  string
	Field string
	Value string // the UID, file, field value concerned
	Err   error
}

func (e *SurveyError) Error() string {
	s := "survey: " + e.Code
	if e.Field != "" {
		s += " " + e.Field
	}
	if e.Value != "" {
		s += ": " + e.Value
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *SurveyError) Unwrap() error { return e.Err }
