package app

import (
	"strings"

	"minerehab/app/i18n"
	"minerehab/models"
)

// MappingLines words a preview's property mapping in two lines: which
// source key filled each of our fields ("Name ← 矿山名称"; field names in
// l, keys as the file spells them), then the keys kept as plain
// attributes. A field filled from different keys in different features
// lists them all. The Chinese pair has no spaces: Fyne wraps at the last
// space, which would split a pair ("状态 ←" / "生产状态"), and Chinese
// wraps at any character anyway.
func MappingLines(l i18n.Lang, km models.KeyMapping) []string {
	var pairs []string
	for i := 0; i < len(km.Used); {
		f := km.Used[i].Field
		var keys []string
		for ; i < len(km.Used) && km.Used[i].Field == f; i++ {
			keys = append(keys, km.Used[i].Key)
		}
		pairs = append(pairs, i18n.T(l, "import.map.pair", i18n.Args{"field": i18n.T(l, "field."+string(f), nil),
			"keys": strings.Join(keys, i18n.T(l, "import.map.list_sep", nil))}))
	}
	used := i18n.T(l, "import.map.none", nil)
	if len(pairs) > 0 {
		used = i18n.T(l, "import.map.used", i18n.Args{"pairs": strings.Join(pairs, i18n.T(l, "import.map.sep", nil))})
	}
	kept := i18n.T(l, "import.map.kept_none", nil)
	if len(km.Kept) > 0 {
		kept = i18n.T(l, "import.map.kept", i18n.Args{"keys": strings.Join(km.Kept, i18n.T(l, "import.map.list_sep", nil))})
	}
	return []string{used, kept}
}

// RouteReason words why the automatic layer choice put a feature where it
// did, from models.Route's reason ("type:矿界", "kind:pit", "licence",
// "geometry"); "" is a feature imported into the layer the user chose.
func RouteReason(l i18n.Lang, reason string) string {
	kind, value, _ := strings.Cut(reason, ":")
	switch kind {
	case "":
		return i18n.T(l, "import.route.chosen", nil)
	case "type":
		return i18n.T(l, "import.route.type", i18n.Args{"value": value})
	case "kind":
		return i18n.T(l, "import.route.kind", i18n.Args{"kind": i18n.T(l, "value.kind."+value, nil)})
	case "licence", "geometry":
		return i18n.T(l, "import.route."+kind, nil)
	}
	return reason // a reason Route learnt later, shown as it is rather than hidden
}
