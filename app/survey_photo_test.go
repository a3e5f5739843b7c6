package app

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"minerehab/models"
)

// testJPEG is a w×h JPEG of a gradient.
func testJPEG(t testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y += 7 {
		for x := 0; x < w; x += 7 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withEXIF inserts an Exif APP1 segment after the JPEG's SOI: the time
// (DateTimeOriginal) and, when gps is true, the position, as a camera writes
// them (degrees, minutes, seconds as rationals; N/S, E/W references).
func withEXIF(jpg []byte, taken string, gps bool, lat, lon float64, bo binary.ByteOrder) []byte {
	var t bytes.Buffer
	w := func(v any) { binary.Write(&t, bo, v) }
	if bo == binary.LittleEndian {
		t.WriteString("II")
	} else {
		t.WriteString("MM")
	}
	w(uint16(42))
	w(uint32(8))
	// IFD0 at 8: 2 entries → 2+24+4 = 30 bytes; Exif IFD at 38 (1 entry: 18
	// bytes) ; GPS IFD at 56 (4 entries: 54 bytes); data from 110.
	const exifOff, gpsOff, data = 38, 56, 110
	entry := func(tag, typ uint16, count, val uint32) { w(tag); w(typ); w(count); w(val) }
	n := uint16(1)
	if gps {
		n = 2
	}
	w(n)
	entry(0x8769, 4, 1, exifOff)
	if gps {
		entry(0x8825, 4, 1, gpsOff)
	} else {
		entry(0, 0, 0, 0)
	}
	w(uint32(0))
	// Exif IFD: DateTimeOriginal, 20 bytes at data.
	w(uint16(1))
	entry(0x9003, 2, 20, data)
	w(uint32(0))
	// GPS IFD.
	w(uint16(4))
	ref := func(s string) uint32 {
		b := []byte{s[0], 0, 0, 0}
		return bo.Uint32(b)
	}
	ns, ew := "N", "E"
	if lat < 0 {
		ns = "S"
	}
	if lon < 0 {
		ew = "W"
	}
	entry(1, 2, 2, ref(ns))
	entry(2, 5, 3, data+20)
	entry(3, 2, 2, ref(ew))
	entry(4, 5, 3, data+44)
	w(uint32(0))
	for t.Len() < data {
		t.WriteByte(0)
	}
	ts := []byte(taken)
	t.Write(append(ts, make([]byte, 20-len(ts))...))
	dms := func(v float64) {
		v = math.Abs(v)
		d := math.Floor(v)
		m := math.Floor((v - d) * 60)
		s := ((v-d)*60 - m) * 60
		w(uint32(d))
		w(uint32(1))
		w(uint32(m))
		w(uint32(1))
		w(uint32(math.Round(s * 10000)))
		w(uint32(10000))
	}
	dms(lat)
	dms(lon)
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(jpg[2:])
	return out.Bytes()
}

func TestPreparePhoto(t *testing.T) {
	small := testJPEG(t, 640, 480)
	gpsLE := withEXIF(small, "2021:05:20 10:31:07", true, 39.512345, 106.823456, binary.LittleEndian)
	gpsBE := withEXIF(small, "2021:05:20 10:31:07", true, -39.5, -106.8, binary.BigEndian)
	noGPS := withEXIF(small, "2021:05:21 08:00:00", false, 0, 0, binary.LittleEndian)
	var pngBuf bytes.Buffer
	png.Encode(&pngBuf, image.NewGray(image.Rect(0, 0, 300, 200)))
	big := testJPEG(t, 5000, 3000)

	pd, err := PreparePhoto("s1", "/tmp/DSC_0001.JPG", gpsLE, false)
	if err != nil {
		t.Fatal(err)
	}
	if pd.Photo.Lat == nil || math.Abs(*pd.Photo.Lat-39.512345) > 1e-6 || math.Abs(*pd.Photo.Lon-106.823456) > 1e-6 ||
		pd.Photo.TakenAt == nil || pd.Photo.TakenAt.Format("2006-01-02 15:04:05") != "2021-05-20 10:31:07" {
		t.Errorf("EXIF: %+v", pd.Photo)
	}
	if pd.Photo.FileName != "DSC_0001.JPG" || pd.Photo.MIME != "image/jpeg" || !bytes.Equal(pd.Image, gpsLE) || pd.Original != nil {
		t.Errorf("small JPEG not stored as received: %+v", pd.Photo)
	}
	if pd, err := PreparePhoto("s1", "b.jpg", gpsBE, false); err != nil || pd.Photo.Lat == nil || *pd.Photo.Lat != -39.5 || *pd.Photo.Lon != -106.8 {
		t.Errorf("big-endian, south-west: %+v %v", pd, err)
	}
	if pd, err := PreparePhoto("s1", "c.jpg", noGPS, false); err != nil || pd.Photo.Lat != nil || pd.Photo.TakenAt == nil {
		t.Errorf("EXIF without GPS: %+v %v", pd.Photo, err)
	}
	if pd, err := PreparePhoto("s1", "d.jpg", small, false); err != nil || pd.Photo.Lat != nil || pd.Photo.TakenAt != nil {
		t.Errorf("no EXIF: %+v %v", pd.Photo, err)
	}
	if pd, err := PreparePhoto("s1", "e.png", pngBuf.Bytes(), false); err != nil || pd.Photo.MIME != "image/png" || pd.Photo.Width != 300 {
		t.Errorf("PNG: %+v %v", pd, err)
	}
	// A large photo is stored downscaled, the original only on request.
	pd, err = PreparePhoto("s1", "big.jpg", big, true)
	if err != nil {
		t.Fatal(err)
	}
	if pd.Photo.Width != MaxPhotoSide || pd.Photo.Height != 2457 || !bytes.Equal(pd.Original, big) {
		t.Errorf("big: %dx%d, original %d bytes", pd.Photo.Width, pd.Photo.Height, len(pd.Original))
	}
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(pd.Thumb)); err != nil || cfg.Width != ThumbSide {
		t.Errorf("thumbnail %+v %v", cfg, err)
	}
	// Not images, and an image too large to decode.
	var huge bytes.Buffer
	png.Encode(&huge, image.NewGray(image.Rect(0, 0, 1, 1)))
	hb := huge.Bytes()
	binary.BigEndian.PutUint32(hb[16:], 100000) // IHDR width
	binary.BigEndian.PutUint32(hb[20:], 100000) // IHDR height
	binary.BigEndian.PutUint32(hb[29:], crc32.ChecksumIEEE(hb[12:29]))
	for _, tc := range []struct {
		name string
		data []byte
		code string
	}{
		{"notes.txt", []byte("这不是照片"), models.CodePhotoNotImage},
		{"empty.jpg", nil, models.CodePhotoNotImage},
		{"truncated.jpg", small[:200], models.CodePhotoNotImage},
		{"huge.png", hb, models.CodePhotoTooLarge},
	} {
		_, err := PreparePhoto("s1", tc.name, tc.data, false)
		var se *models.SurveyError
		if !errors.As(err, &se) || se.Code != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
}

// Photos travel with their surveys in a package.
func TestSurveyPhotosInPackage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "p.gpkg")
	st, err := CreateProject(p)
	if err != nil {
		t.Fatal(err)
	}
	s := &models.Survey{Geometry: orb.Point{106.8, 39.5}, District: "海南区", SiteName: "甲"}
	if err := SaveSurvey(ctx, st, s); err != nil {
		t.Fatal(err)
	}
	jpg := withEXIF(testJPEG(t, 320, 240), "2021:05:20 10:31:07", true, 39.5, 106.8, binary.LittleEndian)
	ph, err := AddSurveyPhoto(ctx, st, s.UID, "a.jpg", jpg, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AddSurveyPhoto(ctx, st, "no-such-survey", "a.jpg", jpg, false); err == nil {
		t.Error("photo of a missing survey accepted")
	}
	pkg := filepath.Join(dir, "pkg.gpkg")
	if _, err := ExportSurveyPackage(ctx, st, pkg, ""); err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The consultant adds a photo in the package.
	ps, err := OpenProject(pkg, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := AddSurveyPhoto(ctx, ps, s.UID, "b.jpg", testJPEG(t, 100, 100), false); err != nil {
		t.Fatal(err)
	}
	ps.Close()
	st, err = OpenProject(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := ImportSurveyPackage(ctx, st, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Photos != 1 {
		t.Errorf("%d photos imported", rep.Photos)
	}
	photos, err := st.(models.PhotoStore).SurveyPhotos(ctx, s.UID)
	if err != nil || len(photos) != 2 {
		t.Fatalf("photos %+v %v", photos, err)
	}
	if photos[0].UID != ph.UID || photos[0].Lat == nil || photos[0].TakenAt == nil || photos[0].TakenAt.Before(time.Date(2021, 5, 19, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first photo %+v", photos[0])
	}
	img, err := st.(models.PhotoStore).SurveyPhotoBytes(ctx, ph.UID, false)
	if err != nil || !bytes.Equal(img, jpg) {
		t.Errorf("image bytes differ (%v)", err)
	}
}

func FuzzParseEXIF(f *testing.F) {
	small := testJPEG(f, 32, 32)
	f.Add(withEXIF(small, "2021:05:20 10:31:07", true, 39.5, 106.8, binary.LittleEndian))
	f.Add(withEXIF(small, "2021:05:20 10:31:07", true, -39.5, -106.8, binary.BigEndian))
	f.Add(withEXIF(small, "2021:05:20", false, 0, 0, binary.LittleEndian))
	f.Add(small)
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x08, 'E', 'x', 'i', 'f', 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		ex := parseEXIF(b)
		if ex.Lat != nil && (math.IsNaN(*ex.Lat) || math.Abs(*ex.Lat) > 90 || math.Abs(*ex.Lon) > 180) {
			t.Fatalf("position %g %g", *ex.Lat, *ex.Lon)
		}
	})
}
