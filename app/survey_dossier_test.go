package app

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"minerehab/app/i18n"
	"minerehab/gis/pdf"
	"minerehab/models"
	"minerehab/models/store"
)

// fieldPhoto is a w×h photo-like image: a sky-to-ground gradient with a
// dark band (a pit's face), so a rendered page shows it.
func fieldPhoto(w, h int, tint uint8) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{uint8(120 + 100*y/h), uint8(150 + 60*y/h), uint8(230 - 150*y/h), 255}
			if y > h/2 && y < h/2+h/8 {
				c = color.RGBA{70, 60, tint, 255}
			}
			c.R += uint8(x * 30 / w)
			img.Set(x, y, c)
		}
	}
	return img
}

func encodePhoto(tb testing.TB, img image.Image, format string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// The surveys of the dossier tests, on the bundled sample.
var (
	dossierPolygon = &models.Survey{
		Geometry: orb.Polygon{{{106.8850, 39.4880}, {106.8895, 39.4884}, {106.8902, 39.4912}, {106.8871, 39.4925}, {106.8846, 39.4906}, {106.8850, 39.4880}}},
		District: "海南区", SiteName: "格日勒温都尔北侧废弃采坑", Date: "2024-05-03", Surveyors: []string{"王立新", "赵敏"},
		Disturbance: models.DisturbBoth, DisturbedM2: 86250.5, Hazards: []models.Hazard{models.HazardUnstableSlope, models.HazardCombustion},
		LandCover: "裸地", Measures: "削坡减载，覆土 0.5 米，种植柠条、沙棘；坑底设截排水沟。", Reuse: "生态修复（林草地）", Priority: 1,
		Notes: strings.Repeat("东侧边坡高约 25 米，有新鲜崩落体；西北角见自燃冒烟点两处，需先灭火再削坡。", 3),
	}
	dossierPoint = &models.Survey{
		Geometry: orb.Point{106.9050, 39.4550}, District: "海南区", SiteName: "孟和毛都南小采坑", Date: "2024-05-04",
		Surveyors: []string{"王立新"}, Disturbance: models.DisturbPit, DisturbedM2: 1200, Hazards: []models.Hazard{models.HazardWater},
		LandCover: "其他草地", Priority: 3,
	}
	dossierOther = &models.Survey{
		Geometry: orb.Point{106.7594, 39.6042}, District: "乌达区", SiteName: "Site, \"quoted\"\nline two", Date: "2024-05-05",
		Disturbance: models.DisturbSubsidence, DisturbedM2: 5000,
	}
)

// dossierProject is the sample project with three surveys: a polygon
// site with three photos (EXIF time and position, EXIF time only, a PNG
// without EXIF), a point site without photos, and one in another district.
func dossierProject(tb testing.TB) (models.Store, []*models.Survey) {
	tb.Helper()
	st := sampleProject(tb)
	ctx := context.Background()
	var out []*models.Survey
	for _, s := range []*models.Survey{dossierPolygon, dossierPoint, dossierOther} {
		c := *s
		if err := SaveSurvey(ctx, st, &c); err != nil {
			tb.Fatal(err)
		}
		out = append(out, &c)
	}
	photos := []struct {
		name string
		data []byte
	}{
		{"DSC_0412.JPG", withEXIF(encodePhoto(tb, fieldPhoto(1600, 1200, 40), "jpeg"), "2024:05:03 10:22:11", true, 39.4899, 106.8869, binary.LittleEndian)},
		{"DSC_0413.JPG", withEXIF(encodePhoto(tb, fieldPhoto(900, 1200, 90), "jpeg"), "2024:05:03 10:31:40", false, 0, 0, binary.BigEndian)},
		{"坑底积水.png", encodePhoto(tb, fieldPhoto(640, 360, 160), "png")},
	}
	for _, p := range photos {
		if _, err := AddSurveyPhoto(ctx, st, out[0].UID, p.name, p.data, false); err != nil {
			tb.Fatal(err)
		}
	}
	return st, out
}

// keepDossier copies an output file to $MINEREHAB_KEEP_DOSSIER, to look at.
func keepDossier(tb testing.TB, path string) {
	if dir := os.Getenv("MINEREHAB_KEEP_DOSSIER"); dir != "" {
		data, err := os.ReadFile(path)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644)
		}
		if err != nil {
			tb.Log(err)
		}
	}
}

