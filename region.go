package hedui

// Level is a level of the administrative-division tree.
type Level string

const (
	LevelProvince Level = "province"
	LevelCity     Level = "city"
	LevelCounty   Level = "county"
	LevelTownship Level = "township"
)

// Division is one node of the statistical administrative-division tree:
// 6-digit codes for province, city and county, 9-digit for townships.
type Division struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Level      Level  `json:"level"`
	ParentCode string `json:"parent_code,omitempty"`
}

// Region locates a case in the tree. Cases carry all three codes so that a
// scope filter is an equality on one indexed column, never a LIKE.
type Region struct {
	City     string `json:"city_code"`
	County   string `json:"county_code"`
	Township string `json:"township_code"`
}

// RegionOf derives the region of a township from its 9-digit code.
func RegionOf(township string) Region {
	r := Region{Township: township}
	if len(township) >= 6 {
		r.County = township[:6]
	}
	if len(township) >= 4 {
		r.City = township[:4] + "00"
	}
	return r
}

// Scope is the part of the division tree an actor may see: every case whose
// region has Code in the column named by Level. A zero Scope sees nothing.
type Scope struct {
	Level Level  `json:"level"`
	Code  string `json:"code"`
}

// IsZero reports whether the scope grants nothing.
func (s Scope) IsZero() bool { return s.Code == "" }

// Contains reports whether a case in region r lies within the scope.
func (s Scope) Contains(r Region) bool {
	switch s.Level {
	case LevelTownship:
		return s.Code != "" && r.Township == s.Code
	case LevelCounty:
		return s.Code != "" && r.County == s.Code
	case LevelCity:
		return s.Code != "" && r.City == s.Code
	case LevelProvince:
		return len(s.Code) >= 2 && len(r.City) >= 2 && r.City[:2] == s.Code[:2]
	}
	return false
}
