package app

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"minerehab/models"
)

// TestSortByRiskOrder checks sortByRisk against the board's order written
// out as one comparison on the items themselves: overdue, then behind,
// then the rest; among overdue and behind the most days late first; then
// the nearest due, kind, id, and the order they came in. Random boards
// with many ties.
func TestSortByRiskOrder(t *testing.T) {
	statuses := []models.DeadlineStatus{models.Overdue, models.Behind, models.OnTrack, models.NotStarted}
	kinds := []string{"measure", "problem", "milestone", "fire"}
	lates := []int{0, 1, 2, 3, 1500, 40000}
	lefts := []int{-40000, -1064, -3, -2, -1, 0, 1, 2, 3, 400, 36500}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		items := make([]DeadlineItem, rng.IntN(60))
		for i := range items {
			items[i] = DeadlineItem{Kind: kinds[rng.IntN(len(kinds))], ID: int64(rng.IntN(5)), Status: statuses[rng.IntN(len(statuses))],
				DaysLate: lates[rng.IntN(len(lates))], DaysLeft: lefts[rng.IntN(len(lefts))], What: string(rune('a' + i))}
		}
		want := slices.Clone(items)
		slices.SortStableFunc(want, func(a, b DeadlineItem) int {
			if ra, rb := riskRank(a.Status), riskRank(b.Status); ra != rb {
				return cmp.Compare(ra, rb)
			}
			if riskRank(a.Status) < 2 && a.DaysLate != b.DaysLate {
				return cmp.Compare(b.DaysLate, a.DaysLate)
			}
			return cmp.Or(cmp.Compare(a.DaysLeft, b.DaysLeft), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
		})
		sortByRisk(items)
		if !slices.Equal(items, want) {
			t.Fatalf("order differs:\n got  %v\n want %v", items, want)
		}
	}
}
