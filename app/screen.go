package app

import (
	"context"
	"errors"
	"fmt"
	"math"

	"minerehab/models"
)

// Yellow River screening (policy section 十五): the use cases behind
// `minerehab screen` and the window's screening panel.

// ErrNoScreening is returned when the project's store cannot screen (a
// store other than the GeoPackage one).
var ErrNoScreening = errors.New("this project store cannot screen")

func screener(st models.Store) (models.Screener, error) {
	sc, ok := st.(models.Screener)
	if !ok {
		return nil, ErrNoScreening
	}
	return sc, nil
}

// Screen lists every feature of p.Layers (default: mines, sites, fire
// points) within p.DistanceM metres of the river lines p.Rivers selects
// (default: the reference features named 黄河 and 都思兔河). The distance
// must be given: 0, negative, NaN or over 100 km is refused.
func Screen(ctx context.Context, st models.Store, p models.ScreenParams) (*models.Screening, error) {
	sc, err := screener(st)
	if err != nil {
		return nil, err
	}
	p = p.WithDefaults()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return sc.Screen(ctx, p)
}

// SaveScreening keeps a screening result under a unique name, dated.
func SaveScreening(ctx context.Context, st models.Store, name string, res *models.Screening) error {
	sc, err := screener(st)
	if err != nil {
		return err
	}
	return sc.SaveScreening(ctx, name, res)
}

// Screenings lists the saved screenings, newest first.
func Screenings(ctx context.Context, st models.Store) ([]models.ScreeningInfo, error) {
	sc, err := screener(st)
	if err != nil {
		return nil, err
	}
	return sc.Screenings(ctx)
}

// LoadScreening reads a saved screening.
func LoadScreening(ctx context.Context, st models.Store, name string) (*models.Screening, error) {
	sc, err := screener(st)
	if err != nil {
		return nil, err
	}
	return sc.LoadScreening(ctx, name)
}

// ScreenDiff compares a saved screening with the same screening run again
// on today's data.
type ScreenDiff struct {
	Saved *models.Screening `json:"saved"`
	Now   *models.Screening `json:"now"`
	// RiversChanged is true when the river features (or their geometry)
	// differ from those the saved screening measured against.
	RiversChanged bool `json:"rivers_changed"`
	// Added are hits today that the saved result did not have; Removed the
	// reverse; Moved are hits of both whose distance changed by more than
	// a centimetre (their feature was edited), with today's distance.
	Added   []models.ScreenHit `json:"added"`
	Removed []models.ScreenHit `json:"removed"`
	Moved   []models.ScreenHit `json:"moved"`
}

// Same reports whether the re-run reproduced the saved result.
func (d *ScreenDiff) Same() bool {
	return !d.RiversChanged && len(d.Added) == 0 && len(d.Removed) == 0 && len(d.Moved) == 0
}

// RerunScreening runs a saved screening's parameters again and compares.
func RerunScreening(ctx context.Context, st models.Store, name string) (*ScreenDiff, error) {
	saved, err := LoadScreening(ctx, st, name)
	if err != nil {
		return nil, err
	}
	now, err := Screen(ctx, st, saved.Params)
	if err != nil {
		return nil, err
	}
	d := &ScreenDiff{Saved: saved, Now: now, RiversChanged: saved.RiversSHA256 != now.RiversSHA256,
		Added: []models.ScreenHit{}, Removed: []models.ScreenHit{}, Moved: []models.ScreenHit{}}
	key := func(h models.ScreenHit) string { return fmt.Sprint(h.Layer, "/", h.ID) }
	old := map[string]models.ScreenHit{}
	for _, h := range saved.Hits {
		old[key(h)] = h
	}
	for _, h := range now.Hits {
		o, ok := old[key(h)]
		switch {
		case !ok:
			d.Added = append(d.Added, h)
		case math.Abs(o.DistanceM-h.DistanceM) > 0.01:
			d.Moved = append(d.Moved, h)
		}
		delete(old, key(h))
	}
	for _, h := range saved.Hits {
		if _, gone := old[key(h)]; gone {
			d.Removed = append(d.Removed, h)
		}
	}
	return d, nil
}
