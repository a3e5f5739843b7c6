package assets

import "embed"

// Scoring holds the green-mine scoring sheets, one versioned JSON rule set
// per file (scoring/<id>.json); parsing and evaluation live in
// minerehab/models (ParseScoringSheet).
//
//go:embed scoring/*.json
var Scoring embed.FS