var pdfPages = regexp.MustCompile(`Pages:\s+(\d+)`)

func TestSurveyDossierPDF(t *testing.T) {
	plateFontOrSkip(t)
	st, ss := dossierProject(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		s     *models.Survey
		lang  i18n.Lang
		pages int
		want  []string
		lacks []string
	}{
		{"polygon-3-photos-zh", ss[0], i18n.ZH, 3, []string{"格日勒温都尔北侧废弃采坑", "调查图斑位置图", "海南区", "图例", "本次调查图斑", "比例尺",
			"调查编号", "扰动类型", "采坑及排土场", "扰动面积", "86,250 平方米", "8.63 公顷", "安全隐患", "边坡不稳定、煤层自燃", "现状地类", "裸地",
			"建议治理措施", "削坡减载", "再利用方向", "治理优先级", "一级", "王立新、赵敏", "面状图斑",
			"现场照片（3 张）", "DSC_0412.JPG", "2024-05-03 10:22:11", "北纬 39.489900", "距图斑中心", "DSC_0413.JPG", "坑底积水.png", "照片未记录",
			"第 1 页 共 3 页", "第 3 页 共 3 页"}, nil},
		{"point-no-photos-zh", ss[1], i18n.ZH, 2, []string{"孟和毛都南小采坑", "调查图斑位置图", "点位", "积水", "三级", "本次调查未附照片", "第 2 页 共 2 页"},
			[]string{"DSC_0412"}},
		{"polygon-3-photos-en", ss[0], i18n.EN, 3, []string{"Survey site 格日勒温都尔北侧废弃采坑", "Legend", "Surveyed site", "Survey id", "Disturbance",
			"pit and spoil heap", "unstable slope, spontaneous combustion", "Recommended measures", "Photos (3)", "Taken: 2024-05-03 10:22:11",
			"not in the photo", "m from the site centre"}, nil},
		{"point-no-photos-en", ss[1], i18n.EN, 2, []string{"孟和毛都南小采坑", "point (no outline drawn)", "standing water", "No photos were taken"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteSurveyDossier(ctx, st, tc.s.UID, tc.lang, &buf); err != nil {
				t.Fatal(SurveyMessage(tc.lang, err))
			}
			var again bytes.Buffer
			if err := WriteSurveyDossier(ctx, st, tc.s.UID, tc.lang, &again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("the same dossier twice gives different bytes")
			}
			path := writeTempFile(t, "dossier-"+tc.name+".pdf", buf.Bytes())
			keepDossier(t, path)
			info := popplerOrSkip(t, "pdfinfo", path)
			if m := pdfPages.FindStringSubmatch(info); m == nil || m[1] != strconv.Itoa(tc.pages) {
				t.Errorf("pdfinfo: want %d pages:\n%s", tc.pages, info)
			}
			// Page 1 is the plate, A4 landscape; the others A4 portrait.
			if p1 := popplerOrSkip(t, "pdfinfo", "-f", "1", "-l", "2", path); !strings.Contains(p1, "841.89 x 595.2") || !strings.Contains(p1, "595.28 x 841.89 pts") {
				t.Errorf("page sizes:\n%s", p1)
			}
			text := popplerOrSkip(t, "pdftotext", path, "-")
			// pdftotext joins lines and drops some spaces between
			// Chinese characters: compare without white space.
			squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
			flat := squeeze(text)
			for _, w := range tc.want {
				if !strings.Contains(flat, squeeze(w)) {
					t.Errorf("pdftotext lacks %q", w)
				}
			}
			for _, w := range tc.lacks {
				if strings.Contains(text, w) {
					t.Errorf("pdftotext has %q", w)
				}
			}
			dir := t.TempDir()
			popplerOrSkip(t, "pdftoppm", "-r", "40", "-png", path, filepath.Join(dir, "p"))
			pngs, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
			if len(pngs) != tc.pages {
				t.Fatalf("pdftoppm made %d pages", len(pngs))
			}
			// The site is drawn in its red on the plate.
			if n := countPNG(t, pngs[0], func(r, g, b uint8) bool { return r > 180 && g < 90 && b < 100 }); n < 20 {
				t.Errorf("plate: %d site-red pixels", n)
			}
			// The photos are painted: their sky blue shows on the photo pages.
			sky := 0
			for _, p := range pngs[1:] {
				sky += countPNG(t, p, func(r, g, b uint8) bool { return b > 180 && r < 170 && g > 140 && g < 200 })
			}
			if photos := tc.s == ss[0]; photos != (sky > 500) {
				t.Errorf("photos %v but %d sky pixels", photos, sky)
			}
		})
	}
}

