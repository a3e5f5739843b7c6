package app

import (
	"context"
	"testing"

	"minerehab/gis/render"
	"minerehab/models"
)

// TestMineTheme: the green theme's classes count what the progress figures
// count; the deadline theme marks exactly the mines with an overdue task;
// the drawing fills a green mine in the theme's green.
func TestMineTheme(t *testing.T) {
	ctx := context.Background()
	st := sampleProject(t)
	p, _ := PlanningOf(st)
	d := models.MustDate("2023-12-31")
	if err := SampleHistories(ctx, p, models.MustDate("2024-06-30")); err != nil {
		t.Fatal(err)
	}
	prog, err := ProgressOn(ctx, p, d)
	if err != nil {
		t.Fatal(err)
	}
	classes, err := MineThemeOn(ctx, st, ThemeGreen, d)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var greenID int64
	for id, c := range classes {
		count[c.Key]++
		if c.Key == "theme.green.green" {
			greenID = id
		}
	}
	if count["theme.green.green"] != prog.Green || count["theme.green.uncounted"] != len(classes)-prog.Counted {
		t.Errorf("green theme %v, progress green %d counted %d of %d", count, prog.Green, prog.Counted, len(classes))
	}
	dl, err := DeadlinesOn(ctx, p, d)
	if err != nil {
		t.Fatal(err)
	}
	overdue := map[int64]bool{}
	for _, it := range dl.Items {
		if it.MineID != 0 && it.Status == models.Overdue {
			overdue[it.MineID] = true
		}
	}
	dc, err := MineThemeOn(ctx, st, ThemeDeadline, d)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for id, c := range dc {
		if (c.Key == "theme.deadline.overdue") != overdue[id] {
			t.Errorf("mine %d: %s, overdue %v", id, c.Key, overdue[id])
		}
		if overdue[id] {
			n++
		}
	}
	if n == 0 {
		t.Error("the sample has no overdue mine: the test tests nothing")
	}
	// Draw the green mine alone and find the theme's green inside it.
	f, err := st.(models.EditStore).Feature(ctx, models.LayerMines, greenID)
	if err != nil {
		t.Fatal(err)
	}
	v := render.FitView(f.Geometry.Bound(), 200, 200, 10)
	img, err := RenderTheme(ctx, st, v, map[int64]ThemeClass{greenID: classes[greenID]}, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The mine fills the view (a mine need not cover the centre): most of
	// its painted pixels are the theme's green.
	painted, green := 0, 0
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			c := img.RGBAAt(x, y)
			if c.A == 0 {
				continue
			}
			painted++
			if c.G > c.R && c.G > c.B {
				green++
			}
		}
	}
	if painted < 2000 || green*10 < painted*9 {
		t.Errorf("the green mine painted %d pixels, %d of them green", painted, green)
	}
	if none, _ := MineThemeOn(ctx, st, ThemeNone, d); none != nil {
		t.Error("no theme gives classes")
	}
}
