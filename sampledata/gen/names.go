package main

// Invented place names for the sample's mines: Mongolian-sounding pairs
// combined at random. Names of real mines, villages and mining areas of
// Wuhai are excluded, so no sample mine carries a real mine's name.
var placeHeads = []string{
	"巴彦", "查干", "哈日", "呼和", "阿拉坦", "额尔敦", "宝日", "希日", "格日勒", "那仁",
	"塔本", "伊和", "敖伦", "朝鲁", "赛音", "都兰", "沙日", "乌力吉", "孟和", "特古斯",
}

var placeTails = []string{
	"陶勒盖", "布拉格", "敖包", "呼都格", "乌苏", "套海", "哈达", "高勒", "塔拉", "诺尔",
	"温都尔", "阿木", "希热", "毛都", "德日苏", "芒哈",
}

// realNames are names of real places and mines in and around Wuhai that
// an invented name must not reproduce.
var realNames = []string{
	"苏海图", "五虎山", "黄白茨", "公乌素", "老石旦", "骆驼山", "利民", "平沟", "卡布其",
	"拉僧庙", "千里山", "白云乌素", "赛汗乌素", "巴音陶亥", "乌兰淖尔", "巴彦乌素", "三道坎",
	"梁家沟", "西来峰", "苏白音沟", "巴彦敖包", "查干诺尔", "巴彦高勒", "乌兰布拉格", "呼和乌苏",
	"阿拉坦敖包", "巴彦塔拉", "查干敖包", "伊和乌苏", "沙日塔拉", "哈日敖包", "都兰哈达",
	"巴彦呼都格", "查干陶勒盖", "乌力吉套海", "巴彦温都尔", "额尔敦敖包", "宝日温都尔",
}

// placeNames returns every allowed invented name in a fixed, shuffled order.
func placeNames(r *rng) []string {
	banned := map[string]bool{}
	for _, n := range realNames {
		banned[n] = true
	}
	var out []string
	for _, h := range placeHeads {
		for _, t := range placeTails {
			if n := h + t; !banned[n] {
				out = append(out, n)
			}
		}
	}
	r.shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// mineSuffix names a mine after its mineral and mining method.
func mineSuffix(mineral, method string) string {
	switch mineral {
	case "煤":
		if method == "露天开采" {
			return "露天煤矿"
		}
		return "煤矿"
	case "石灰岩":
		return "石灰岩矿"
	case "黏土":
		return "黏土矿"
	default:
		return "白云岩矿"
	}
}

// companySuffix names an operating company after its mineral.
func companySuffix(r *rng, mineral string) string {
	switch mineral {
	case "煤":
		return pick(r, []string{"煤业有限责任公司", "能源有限公司", "煤炭有限责任公司", "矿业有限公司"})
	case "石灰岩", "白云岩":
		return pick(r, []string{"建材有限责任公司", "矿业有限公司", "化工有限公司"})
	default:
		return pick(r, []string{"建材有限公司", "陶瓷原料有限公司"})
	}
}
