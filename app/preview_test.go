package app

import (
	"context"
	"testing"
	"testing/fstest"

	"minerehab/models"
	"minerehab/sampledata"
)

func TestPreviewImport(t *testing.T) {
	ctx := context.Background()
	gk := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"矿山名称":"甲矿","类型":"矿界"},"geometry":{"type":"Polygon","coordinates":[[[36432100,4391200],[36432600,4391200],[36432600,4391700],[36432100,4391200]]]}},
{"type":"Feature","properties":{"name":"坏"},"geometry":{"type":"Polygon","coordinates":[[[36432100,4391200],[36432600,4391700],[36432600,4391200],[36432100,4391700],[36432100,4391200]]]}},
{"type":"Feature","properties":{"name":"点"},"geometry":{"type":"Point","coordinates":[36432100,4391200]}}
]}`
	fsys := fstest.MapFS{"gk.geojson": {Data: []byte(gk)}, "metres.geojson": {Data: []byte(`{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[432100,4391200]}}`)}}
	tests := []struct {
		name      string
		req       ImportRequest
		n         int
		wantCRS   string
		wantN     int
		wantMore  bool
		check     func(t *testing.T, p *ImportPreview)
		wantError string
	}{
		{name: "sample mines", req: ImportRequest{FS: sampledata.FS(), Files: []string{"mines.geojson"}, Layer: "auto"}, n: 5,
			wantCRS: "EPSG:4326", wantN: 5, wantMore: true, check: func(t *testing.T, p *ImportPreview) {
				for _, f := range p.Features {
					if f.Feature == nil || f.Feature.Layer != models.LayerMines || f.Feature.Attrs.Name == "" || f.Feature.AreaM2 <= 0 {
						t.Errorf("feature %d: %+v %v", f.Index, f.Feature, f.Err)
					}
				}
			}},
		{name: "GK with zone prefix, one bad", req: ImportRequest{FS: fsys, Files: []string{"gk.geojson"}, Layer: "auto"}, n: 10,
			wantCRS: "EPSG:4524", wantN: 3, check: func(t *testing.T, p *ImportPreview) {
				if p.File.CRSNote != "detected-gk-zone" || p.File.Zone != 36 {
					t.Errorf("crs note %q zone %d", p.File.CRSNote, p.File.Zone)
				}
				if f := p.Features[0].Feature; f == nil || f.Source == nil || f.Source.EPSG != 4524 {
					t.Errorf("first feature %+v", p.Features[0])
				}
				if p.Features[1].Err == nil || p.Features[1].Err.Code != "self-intersection" {
					t.Errorf("bow-tie: %+v", p.Features[1].Err)
				}
				if f := p.Features[2].Feature; f == nil || f.Layer != models.LayerFirePoints && f.Layer != models.LayerReference {
					t.Logf("point routed to %+v", p.Features[2])
				}
			}},
		{name: "metres without zone", req: ImportRequest{FS: fsys, Files: []string{"metres.geojson"}}, n: 10, wantError: "crs-needed"},
		{name: "explicit CRS", req: ImportRequest{FS: fsys, Files: []string{"metres.geojson"}, CRS: "EPSG:4545", Layer: models.LayerFirePoints}, n: 10,
			wantCRS: "EPSG:4545", wantN: 1},
		{name: "missing file", req: ImportRequest{FS: fsys, Files: []string{"nope.geojson"}}, n: 10, wantError: "open-failed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PreviewImport(ctx, tc.req, tc.n)
			if tc.wantError != "" {
				fe, ok := err.(*FileError)
				if !ok || fe.Code != tc.wantError {
					t.Fatalf("err %v, want %s", err, tc.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.File.CRS != tc.wantCRS || len(p.Features) != tc.wantN || p.More != tc.wantMore {
				t.Errorf("crs %s n %d more %v; want %s %d %v", p.File.CRS, len(p.Features), p.More, tc.wantCRS, tc.wantN, tc.wantMore)
			}
			if tc.check != nil {
				tc.check(t, p)
			}
		})
	}
}
