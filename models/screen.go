package models

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Screening (policy section 十五): every mine, site (waste yards, spoil
// heaps, pits…) and fire point within a distance of the Yellow River and
// the Dusitu River, with its distance in metres.

// RiverRef selects river lines: the features of Layer, those whose name is
// Name ("" for every feature of the layer).
type RiverRef struct {
	Layer string `json:"layer"`
	Name  string `json:"name,omitempty"`
}

func (r RiverRef) String() string {
	if r.Name == "" {
		return r.Layer
	}
	return r.Layer + ":" + r.Name
}

// ParseRiverRef reads LAYER[:NAME] (the CLI's --rivers value).
func ParseRiverRef(s string) (RiverRef, error) {
	layer, name, _ := strings.Cut(strings.TrimSpace(s), ":")
	r := RiverRef{Layer: strings.TrimSpace(layer), Name: strings.TrimSpace(name)}
	if _, ok := LayerByName(r.Layer); !ok {
		return r, &ScreenError{Code: CodeScreenUnknownLayer, Detail: r.Layer}
	}
	return r, nil
}

// Screening defaults and limits.
const (
	DefaultScreenDistanceM = 3000.0
	// MaxScreenDistanceM bounds the distance: beyond 100 km a "band" along
	// a river no longer means anything, and Gauss-Kruger distances leave
	// their zone.
	MaxScreenDistanceM = 100_000.0
)

// DefaultRivers are the rivers of section 十五.
var DefaultRivers = []RiverRef{{LayerReference, "黄河"}, {LayerReference, "都思兔河"}}

// ScreenLayers are the layers screened by default: mines, sites (waste
// yards, spoil heaps, gangue heaps, pits) and fire points.
var ScreenLayers = []string{LayerMines, LayerSites, LayerFirePoints}

// ScreenParams are everything a screening depends on besides the data: a
// saved screening keeps them so it can be run again.
type ScreenParams struct {
	Rivers    []RiverRef `json:"rivers"`
	DistanceM float64    `json:"distance_m"`
	Layers    []string   `json:"layers"`
}

// WithDefaults fills empty river and layer lists with the defaults. The
// distance is left alone: 0 is a mistake Validate reports, not "default".
func (p ScreenParams) WithDefaults() ScreenParams {
	if len(p.Rivers) == 0 {
		p.Rivers = slices.Clone(DefaultRivers)
	}
	if len(p.Layers) == 0 {
		p.Layers = slices.Clone(ScreenLayers)
	}
	return p
}

// Validate checks the distance (0 < d ≤ MaxScreenDistanceM, finite) and
// the layer names.
func (p ScreenParams) Validate() error {
	d := p.DistanceM
	if math.IsNaN(d) || d <= 0 || d > MaxScreenDistanceM {
		return &ScreenError{Code: CodeScreenBadDistance, Detail: fmt.Sprint(d)}
	}
	if len(p.Rivers) == 0 {
		return &ScreenError{Code: CodeScreenNoRivers}
	}
	for _, r := range p.Rivers {
		if _, ok := LayerByName(r.Layer); !ok {
			return &ScreenError{Code: CodeScreenUnknownLayer, Detail: r.Layer}
		}
	}
	if len(p.Layers) == 0 {
		return &ScreenError{Code: CodeScreenUnknownLayer, Detail: "(none)"}
	}
	for _, l := range p.Layers {
		if _, ok := LayerByName(l); !ok {
			return &ScreenError{Code: CodeScreenUnknownLayer, Detail: l}
		}
	}
	return nil
}

// ScreenHit is one feature within the distance.
type ScreenHit struct {
	Layer     string   `json:"layer"`
	ID        int64    `json:"id"`
	Licence   string   `json:"licence"`
	Name      string   `json:"name"`
	Kind      SiteKind `json:"kind,omitempty"`
	District  string   `json:"district,omitempty"`
	DistanceM float64  `json:"distance_m"`
}

// RiverUsed is one river feature a screening measured against.
type RiverUsed struct {
	Layer string `json:"layer"`
	ID    int64  `json:"id"`
	Name  string `json:"name"`
}

// Screening is the result of a screening, saved or not.
type Screening struct {
	ID        int64        `json:"id,omitempty"` // 0 until saved
	Name      string       `json:"name,omitempty"`
	At        time.Time    `json:"at"`
	Params    ScreenParams `json:"params"`
	DistanceM float64      `json:"distance_m"`
	Rivers    []RiverUsed  `json:"rivers"`
	// RiversSHA256 fingerprints the river geometries measured against.
	RiversSHA256 string      `json:"rivers_sha256"`
	Hits         []ScreenHit `json:"hits"`
	// Candidates counts the features the spatial index proposed (within
	// the distance of a river chunk by their boxes): measured exactly, or
	// ruled out by their box alone when it lies certainly beyond the
	// distance (not saved).
	Candidates int `json:"candidates,omitempty"`
}

// SortHits orders hits by distance, then layer (in ScreenLayers order),
// then id: the same data always lists the same way.
func SortHits(h []ScreenHit) {
	slices.SortFunc(h, func(a, b ScreenHit) int {
		return cmp.Or(cmp.Compare(a.DistanceM, b.DistanceM), cmp.Compare(layerRank(a.Layer), layerRank(b.Layer)),
			cmp.Compare(a.Layer, b.Layer), cmp.Compare(a.ID, b.ID))
	})
}

func layerRank(l string) int {
	if i := slices.Index(ScreenLayers, l); i >= 0 {
		return i
	}
	return len(ScreenLayers)
}

// ScreeningInfo summarises a saved screening.
type ScreeningInfo struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	At        time.Time  `json:"at"`
	DistanceM float64    `json:"distance_m"`
	Rivers    []RiverRef `json:"rivers"`
	Hits      int        `json:"hit_count"`
}

