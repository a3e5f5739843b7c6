package app

import (
	"context"

	"minerehab/models"
	"minerehab/sampledata"
)

// CreateSample creates a project at path (a file that must not exist yet)
// holding the bundled synthetic Wuhai sample: its layers, then the
// planning story (status and green-mine histories, plan units and progress
// up to today) so that the dashboard has something to show. onLayer, if
// not nil, hears of each layer as it is imported. The command line's
// `sample` and the window's first start both make it here, so they make
// the same project.
func CreateSample(ctx context.Context, path string, onLayer func(layer string, added int)) error {
	st, err := CreateProject(path)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range sampledata.Files() {
		req := ImportRequest{FS: sampledata.FS(), Files: []string{f.Name}, Layer: f.Layer}
		sum, err := Import(ctx, st, req, nil)
		if err != nil {
			return err
		}
		if onLayer != nil {
			onLayer(f.Layer, sum.Added)
		}
	}
	if p, err := PlanningOf(st); err == nil {
		if err := SampleHistories(ctx, p, models.Date(0)); err != nil {
			return err
		}
	}
	return st.Close()
}
