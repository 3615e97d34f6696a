package rolls

import (
	"hedui"
	"hedui/sheet"
)

// col identifies a column of a roll file.
type col int

const (
	colNumber col = iota
	colRegion
	colCategory
	colHukou
	colStable
	colBenefit
	colIncome
	colSince
	colAddress
	colLetterNumber
	colLetterUntil
	colName
	colIDNumber
	colRelationship
	colDisability
	colLabour
	colTogether
	colStatus
	numCols
)

// column describes a column: its header in the template, other spellings
// seen in counties' exports, whether a file must have it, and how the
// template presents it.
type column struct {
	header   string
	aliases  []string
	required bool
	text     bool // XLSX: keep as text so that Excel keeps every digit
	width    float64
	example  string // the template's 示例 row
	help     string // what to write, for the README and the template's notes
}

var columns = [numCols]column{
	colNumber: {header: hedui.RollColNumber, aliases: []string{"家庭编号", "户号"}, required: true, text: true, width: 16,
		example: "示例-0001", help: "本县区内唯一的家庭编号，同一户的每个成员行填相同的户编号"},
	colRegion: {header: hedui.RollColRegion, aliases: []string{"村(社区)代码", "乡镇(街道)代码", "行政区划代码"}, required: true, text: true, width: 15,
		example: "621002001001", help: "9位乡镇（街道）或12位村（社区）统计用区划代码"},
	colCategory: {header: "救助类别", aliases: []string{"保障类别", "救助类型"}, required: true, width: 10,
		example: "低保", help: "低保 或 特困（城市低保、农村低保、特困供养均可）"},
	colHukou: {header: "户籍性质", aliases: []string{"户口性质", "户籍类型"}, required: true, width: 10,
		example: "城镇", help: "城镇 或 农村"},
	colStable: {header: "收入稳定户", aliases: []string{"稳定户"}, width: 10,
		example: "否", help: "是：收入稳定且成员无劳动能力，每年复核一次；否或不填：每半年复核一次"},
	colBenefit: {header: "月保障金(元)", aliases: []string{"月保障金", "保障金额(元)", "月救助金(元)"}, required: true, width: 13,
		example: "1040.00", help: "每月发放的保障金，单位元，最多两位小数"},
	colIncome: {header: "家庭月收入(元)", aliases: []string{"家庭月收入", "月收入(元)"}, width: 14,
		example: "600.00", help: "上次审核认定的家庭月收入，单位元；不填为0"},
	colSince: {header: "纳入日期", aliases: []string{"保障起始日期", "享受起始日期"}, required: true, width: 12,
		example: "2023-05-01", help: "开始享受保障的日期，如2023-05-01"},
	colAddress: {header: "家庭住址", aliases: []string{"住址", "居住地址"}, width: 30,
		example: "西峰区北街长庆路88号", help: "现居住地址"},
	colLetterNumber: {header: "授权书编号", aliases: []string{"授权书号"}, text: true, width: 16,
		example: "SQ2023-0001", help: "申请时签署的《同意核查家庭经济状况授权书》编号"},
	colLetterUntil: {header: "授权书有效期至", aliases: []string{"授权有效期至"}, width: 14,
		example: "2027-12-31", help: "授权书有效期的最后一天；不填表示没有有效授权，该户不会被核对"},
	colName: {header: "姓名", aliases: []string{"成员姓名"}, required: true, width: 10,
		example: "张示例", help: "家庭成员姓名，每个成员一行"},
	colIDNumber: {header: hedui.RollColIDNumber, aliases: []string{"身份证号", "公民身份号码"}, required: true, text: true, width: 21,
		example: "", help: "18位居民身份证号码（该列请设为文本格式，以免Excel改成6.21E+17）"},
	colRelationship: {header: "与户主关系", aliases: []string{"与户主关系(称谓)", "关系"}, required: true, width: 11,
		example: "本人", help: "本人（户主）、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、儿媳/女婿、其他；每户须有且仅有一名“本人”"},
	colDisability: {header: "残疾等级", aliases: []string{"残疾等级(级)"}, width: 9,
		example: "无", help: "无、一级、二级、三级、四级（或0–4）；不填为无"},
	colLabour: {header: "劳动能力", aliases: []string{"劳动能力状况"}, required: true, width: 16,
		example: "有劳动能力", help: "有劳动能力、部分丧失劳动能力、无劳动能力"},
	colTogether: {header: "共同生活", aliases: []string{"是否共同生活"}, width: 9,
		example: "是", help: "是否属于共同生活的家庭成员；不填为是"},
	colStatus: {header: "变动", aliases: []string{"变动类型", "状态"}, width: 8,
		example: "", help: "增量导入时填“退出”表示该户退出名册（该行只需填户编号）；其余情况不填"},
}

// byHeader maps every accepted spelling, normalised, to its column.
var byHeader = func() map[string]col {
	m := make(map[string]col)
	for c := range numCols {
		for _, s := range append([]string{columns[c].header}, columns[c].aliases...) {
			m[sheet.NormHeader(s)] = c
		}
	}
	return m
}()

func lookupHeader(h string) (col, bool) {
	c, ok := byHeader[sheet.NormHeader(h)]
	return c, ok
}

// Column is a column of the roll file as documented.
type Column struct {
	Header   string
	Required bool
	Help     string
}

// Columns lists the columns of a roll file in template order.
func Columns() []Column {
	out := make([]Column, numCols)
	for c := range numCols {
		out[c] = Column{Header: columns[c].header, Required: columns[c].required, Help: columns[c].help}
	}
	return out
}