// Screener runs and keeps screenings; *store.Store implements it.
type Screener interface {
	// Screen lists every feature of p.Layers within p.DistanceM of the
	// river lines p.Rivers selects, sorted (SortHits). p must have been
	// validated; defaults are not applied.
	Screen(ctx context.Context, p ScreenParams) (*Screening, error)
	// SaveScreening keeps s under name (unique) and sets s.ID, s.Name.
	SaveScreening(ctx context.Context, name string, s *Screening) error
	// Screenings lists the saved screenings, newest first.
	Screenings(ctx context.Context) ([]ScreeningInfo, error)
	// LoadScreening reads a saved screening by name.
	LoadScreening(ctx context.Context, name string) (*Screening, error)
	// DeleteScreening forgets a saved screening.
	DeleteScreening(ctx context.Context, name string) error
}

// Screening error codes (ScreenError.Code), stable for translations.
const (
	CodeScreenBadDistance  = "screen-bad-distance"  // ≤ 0, NaN or beyond MaxScreenDistanceM
	CodeScreenUnknownLayer = "screen-unknown-layer" // not a layer of the project
	CodeScreenNoRivers     = "screen-no-rivers"     // no feature matches the river selection
	CodeScreenNoLines      = "screen-no-lines"      // the selected features have no lines
	CodeScreenNotFound     = "screen-not-found"     // no saved screening of that name
	CodeScreenNameTaken    = "screen-name-taken"    // a saved screening has that name
	CodeScreenBadName      = "screen-bad-name"      // an empty name
	CodeScreenGeometry     = "screen-geometry"      // a feature could not be measured
)

// ScreenError is a screening that cannot be done; Code tells which case.
type ScreenError struct {
	Code   string
	Detail string // the distance, layer, river selection or name concerned
	Err    error
}

func (e *ScreenError) Error() string {
	s := "screening: " + e.Code
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *ScreenError) Unwrap() error { return e.Err }
