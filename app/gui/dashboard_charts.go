package gui

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"minerehab/app"
	"minerehab/models"
)

// The dashboard's charts: small drawings of canvas lines, rectangles and
// texts (no chart library: three charts do not need one).

var (
	chartGreen  = color.NRGBA{0x2e, 0x9d, 0x4f, 0xff}
	chartGrey   = color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}
	chartRed    = color.NRGBA{0xd3, 0x2f, 0x2f, 0xff}
	chartOrange = color.NRGBA{0xef, 0x8f, 0x00, 0xff}
)

const chartW, chartH = 820, 200

// timeChart is the frame of a chart of counts over dates: axes, the first
// and last dates and 0 and maxY written, and the mappings to positions.
type timeChart struct {
	first, last models.Date
	maxY        int
	objs        []fyne.CanvasObject
}

func newTimeChart(first, last models.Date, maxY int) *timeChart {
	c := &timeChart{first: first, last: last, maxY: max(1, maxY)}
	axis := canvas.NewLine(chartGrey)
	axis.Position1, axis.Position2 = fyne.NewPos(40, chartH-20), fyne.NewPos(chartW-10, chartH-20)
	c.objs = append(c.objs, axis)
	for _, v := range []int{0, c.maxY} {
		c.text(fmt.Sprint(v), chartGrey, fyne.NewPos(4, c.y(v)-8))
	}
	return c
}

func (c *timeChart) x(d models.Date) float32 {
	span := float32(max(1, int(c.last-c.first)))
	return 40 + (chartW-50)*float32(d-c.first)/span
}

func (c *timeChart) y(v int) float32 { return chartH - 20 - (chartH-30)*float32(v)/float32(c.maxY) }

func (c *timeChart) text(s string, col color.Color, at fyne.Position) {
	t := canvas.NewText(s, col)
	t.TextSize = 11
	t.Move(at)
	c.objs = append(c.objs, t)
}

// series draws values over dates as a polyline.
func (c *timeChart) series(dates []models.Date, values []int, col color.Color) {
	for i := 1; i < len(dates); i++ {
		l := canvas.NewLine(col)
		l.StrokeWidth = 2
		l.Position1, l.Position2 = fyne.NewPos(c.x(dates[i-1]), c.y(values[i-1])), fyne.NewPos(c.x(dates[i]), c.y(values[i]))
		c.objs = append(c.objs, l)
	}
}

// finish writes the date labels and returns the drawing.
func (c *timeChart) finish(lastData models.Date) fyne.CanvasObject {
	for _, d := range []models.Date{c.first, lastData} {
		c.text(d.String(), chartGrey, fyne.NewPos(c.x(d)-30, chartH-16))
	}
	bg := canvas.NewRectangle(color.Transparent)
	bg.SetMinSize(fyne.NewSize(chartW, chartH))
	return container.NewStack(bg, container.NewWithoutLayout(c.objs...))
}

// newBurnUp draws the green count over time against the targets' required
// counts.
func newBurnUp(pts []models.SeriesPoint, targets []models.TargetProgress) fyne.CanvasObject {
	maxY := 1
	dates := make([]models.Date, len(pts))
	green, counted := make([]int, len(pts)), make([]int, len(pts))
	for i, p := range pts {
		maxY = max(maxY, p.Counted)
		dates[i], green[i], counted[i] = p.Date, p.Green, p.Counted
	}
	last := pts[len(pts)-1].Date
	for _, t := range targets {
		maxY = max(maxY, t.Required)
		last = max(last, t.Date)
	}
	c := newTimeChart(pts[0].Date, last, maxY)
	c.series(dates, counted, chartGrey)
	c.series(dates, green, chartGreen)
	for _, t := range targets {
		mk := canvas.NewCircle(chartRed)
		mk.Move(fyne.NewPos(c.x(t.Date)-5, c.y(t.Required)-5))
		mk.Resize(fyne.NewSize(10, 10))
		c.objs = append(c.objs, mk)
		c.text(fmt.Sprintf("%s %.1f%% = %d", t.Date, 100*t.Rate, t.Required), chartRed, fyne.NewPos(min(c.x(t.Date)-60, chartW-190), c.y(t.Required)-20))
	}
	return c.finish(pts[len(pts)-1].Date)
}

// newFireChart draws the burning fire points over time ("dynamic
// zeroing": the red line must reach 0) and those without a report for
// more than a day.
func newFireChart(pts []app.FirePoint) fyne.CanvasObject {
	maxY := 1
	dates := make([]models.Date, len(pts))
	active, stale := make([]int, len(pts)), make([]int, len(pts))
	for i, p := range pts {
		maxY = max(maxY, p.Active)
		dates[i], active[i], stale[i] = p.Date, p.Active, p.Stale
	}
	c := newTimeChart(pts[0].Date, pts[len(pts)-1].Date, maxY)
	c.series(dates, stale, chartOrange)
	c.series(dates, active, chartRed)
	end := pts[len(pts)-1]
	c.text(fmt.Sprint(end.Active), chartRed, fyne.NewPos(c.x(end.Date)+2, c.y(end.Active)-8))
	return c.finish(end.Date)
}

// newDistrictBars draws one bar per district: the counted mines in grey,
// the green ones over it in green, and a red tick where each target puts
// the green count it requires.
func newDistrictBars(names []string, label func(string) string, p *models.Progress) fyne.CanvasObject {
	const rowH, labelW, barW = 26, 110, 600
	maxV := 1
	for _, n := range names {
		dp := p.ByDistrict[n]
		maxV = max(maxV, dp.Counted)
		for _, t := range dp.Targets {
			maxV = max(maxV, t.Required)
		}
	}
	scale := func(v int) float32 { return barW * float32(v) / float32(maxV) }
	var objs []fyne.CanvasObject
	for i, n := range names {
		dp := p.ByDistrict[n]
		top := float32(i*rowH + 4)
		name := canvas.NewText(label(n), theme.Color(theme.ColorNameForeground))
		name.TextSize = 12
		name.Move(fyne.NewPos(0, top+2))
		counted := canvas.NewRectangle(color.NRGBA{0xd0, 0xd0, 0xd0, 0xff})
		counted.Move(fyne.NewPos(labelW, top))
		counted.Resize(fyne.NewSize(scale(dp.Counted), rowH-8))
		green := canvas.NewRectangle(chartGreen)
		green.Move(fyne.NewPos(labelW, top))
		green.Resize(fyne.NewSize(scale(dp.Green), rowH-8))
		objs = append(objs, name, counted, green)
		for _, t := range dp.Targets {
			tick := canvas.NewRectangle(chartRed)
			tick.Move(fyne.NewPos(labelW+scale(t.Required)-1, top-2))
			tick.Resize(fyne.NewSize(3, rowH-4))
			objs = append(objs, tick)
		}
		fig := canvas.NewText(fmt.Sprintf("%d / %d  %.1f%%", dp.Green, dp.Counted, 100*dp.Rate), chartGrey)
		fig.TextSize = 11
		fig.Move(fyne.NewPos(labelW+scale(max(dp.Counted, 1))+8, top+2))
		objs = append(objs, fig)
	}
	bg := canvas.NewRectangle(color.Transparent)
	bg.SetMinSize(fyne.NewSize(chartW, float32(len(names)*rowH+8)))
	return container.NewStack(bg, container.NewWithoutLayout(objs...))
}
