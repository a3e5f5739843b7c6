package models

import "fmt"

// Codes of *PlanError, stable for callers and translations (the app layer
// turns each into a sentence: err.plan.<code> in assets/i18n/plan.*.json).
const (
	CodeBadDate         = "bad-date"          // not a date, or a day that does not exist
	CodeBadStatus       = "bad-status"        // not a mine status
	CodeBadGreenState   = "bad-green-state"   // not a green-mine state
	CodeBadGreenLevel   = "bad-green-level"   // not regional / national
	CodeBadRate         = "bad-rate"          // a target rate outside (0, 1]
	CodeBadCount        = "bad-count"         // a negative count
	CodeBadQuantity     = "bad-quantity"      // a negative or non-finite quantity, budget or score
	CodeOverPlanned     = "over-planned"      // progress beyond 100% of the planned quantity
	CodeBadMeasure      = "bad-measure"       // not a measure kind
	CodeBadReuse        = "bad-reuse"         // not a reuse mode
	CodeBadProblemState = "bad-problem-state" // not open / rectifying / closed
	CodeBadFireState    = "bad-fire-state"    // not burning / treating / extinguished / reignited
	CodeBadShare        = "bad-share"         // an overlap share outside (0, 1]
	CodeUnknownMine     = "unknown-mine"      // no mine with that licence (or fid)
	CodeAmbiguousMine   = "ambiguous-mine"    // several mines carry that licence
	CodeUnknownRecord   = "unknown-record"    // no record, target, zone, unit… with that id
	CodeBeforeLicence   = "before-licence"    // a record dated before the mine's licence was valid
	CodeEndBeforeStart  = "end-before-start"  // an end date before the start date
	CodeMissingField    = "missing-field"     // a required value is empty
	CodeDuplicate       = "duplicate"         // the same record twice
	CodeBadScoring      = "bad-scoring-sheet" // a scoring sheet file that does not parse or add up
	CodeBadEncoding     = "bad-encoding"      // a CSV that is not UTF-8 (GBK…)
	CodeBadHeader       = "bad-header"        // a CSV without the columns its kind needs
)

// PlanError is the typed error of planning data: what is wrong (Code), with
// which value, and where (a CSV row, a field). Row is 1-based counting the
// header as row 1, 0 when not from a file.
type PlanError struct {
	Code   string
	Field  string // the column or field, if known
	Value  string // the offending value, as given
	Row    int
	Detail string
}

func (e *PlanError) Error() string {
	s := "planning: " + e.Code
	if e.Row > 0 {
		s = fmt.Sprintf("planning: row %d: %s", e.Row, e.Code)
	}
	if e.Field != "" {
		s += " in " + e.Field
	}
	if e.Value != "" {
		s += fmt.Sprintf(" %q", e.Value)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}