// countPNG counts the pixels of a PNG file that match.
func countPNG(tb testing.TB, path string, match func(r, g, b uint8) bool) int {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if match(c.R, c.G, c.B) {
				n++
			}
		}
	}
	return n
}

func TestSurveyDossierErrors(t *testing.T) {
	plateFontOrSkip(t)
	st, _ := dossierProject(t)
	ctx := context.Background()
	var se *models.SurveyError
	if err := WriteSurveyDossier(ctx, st, "no-such-survey", i18n.EN, &bytes.Buffer{}); !errors.As(err, &se) || se.Code != models.CodeSurveyNotFound {
		t.Errorf("unknown uid: %v", err)
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		district, code, msg string
	}{
		{"海勃湾区", CodeDossierNoSurveys, "district “海勃湾区” has no survey records"},
		{"北京市", CodeDossierNoSurveys, "district “北京市” has no survey records"},
	} {
		files, err := WriteDistrictDossiers(ctx, st, tc.district, i18n.EN, filepath.Join(dir, "out"))
		if !errors.As(err, &se) || se.Code != tc.code || len(files) != 0 {
			t.Errorf("%s: %v %v", tc.district, files, err)
		}
		if got := Message(i18n.EN, err); got != tc.msg {
			t.Errorf("%s: message %q", tc.district, got)
		}
		if got := Message(i18n.ZH, err); !strings.Contains(got, "没有调查记录") {
			t.Errorf("%s: zh message %q", tc.district, got)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Errorf("a district without surveys made its directory: %v", err)
	}
	empty, err := store.Create(filepath.Join(t.TempDir(), "e.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	_, err = WriteDistrictDossiers(ctx, empty, "", i18n.ZH, dir)
	if !errors.As(err, &se) || se.Code != CodeDossierProjectNoSurveys || Message(i18n.ZH, err) != "项目中还没有调查记录" {
		t.Errorf("empty project: %v", err)
	}
	// A cancelled run stops and leaves no partial file behind.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if files, err := WriteDistrictDossiers(cctx, st, "海南区", i18n.ZH, dir); !errors.Is(err, context.Canceled) || len(files) != 0 {
		t.Errorf("cancelled: %v %v", files, err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("cancelled run left %d files", len(left))
	}
}

func TestWriteDistrictDossiers(t *testing.T) {
	plateFontOrSkip(t)
	st, ss := dossierProject(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "海南区 档案")
	files, err := WriteDistrictDossiers(ctx, st, "海南区", i18n.ZH, dir)
	if err != nil {
		t.Fatal(err)
	}
	// By site name in pinyin order: 格 (gé) before 孟 (mèng).
	want := []string{filepath.Join(dir, DossierFileName(ss[0])), filepath.Join(dir, DossierFileName(ss[1]))}
	if len(files) != 2 || files[0] != want[0] || files[1] != want[1] {
		t.Fatalf("files %v, want %v", files, want)
	}
	if !strings.HasPrefix(filepath.Base(files[1]), "海南区_孟和毛都南小采坑_") {
		t.Errorf("file name %s", files[1])
	}
	for i, f := range files {
		text := popplerOrSkip(t, "pdftotext", f, "-")
		if !strings.Contains(text, ss[i].SiteName) || !strings.Contains(text, ss[i].UID) {
			t.Errorf("%s lacks its site or id", f)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d files in the directory (temporary files left?)", len(entries))
	}
	// Every survey: the other district's too; its awkward name is cleaned.
	all, err := WriteDistrictDossiers(ctx, st, "", i18n.EN, t.TempDir())
	if err != nil || len(all) != 3 {
		t.Fatalf("all: %v %v", all, err)
	}
	if b := filepath.Base(all[0]); strings.ContainsAny(b, "\"\n") || !strings.HasPrefix(b, "乌达区_Site, -quoted--line two_") {
		t.Errorf("cleaned name %q (English order: by code point, 乌 before 海)", b)
	}
}

func TestWrapText(t *testing.T) {
	f, err := PlateFont()
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		text string
		maxW float64
	}{
		{"削坡减载，覆土 0.5 米，种植柠条、沙棘；坑底设截排水沟。", 60},
		{"Regrade the slopes, cover with 0.5 m of soil and plant Caragana and sea buckthorn", 80},
		{"a\nb\r\n\nc", 100},
		{strings.Repeat("x", 300), 50},
		{"", 50},
	} {
		lines := wrapText(f, 9.5, tc.maxW, tc.text)
		joined := strings.Join(lines, "")
		norm := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if norm(joined) != norm(tc.text) {
			t.Errorf("%q: lines %q lose text", tc.text, lines)
		}
		for _, l := range lines {
			if w := pdf.TextWidth(f, 9.5, l); w > tc.maxW+0.01 {
				t.Errorf("%q: line %q is %.1f wide, max %.1f", tc.text, l, w, tc.maxW)
			}
		}
		if paras := strings.Count(strings.ReplaceAll(tc.text, "\r\n", "\n"), "\n") + 1; len(lines) < paras {
			t.Errorf("%q: %d lines for %d paragraphs", tc.text, len(lines), paras)
		}
	}
}

// A value longer than a page goes on over the next pages, its label
// marked as continued, and nothing of it is lost.
func TestSurveyDossierLongNotes(t *testing.T) {
	plateFontOrSkip(t)
	st := sampleProject(t)
	ctx := context.Background()
	s := *dossierPoint
	var notes []string
	for i := range 120 {
		notes = append(notes, "第"+strconv.Itoa(i+1)+"条：东侧边坡高约 25 米，有新鲜崩落体。")
	}
	s.Notes = strings.Join(notes, "\n")
	if err := SaveSurvey(ctx, st, &s); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSurveyDossier(ctx, st, s.UID, i18n.ZH, &buf); err != nil {
		t.Fatal(err)
	}
	path := writeTempFile(t, "long.pdf", buf.Bytes())
	keepDossier(t, path)
	text := strings.Join(strings.Fields(popplerOrSkip(t, "pdftotext", path, "-")), "")
	if !strings.Contains(text, "备注（续）") {
		t.Error("no continued label")
	}
	for _, n := range notes {
		if !strings.Contains(text, strings.Join(strings.Fields(n), "")) {
			t.Errorf("lost %q", n)
		}
	}
	// 120 lines of notes take more than the rest of page 2.
	if m := pdfPages.FindStringSubmatch(popplerOrSkip(t, "pdfinfo", path)); m == nil || m[1] != "4" {
		t.Errorf("pages %v, want 4", m)
	}
}

// A photo whose stored image is damaged is shown as a framed note; the
// dossier is still written.
func TestSurveyDossierDamagedPhoto(t *testing.T) {
	plateFontOrSkip(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.gpkg")
	st, err := CreateProject(path)
	if err != nil {
		t.Fatal(err)
	}
	s := *dossierPoint
	if err := SaveSurvey(ctx, st, &s); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"good.jpg", "bad.jpg"} {
		if _, err := AddSurveyPhoto(ctx, st, s.UID, name, encodePhoto(t, fieldPhoto(300, 200, 50), "jpeg"), false); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE mr_survey_photos SET image = x'FFD8FFE000' WHERE file_name = 'bad.jpg'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err = OpenProject(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	if err := WriteSurveyDossier(ctx, st, s.UID, i18n.EN, &buf); err != nil {
		t.Fatal(err)
	}
	text := popplerOrSkip(t, "pdftotext", writeTempFile(t, "d.pdf", buf.Bytes()), "-")
	if strings.Count(text, "photo cannot be read") != 1 || !strings.Contains(text, "good.jpg") || !strings.Contains(text, "bad.jpg") {
		t.Errorf("pdftotext:\n%s", text)
	}
}
