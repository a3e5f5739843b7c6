package cli

import (
	"context"
	"errors"
	"fmt"

	"minerehab/app"
	"minerehab/app/i18n"
	"minerehab/models"
)

// renderSurveys are the field-survey sites `render` draws over the map, as
// the window does by default. They are no layer (the window shows them
// whatever the layer panel hides, and hides them only for the session,
// from the survey list), so --layers leaves them drawn. A project that
// cannot keep surveys has none; one whose surveys cannot be read (a file
// older than surveys, opened read-only) is drawn without them, and the
// planner told, as a map without labels is.
func renderSurveys(ctx context.Context, e *env, st models.Store) []*models.Survey {
	ss, err := app.Surveys(ctx, st, "")
	if errors.Is(err, app.ErrNoSurveys) {
		return nil
	}
	if err != nil {
		fmt.Fprintln(e.stderr, "minerehab render: "+e.t("cli.render.no-surveys", i18n.Args{"detail": err.Error()}))
		return nil
	}
	return ss
}
