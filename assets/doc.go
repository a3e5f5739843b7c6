// Package assets embeds the files the program ships with: translations, one
// JSON catalogue per area and language (i18n/<area>.<lang>.json, e.g.
// cli.zh-CN.json, gui.en.json), and icons. It holds data only; lookup lives
// in minerehab/app/i18n.
package assets

import "embed"

// I18n holds the message catalogues: message key -> text, with {name} placeholders.
//
//go:embed i18n/*.json
var I18n embed.FS
