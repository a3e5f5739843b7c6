package cli

import (
	"fmt"

	"minerehab/app"
	"minerehab/app/i18n"
)

// warnUnread prints, as one line on stderr, which features a map or plate
// left out because their stored geometry cannot be read; the output was
// still written, so the command still succeeds.
func warnUnread(e *env, cmd string, u *app.UnreadGeometries) {
	if msg := app.UnreadMessage(e.lang, u); msg != "" {
		fmt.Fprintln(e.stderr, "minerehab "+cmd+": "+e.t("badgeom.cli.warning", i18n.Args{"text": msg}))
	}
}
