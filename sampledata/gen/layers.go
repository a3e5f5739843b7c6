package main

import "fmt"

// layer is one output file.
type layer struct {
	Name     string // also the collection's "name" member
	Features []feature
}

// FileName is the layer's file name.
func (l layer) FileName() string { return l.Name + ".geojson" }

// build generates the whole sample, validates it and returns the layers in
// import order: mines, sites, fire_points, roads, reference.
func build() ([]layer, error) {
	ds := districts()
	ms, err := placeMines(ds)
	if err != nil {
		return nil, err
	}
	if err := assignAttributes(ms, ds); err != nil {
		return nil, err
	}
	if err := drawMines(ms); err != nil {
		return nil, err
	}
	ss, err := drawSites(ms)
	if err != nil {
		return nil, err
	}
	fs, err := drawFires(ss)
	if err != nil {
		return nil, err
	}
	rs, err := drawRoads(ms)
	if err != nil {
		return nil, err
	}
	if err := validate(ds, ms, ss, fs, rs); err != nil {
		return nil, err
	}
	return []layer{
		{"mines", mineFeatures(ms)},
		{"sites", siteFeatures(ss)},
		{"fire_points", fireFeatures(fs)},
		{"roads", roadFeatures(rs)},
		{"reference", referenceFeatures(ds)},
	}, nil
}

func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mineFeatures(ms []*mine) []feature {
	var out []feature
	for _, m := range ms {
		var g geometry = polygonG(m.Parts[0])
		if len(m.Parts) > 1 {
			g = multiPolygonG(m.Parts)
		}
		out = append(out, feature{
			ID:   fmt.Sprintf("mine-%03d", m.Idx+1),
			Geom: g,
			Props: []kv{
				{"矿山名称", m.Name},
				{"采矿许可证号", orNull(m.Licence)},
				{"行政区", m.D.Name},
				{"矿种", m.Mineral},
				{"开采方式", m.Method},
				{"生产状态", m.Status},
				{"绿色矿山", m.Green},
				{"绿色矿山级别", orNull(m.GreenLevel)},
				{"有效期起", orNull(m.ValidFrom)},
				{"有效期止", orNull(m.ValidTo)},
				{"三权不变", m.SanQuan},
				{"企业名称", orNull(m.Company)},
				{"feature_type", "mine_boundary"},
				{"数据说明", featureNote},
			},
		})
	}
	return out
}

func siteFeatures(ss []*site) []feature {
	var out []feature
	for _, s := range ss {
		props := []kv{
			{"名称", s.Name},
			{"类型", siteLabel[s.Kind]},
			{"feature_type", s.Kind},
			{"所属矿山", orNull(s.M.Licence)},
			{"所属矿山名称", s.M.Name},
			{"行政区", s.M.D.Name},
			{"方量_万m3", num{s.Volume, 1}},
		}
		if s.Kind == "pit" {
			props = append(props, kv{"深度_m", num{s.Depth, 1}})
		} else {
			props = append(props, kv{"高度_m", num{s.Height, 1}})
		}
		props = append(props, kv{"治理状态", s.State}, kv{"数据说明", featureNote})
		out = append(out, feature{ID: fmt.Sprintf("site-%03d", s.Idx+1), Geom: polygonG(polygon{s.Ring}), Props: props})
	}
	return out
}

func fireFeatures(fs []*firePoint) []feature {
	var out []feature
	for i, f := range fs {
		state := "已熄灭"
		if f.Burning {
			state = "燃烧中"
		}
		out = append(out, feature{
			ID:   fmt.Sprintf("fire-%03d", i+1),
			Geom: pointG(f.P),
			Props: []kv{
				{"编号", f.Code},
				{"feature_type", "fire_point"},
				{"状态", state},
				{"地表温度_C", num{f.TempC, 1}},
				{"发现日期", f.Found},
				{"所属矿山", orNull(f.S.M.Licence)},
				{"所属矿山名称", f.S.M.Name},
				{"所在场地", f.S.Name},
				{"行政区", f.S.M.D.Name},
				{"数据说明", featureNote},
			},
		})
	}
	return out
}

func roadFeatures(rs []*road) []feature {
	var out []feature
	for i, rd := range rs {
		var g geometry = lineG(rd.Lines[0])
		if len(rd.Lines) > 1 {
			g = multiLineG(rd.Lines)
		}
		out = append(out, feature{
			ID:   fmt.Sprintf("road-%03d", i+1),
			Geom: g,
			Props: []kv{
				{"名称", rd.M.Short + "运输道路"},
				{"feature_type", "haul_road"},
				{"路面", rd.Surface},
				{"所属矿山", orNull(rd.M.Licence)},
				{"所属矿山名称", rd.M.Name},
				{"行政区", rd.M.D.Name},
				{"数据说明", featureNote},
			},
		})
	}
	return out
}

const referenceNote = "合成数据，概略示意，非测绘成果"

func referenceFeatures(ds []*district) []feature {
	out := []feature{
		{ID: "ref-01", Geom: lineG(yellowRiver), Props: []kv{
			{"名称", "黄河"}, {"类型", "河流"}, {"feature_type", "river"}, {"数据说明", referenceNote},
		}},
		{ID: "ref-02", Geom: lineG(dusituRiver), Props: []kv{
			{"名称", "都思兔河"}, {"类型", "河流"}, {"feature_type", "river"}, {"数据说明", referenceNote},
		}},
		{ID: "ref-03", Geom: polygonG(polygon{reserveRing}), Props: []kv{
			{"名称", "西鄂尔多斯国家级自然保护区"}, {"类型", "自然保护区"}, {"feature_type", "reserve"},
			{"级别", "国家级"}, {"数据说明", referenceNote},
		}},
	}
	for i, d := range ds {
		out = append(out, feature{ID: fmt.Sprintf("ref-%02d", i+4), Geom: polygonG(polygon{d.Ring}), Props: []kv{
			{"名称", d.Name}, {"类型", "行政区"}, {"feature_type", "district"},
			{"行政区划代码", d.Code}, {"数据说明", referenceNote},
		}})
	}
	return out
}
