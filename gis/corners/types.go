package corners

// Point is one corner as written.
type Point struct {
	Name string // the point number as written (J1, 1, …); "" in bare X Y lists
	// X is the northing (metres) or latitude (degrees), Y the easting
	// (metres, with the zone prefix when written with one) or longitude,
	// after fixing a swap.
	X, Y float64
	// XText and YText are the numbers exactly as written (full-width
	// folded), in X, Y order after fixing a swap.
	XText, YText string
	Line         int // 1-based line of the point; 0 when built, not parsed
}

// Ring is one closed ring of a parcel: the last point repeats the first.
type Ring struct {
	No     int // the ring number (圈号) as written; 0 when the lines gave none
	Points []Point
}

// Header field names of a parcel header line, in their order in the
// layout ("界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,备注,@").
// Fields beyond these are named 字段9, 字段10, ….
const (
	FieldCount  = "界址点数"
	FieldArea   = "地块面积"
	FieldNumber = "地块编号"
	FieldName   = "地块名称"
	FieldShape  = "图形属性"
	FieldSheet  = "图幅号"
	FieldUse    = "地块用途"
	FieldNote   = "备注"
)

// HeaderFields are the names of the header fields, in layout order.
var HeaderFields = []string{FieldCount, FieldArea, FieldNumber, FieldName, FieldShape, FieldSheet, FieldUse, FieldNote}

// Parcel is one parcel (地块): its header and its rings.
type Parcel struct {
	Line int // the header line; 0 when the points had no header (bare lists)
	// Fields are the header fields as written, without the final "@"
	// (nil when there was no header).
	Fields []string
	// Attrs are the non-empty header fields by name (see HeaderFields).
	Attrs map[string]string
	Rings []Ring
}

// Name is the parcel's 地块名称.
func (p *Parcel) Name() string { return p.Attrs[FieldName] }

// Number is the parcel's 地块编号.
func (p *Parcel) Number() string { return p.Attrs[FieldNumber] }

// Points counts the point lines of the parcel, closing repeats included.
func (p *Parcel) Points() int {
	n := 0
	for _, r := range p.Rings {
		n += len(r.Points)
	}
	return n
}

// File is a parsed corner-coordinate text.
type File struct {
	// Attrs are the key=value lines ([属性描述] and any other section);
	// AttrKeys their keys in order, AttrLines their line numbers.
	Attrs     map[string]string
	AttrKeys  []string
	AttrLines map[string]int
	Parcels   []*Parcel
	// EPSG is the coordinate system of every point; 0 when it could not be
	// decided (then Parse returned an error).
	EPSG int
	// CRSFrom says how EPSG was decided: "caller" (Options.EPSG), "declared"
	// (坐标系/几度分带/带号), "prefix" (the eastings' zone prefix), "default"
	// (Options.DefaultEPSG) or "degrees" (the numbers are lon/lat).
	CRSFrom  string
	Encoding string // EncUTF8, EncUTF16 or EncGBK
	// Layout is "exchange" when the text had a [地块坐标] section or parcel
	// header lines, else "list".
	Layout   string
	Warnings []*Warning
}

// Layouts of File.Layout.
const (
	LayoutExchange = "exchange"
	LayoutList     = "list"
)

// Attribute keys of the [属性描述] section that describe the coordinate system.
const (
	AttrDatum     = "坐标系"
	AttrZoneWidth = "几度分带"
	AttrProj      = "投影类型"
	AttrUnit      = "计量单位"
	AttrZone      = "带号"
	AttrPrecision = "精度"
	AttrTransform = "转换参数"
)
