package deptsim

import "math/rand/v2"

// Surnames, most common first; pick skews towards the front. The compound
// ones at the end appear rarely, as they do.
var surnames = []string{
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
	"林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
	"钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "付", "方", "白", "邹", "孟", "秦", "邱", "尹",
	"薛", "闫", "段", "雷", "侯", "史", "陶", "贺", "毛", "郝", "龚", "邵", "万", "严", "武", "常", "慕", "巩",
	"党", "路", "欧阳", "司马", "上官",
}

var (
	maleChars   = []rune("建国军伟强明永志海刚文辉俊峰磊涛斌杰鹏亮华平生成德福林宏波浩宇轩博凯鑫兵虎龙祥")
	femaleChars = []rune("秀兰英芳娟丽霞梅玲燕红艳萍静敏婷雪琳慧颖欣怡佳悦雨思晨桂珍凤荣")
	// Characters outside GB 2312 (but in GBK and GB 18030) that real
	// names use: they catch encoders and fonts that stop at GB 2312.
	rareChars = []rune("喆堃玥珺昇")
)

// pickSkewed returns an index in [0, n) biased towards 0.
func pickSkewed(r *rand.Rand, n int) int { return min(r.IntN(n), r.IntN(n)) }

func surname(r *rand.Rand) string { return surnames[pickSkewed(r, len(surnames))] }

// givenName is one or two characters; about one name in thirty has a rare
// character.
func givenName(r *rand.Rand, male bool) string {
	pool := femaleChars
	if male {
		pool = maleChars
	}
	n := 2
	if r.IntN(4) == 0 {
		n = 1
	}
	out := make([]rune, n)
	for i := range out {
		out[i] = pool[r.IntN(len(pool))]
	}
	if r.IntN(30) == 0 {
		out[r.IntN(n)] = rareChars[r.IntN(len(rareChars))]
	}
	return string(out)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Word lists for addresses, employers, businesses and vehicles.
var (
	villagePrefix = []string{"张", "李", "王", "刘", "高", "马", "赵", "何", "杨", "孙", "南", "北", "东", "西", "新"}
	villageSuffix = []string{"庄", "塬", "沟", "湾", "岔", "川", "坪", "畔", "堡", "咀", "洼", "台"}
	communities   = []string{"东关", "西关", "南街", "北街", "长庆", "安定", "兴隆", "育才", "朔州", "九龙"}
	roads         = []string{"长庆大道", "南大街", "北大街", "西大街", "安定西路", "朔州东路", "庆化路", "九龙路"}

	publicEmployers = []string{"第一中学", "第二中学", "中心小学", "人民医院", "中医医院", "疾病预防控制中心",
		"教育局", "财政局", "农业农村局", "自然资源局", "乡镇卫生院", "水务局"}
	companyWords  = []string{"陇东", "北地", "董志", "子午", "周祖", "岐黄", "长庆", "庆化", "马莲河", "合水"}
	companyTrades = []string{"商贸", "建材", "农业科技", "劳务", "运输", "石油技术服务", "苹果种植", "养殖"}
	shopTypes     = []string{"小卖部", "农家乐", "汽修部", "养殖场", "面馆", "粮油店", "五金店", "理发店"}
	informalJobs  = []string{"外出务工（建筑工地）", "外出务工（餐饮服务）", "灵活就业（零工）", "家政服务"}

	carModels   = []string{"五菱宏光", "长安CS35", "大众捷达", "比亚迪秦PLUS", "哈弗H6", "吉利帝豪", "丰田卡罗拉", "宝骏510", "北京现代伊兰特"}
	truckModels = []string{"福田欧曼", "解放J6", "东风多利卡", "五征奥驰", "江淮骏铃", "重汽豪沃"}

	banks = []string{"中国农业银行庆阳分行", "中国邮政储蓄银行庆阳市分行", "甘肃银行庆阳分行", "甘肃庆阳农村商业银行",
		"中国建设银行庆阳分行", "中国工商银行庆阳分行", "兰州银行庆阳分行"}
	brokers = []string{"华龙证券庆阳营业部", "国泰君安证券", "中信证券", "东方财富证券"}
)
