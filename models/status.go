package models

import "strings"

// MineStatus is a mine's production status.
type MineStatus string

// Mine statuses (生产 / 停产 / 基建 / 关闭 / 无主).
const (
	StatusProducing    MineStatus = "producing"
	StatusSuspended    MineStatus = "suspended"
	StatusConstruction MineStatus = "construction"
	StatusClosed       MineStatus = "closed"
	StatusAbandoned    MineStatus = "abandoned"
)

var statusAliases = map[string]MineStatus{
	"生产": StatusProducing, "在产": StatusProducing, "正常生产": StatusProducing, "producing": StatusProducing, "production": StatusProducing,
	"停产": StatusSuspended, "停产整顿": StatusSuspended, "停产治理": StatusSuspended, "suspended": StatusSuspended,
	"基建": StatusConstruction, "在建": StatusConstruction, "construction": StatusConstruction,
	"关闭": StatusClosed, "闭坑": StatusClosed, "已关闭": StatusClosed, "闭坑治理中": StatusClosed, "closed": StatusClosed,
	"无主": StatusAbandoned, "废弃": StatusAbandoned, "历史遗留": StatusAbandoned, "abandoned": StatusAbandoned,
}

// ParseMineStatus maps a Chinese or English status value onto a MineStatus.
func ParseMineStatus(s string) (MineStatus, bool) {
	st, ok := statusAliases[strings.ToLower(strings.TrimSpace(s))]
	return st, ok
}

// MineStatuses lists every status in display order.
var MineStatuses = []MineStatus{StatusProducing, StatusSuspended, StatusConstruction, StatusClosed, StatusAbandoned}

// SiteKind is the kind of a disturbed site.
type SiteKind string

// Site kinds (排土场 / 采坑 / 煤矸石堆场 / 固废堆场 / 其他).
const (
	SiteSpoilHeap  SiteKind = "spoil_heap"
	SitePit        SiteKind = "pit"
	SiteGangueHeap SiteKind = "gangue_heap"
	SiteWasteYard  SiteKind = "waste_yard"
	SiteOther      SiteKind = "other"
)

var kindAliases = map[string]SiteKind{
	"spoil_heap": SiteSpoilHeap, "排土场": SiteSpoilHeap, "渣土场": SiteSpoilHeap, "土山": SiteSpoilHeap, "dump": SiteSpoilHeap,
	"pit": SitePit, "采坑": SitePit, "露天采坑": SitePit, "open_pit": SitePit,
	"gangue_heap": SiteGangueHeap, "煤矸石堆场": SiteGangueHeap, "矸石山": SiteGangueHeap, "矸石堆": SiteGangueHeap,
	"waste_yard": SiteWasteYard, "固废堆场": SiteWasteYard, "工业固废堆场": SiteWasteYard, "solid_waste_yard": SiteWasteYard,
	"other": SiteOther, "其他": SiteOther,
}

// ParseSiteKind maps a Chinese or English kind value onto a SiteKind.
func ParseSiteKind(s string) (SiteKind, bool) {
	k, ok := kindAliases[strings.ToLower(strings.TrimSpace(s))]
	return k, ok
}

// SiteKinds lists every site kind in display order.
var SiteKinds = []SiteKind{SiteSpoilHeap, SitePit, SiteGangueHeap, SiteWasteYard, SiteOther}
