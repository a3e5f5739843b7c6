package main

// The reference frame of the sample: a rough, hand-generalised Yellow River,
// Dusitu River, West Ordos reserve and three district outlines. They are
// drawn by hand after looking at public maps, much coarser than any real
// boundary, and are not derived from any boundary data set.

// yellowRiver runs south to north (downstream), 25 vertices.
var yellowRiver = []pt{
	{106.8712, 39.1010},
	{106.8585, 39.1290}, // riverConfluence: the Dusitu joins here
	{106.8450, 39.1620},
	{106.8290, 39.1930},
	{106.8105, 39.2210},
	{106.8010, 39.2540},
	{106.8035, 39.2880},
	{106.7990, 39.3210},
	{106.7905, 39.3500}, // riverWedgeSouth
	{106.7760, 39.3800},
	{106.7635, 39.4080},
	{106.7560, 39.4350}, // riverWudaSouth
	{106.7545, 39.4700},
	{106.7600, 39.5050}, // riverHaibowanSouth
	{106.7665, 39.5380},
	{106.7740, 39.5700},
	{106.7840, 39.5980},
	{106.7790, 39.6250}, // riverWudaNorth
	{106.7725, 39.6550},
	{106.7770, 39.6900},
	{106.7660, 39.7250},
	{106.7610, 39.7620},
	{106.7630, 39.8000},
	{106.7690, 39.8350}, // riverHaibowanNorth
	{106.7650, 39.9300},
}

const (
	riverConfluence    = 1
	riverWedgeSouth    = 8
	riverWudaSouth     = 11
	riverHaibowanSouth = 13
	riverWudaNorth     = 17
	riverHaibowanNorth = 23
)

// dusituRiver runs east to west (downstream) along the southern edge of
// 海南区 and ends on the Yellow River at the city's south-west corner.
var dusituRiver = []pt{
	{107.1900, 39.1400},
	{107.1500, 39.1280},
	{107.1200, 39.1210},
	{107.0900, 39.1150}, // dusituHainanEast: 海南区 leaves the river here
	{107.0600, 39.1090},
	{107.0200, 39.1130},
	{106.9800, 39.1080},
	{106.9450, 39.1150},
	{106.9100, 39.1120},
	{106.8800, 39.1180},
	yellowRiver[riverConfluence],
}

const dusituHainanEast = 3

// reserveRing is a rough outline of the part of 西鄂尔多斯国家级自然保护区
// that borders the city on the east and south-east (open ring, CCW).
var reserveRing = []pt{
	{107.000, 39.140}, {107.060, 39.128}, {107.130, 39.132}, {107.180, 39.160},
	{107.195, 39.250}, {107.190, 39.360}, {107.195, 39.480}, {107.185, 39.600},
	{107.165, 39.700}, {107.125, 39.765}, {107.070, 39.785}, {107.020, 39.760},
	{106.992, 39.690}, {106.985, 39.610}, {106.990, 39.530}, {107.000, 39.450},
	{106.992, 39.380}, {107.005, 39.320}, {107.040, 39.275}, {107.030, 39.220},
	{107.005, 39.180},
}

// haibowanHainan is the boundary between 海勃湾区 (north) and 海南区
// (south), west to east, starting just east of the river.
var haibowanHainan = []pt{
	{106.8100, 39.5035}, {106.8450, 39.5040}, {106.8735, 39.5060}, {106.8720, 39.5300},
	{106.8760, 39.5520}, {106.9080, 39.5540}, {106.9110, 39.5230}, {106.9370, 39.5080},
	{106.9550, 39.5070},
}

func riverSpan(from, to int) []pt {
	var out []pt
	if from <= to {
		for i := from; i <= to; i++ {
			out = append(out, yellowRiver[i])
		}
		return out
	}
	for i := from; i >= to; i-- {
		out = append(out, yellowRiver[i])
	}
	return out
}

