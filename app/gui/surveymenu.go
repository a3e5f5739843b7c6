package gui

import "fyne.io/fyne/v2"

// surveyMenuItem is Tools → Field survey: draw a survey area (polygon) or
// a survey point, each finishing in the survey form, and the survey list.
func (m *MainWindow) surveyMenuItem() *fyne.MenuItem {
	noMap := m.path == "" || m.busy
	area := fyne.NewMenuItem(m.t("surveyform.menu.area", nil), func() { m.startSurveyDraw(drawPolygon) })
	point := fyne.NewMenuItem(m.t("surveyform.menu.point", nil), func() { m.startSurveyDraw(drawPoint) })
	list := fyne.NewMenuItem(m.t("surveyform.menu.list", nil), m.showSurveyList)
	it := fyne.NewMenuItem(m.t("surveyform.menu.survey", nil), nil)
	it.ChildMenu = fyne.NewMenu("", area, point, fyne.NewMenuItemSeparator(), list)
	for _, x := range []*fyne.MenuItem{area, point, list, it} {
		x.Disabled = noMap
	}
	return it
}
