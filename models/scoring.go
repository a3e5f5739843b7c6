package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// ScoringSheet is a versioned green-mine evaluation rule set, loaded from a
// data file (assets/scoring/*.json). Every number says whether it is
// confirmed against the issuing document; unknown maxima are null.
type ScoringSheet struct {
	ID         string            `json:"id"`
	Title      map[string]string `json:"title"`
	Issued     Date              `json:"issued"`
	Source     string            `json:"source,omitempty"`
	Total      Value             `json:"total"`
	Pass       Value             `json:"pass"`
	MinShare   Value             `json:"indicator_min_share"` // each first-level score ≥ share × its max
	Indicators []Indicator       `json:"indicators"`
}

// Indicator is a first-level indicator; Max is nil when the value is unknown.
type Indicator struct {
	ID   string            `json:"id"`
	Name map[string]string `json:"name"`
	Max  *Value            `json:"max"`
}

// Value is a number and whether it is confirmed.
type Value struct {
	Value     float64 `json:"value"`
	Confirmed bool    `json:"confirmed"`
	Note      string  `json:"note,omitempty"`
}

// ParseScoringSheet reads a sheet and checks that it holds together: an id,
// a positive total, a pass mark within it, a share in (0, 1], unique
// indicator ids, non-negative maxima summing to no more than the total (to
// exactly the total when every maximum is known). Errors are *PlanError
// with code CodeBadScoring.
func ParseScoringSheet(b []byte) (*ScoringSheet, error) {
	bad := func(format string, args ...any) (*ScoringSheet, error) {
		return nil, &PlanError{Code: CodeBadScoring, Detail: fmt.Sprintf(format, args...)}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s ScoringSheet
	if err := dec.Decode(&s); err != nil {
		return bad("%v", err)
	}
	if dec.More() {
		return bad("trailing data after the sheet")
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case s.ID == "":
		return bad("no id")
	case !finite(s.Total.Value) || s.Total.Value <= 0:
		return bad("total %v is not positive", s.Total.Value)
	case !finite(s.Pass.Value) || s.Pass.Value < 0 || s.Pass.Value > s.Total.Value:
		return bad("pass mark %v is outside 0..%v", s.Pass.Value, s.Total.Value)
	case !finite(s.MinShare.Value) || s.MinShare.Value < 0 || s.MinShare.Value > 1:
		return bad("indicator share %v is outside 0..1", s.MinShare.Value)
	case len(s.Indicators) == 0:
		return bad("no indicators")
	}
	seen := map[string]bool{}
	sum, known := 0.0, true
	for _, in := range s.Indicators {
		if in.ID == "" || seen[in.ID] {
			return bad("indicator id %q is empty or repeated", in.ID)
		}
		seen[in.ID] = true
		if in.Max == nil {
			known = false
			continue
		}
		if !finite(in.Max.Value) || in.Max.Value < 0 {
			return bad("indicator %s: maximum %v is negative", in.ID, in.Max.Value)
		}
		sum += in.Max.Value
	}
	if sum > s.Total.Value+1e-9 {
		return bad("indicator maxima add up to %v, more than the total %v", sum, s.Total.Value)
	}
	if known && math.Abs(sum-s.Total.Value) > 1e-9 {
		return bad("indicator maxima add up to %v, not the total %v", sum, s.Total.Value)
	}
	return &s, nil
}

// Evaluation is the verdict of a sheet on a set of first-level scores.
type Evaluation struct {
	Total  float64 `json:"total"`
	Passed bool    `json:"passed"` // total ≥ pass and every checkable indicator ≥ its share
	// Short lists the indicators scored under share × max; Unchecked those
	// whose maximum the sheet does not know (the verdict then rests on the
	// total and the known ones only).
	Short     []string `json:"short,omitempty"`
	Unchecked []string `json:"unchecked,omitempty"`
	Errors    []string `json:"errors,omitempty"` // unknown ids, negative or over-max scores
}

// Evaluate applies the sheet to first-level scores keyed by indicator id.
func (s *ScoringSheet) Evaluate(scores map[string]float64) Evaluation {
	var ev Evaluation
	ids := map[string]*Indicator{}
	for i := range s.Indicators {
		ids[s.Indicators[i].ID] = &s.Indicators[i]
	}
	for id, v := range scores {
		in := ids[id]
		switch {
		case in == nil:
			ev.Errors = append(ev.Errors, "unknown indicator "+id)
		case math.IsNaN(v) || v < 0 || (in.Max != nil && v > in.Max.Value):
			ev.Errors = append(ev.Errors, fmt.Sprintf("score %v out of range for %s", v, id))
		default:
			ev.Total += v
		}
	}
	for _, in := range s.Indicators {
		if in.Max == nil {
			ev.Unchecked = append(ev.Unchecked, in.ID)
			continue
		}
		if scores[in.ID] < s.MinShare.Value*in.Max.Value {
			ev.Short = append(ev.Short, in.ID)
		}
	}
	ev.Passed = len(ev.Errors) == 0 && len(ev.Short) == 0 && ev.Total >= s.Pass.Value
	return ev
}