func concat(parts ...[]pt) []pt {
	var out []pt
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// district is one of the three districts with the sample's rough outline.
type district struct {
	Name  string     // 海勃湾区
	Code  string     // 150302
	Abbr  string     // HBW: used in fire-point numbers
	Ring  []pt       // open, CCW
	Mines int        // how many mines to place
	Size  [2]float64 // km: range of the mines' body radii
	// Fields are the coal and limestone fields (lon/lat boxes) where most
	// of the district's mines are placed.
	Fields [][2]pt
	// Decks of attribute values dealt to the district's mines.
	Minerals []string
	Statuses []string
}

func repeat(v string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// districts lists the three districts in output order.
func districts() []*district {
	wuda := concat(
		riverSpan(riverWudaSouth, riverWudaNorth),
		[]pt{
			{106.742, 39.617}, {106.700, 39.600}, {106.656, 39.582}, {106.628, 39.562},
			{106.612, 39.540}, {106.614, 39.516}, {106.622, 39.499}, {106.641, 39.480},
			{106.668, 39.461}, {106.700, 39.452}, {106.731, 39.441},
		},
	)
	haibowan := concat(
		[]pt{yellowRiver[riverHaibowanSouth]},
		haibowanHainan,
		[]pt{
			{106.951, 39.520}, {106.949, 39.540}, {106.943, 39.570}, {106.936, 39.600},
			{106.928, 39.620}, {106.912, 39.640}, {106.905, 39.670}, {106.910, 39.700},
			{106.906, 39.730}, {106.886, 39.760}, {106.879, 39.790}, {106.890, 39.820},
			{106.915, 39.845}, {106.945, 39.862}, {106.965, 39.875}, {106.966, 39.900},
			{106.940, 39.912}, {106.915, 39.905}, {106.890, 39.885}, {106.868, 39.862},
			{106.840, 39.845}, {106.800, 39.838},
		},
		riverSpan(riverHaibowanNorth, riverHaibowanSouth+1),
	)
	var dusituUp []pt
	for i := len(dusituRiver) - 2; i >= dusituHainanEast; i-- {
		dusituUp = append(dusituUp, dusituRiver[i])
	}
	hainan := concat(
		riverSpan(riverHaibowanSouth, riverWudaSouth),
		[]pt{{106.742, 39.425}, {106.738, 39.400}, {106.748, 39.375}, {106.770, 39.358}},
		riverSpan(riverWedgeSouth, riverConfluence),
		dusituUp,
		[]pt{
			{107.105, 39.160}, {107.125, 39.200}, {107.130, 39.235}, {107.112, 39.260},
			{107.065, 39.262}, {107.020, 39.272}, {106.985, 39.285}, {106.966, 39.310},
			{106.962, 39.350}, {106.964, 39.400}, {106.963, 39.450}, {106.958, 39.490},
		},
		reversed(haibowanHainan),
	)
	return []*district{
		{
			Name: "海勃湾区", Code: "150302", Abbr: "HBW", Ring: haibowan, Mines: 21, Size: [2]float64{0.55, 1.4},
			Fields: [][2]pt{ // 岗德尔山 east flank, 桌子山 north, the northern hills
				{{106.830, 39.600}, {106.905, 39.800}},
				{{106.860, 39.515}, {106.950, 39.600}},
				{{106.880, 39.820}, {106.960, 39.900}},
			},
			Minerals: concat2(repeat("煤", 11), repeat("石灰岩", 5), repeat("白云岩", 4), repeat("黏土", 1)),
			Statuses: concat2(repeat("生产", 10), repeat("停产", 3), repeat("基建", 2), repeat("关闭", 4), repeat("无主", 2)),
		},
		{
			Name: "乌达区", Code: "150304", Abbr: "WD", Ring: wuda, Mines: 15, Size: [2]float64{0.5, 1.2},
			Fields: [][2]pt{ // 五虎山 coal field west of the town, the northern hills
				{{106.615, 39.460}, {106.700, 39.600}},
				{{106.690, 39.550}, {106.760, 39.620}},
			},
			Minerals: concat2(repeat("煤", 12), repeat("黏土", 2), repeat("石灰岩", 1)),
			Statuses: concat2(repeat("生产", 6), repeat("停产", 3), repeat("基建", 1), repeat("关闭", 2), repeat("无主", 3)),
		},
		{
			Name: "海南区", Code: "150303", Abbr: "HN", Ring: hainan, Mines: 24, Size: [2]float64{0.6, 1.6},
			Fields: [][2]pt{ // 桌子山 south flank, the southern hills
				{{106.840, 39.280}, {106.960, 39.500}},
				{{106.860, 39.140}, {106.990, 39.280}},
			},
			Minerals: concat2(repeat("煤", 15), repeat("石灰岩", 4), repeat("黏土", 3), repeat("白云岩", 2)),
			Statuses: concat2(repeat("生产", 12), repeat("停产", 3), repeat("基建", 2), repeat("关闭", 3), repeat("无主", 4)),
		},
	}
}

func concat2(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// town is a built-up area where no mine is placed.
type town struct {
	C pt
	R float64 // km
}

var towns = []town{
	{pt{106.815, 39.665}, 3.6}, // 海勃湾城区
	{pt{106.820, 39.715}, 2.5},
	{pt{106.712, 39.505}, 2.6}, // 乌达城区
	{pt{106.885, 39.440}, 2.0}, // 海南区城区
}
