package assets

import "embed"

// Plates holds the built-in plate templates (plates/<name>.json): which
// layers a plate shows, its grid, inset, table and symbology variant.
// minerehab/app reads them; a user's edited copy is the same JSON.
//
//go:embed plates/*.json
var Plates embed.FS
