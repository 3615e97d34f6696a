package division

import (
	"testing"

	"hedui"
)

func TestQingyang(t *testing.T) {
	ds, err := Qingyang()
	if err != nil {
		t.Fatal(err)
	}
	count := map[hedui.Level]int{}
	byCode := map[string]hedui.Division{}
	for _, d := range ds {
		count[d.Level]++
		byCode[d.Code] = d
	}
	if count[hedui.LevelProvince] != 1 || count[hedui.LevelCity] != 14 || count[hedui.LevelCounty] != 8 || count[hedui.LevelTownship] != 119 {
		t.Fatalf("counts %v", count)
	}
	for code, name := range map[string]string{"621000": "庆阳市", "621002": "西峰区", "621002100": "肖金镇", "621002101": "董志镇", "621027": "镇原县"} {
		if byCode[code].Name != name {
			t.Errorf("%s = %q, want %s", code, byCode[code].Name, name)
		}
	}
	for _, d := range ds {
		if d.Level == hedui.LevelTownship && hedui.RegionOf(d.Code).County != d.ParentCode {
			t.Errorf("township %s not under its county %s", d.Code, d.ParentCode)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for name, text := range map[string]string{
		"header":    "a,b,c,d\n",
		"level":     "code,name,level,parent_code\n620000,甘肃省,state,\n",
		"short":     "code,name,level,parent_code\n62000,甘肃省,province,\n",
		"orphan":    "code,name,level,parent_code\n621002,西峰区,county,621000\n",
		"duplicate": "code,name,level,parent_code\n620000,甘肃省,province,\n620000,甘肃省,province,\n",
	} {
		if _, err := Parse(text); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
