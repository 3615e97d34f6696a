package hedui

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hedui/idcard"
)

// Limits on free text, so a form cannot store a novel in a name.
const (
	MaxNameRunes    = 50
	MaxAddressRunes = 200
	MaxNoteRunes    = 500
	MaxMembers      = 30
	MaxDeclItems    = 200
)

// CheckIDNumber validates an ID number and returns its parsed form, with a
// Chinese message naming the field when it is wrong.
func CheckIDNumber(op, field, s string, now time.Time) (idcard.Number, error) {
	n, err := idcard.Parse(s, now)
	if err != nil {
		var ie *idcard.Error
		msg := "身份证号码无效"
		if errors.As(err, &ie) {
			msg = ie.Chinese()
		}
		return idcard.Number{}, &Error{Op: op, Kind: KindInvalid, Code: "invalid_id_number", Field: field, Message: msg}
	}
	return n, nil
}

// CheckMember validates a new member and returns the member with name
// trimmed and gender and birth date derived from the ID number.
func CheckMember(op, field string, in NewMember, now time.Time) (Member, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return Member{}, FieldErrorf(op, KindInvalid, "missing_name", field+".name", "请填写成员姓名")
	}
	if utf8.RuneCountInString(name) > MaxNameRunes {
		return Member{}, FieldErrorf(op, KindInvalid, "name_too_long", field+".name", "成员姓名不能超过%d个字", MaxNameRunes)
	}
	n, err := CheckIDNumber(op, field+".id_number", in.IDNumber, now)
	if err != nil {
		return Member{}, err
	}
	if !in.Relationship.Valid() {
		return Member{}, FieldErrorf(op, KindInvalid, "invalid_relationship", field+".relationship", "请选择与户主关系")
	}
	if !in.Hukou.Valid() {
		return Member{}, FieldErrorf(op, KindInvalid, "invalid_hukou_type", field+".hukou_type", "请选择户籍性质（城镇或农村）")
	}
	if in.DisabilityGrade < 0 || in.DisabilityGrade > 4 {
		return Member{}, FieldErrorf(op, KindInvalid, "invalid_disability_grade", field+".disability_grade", "残疾等级应为0（无）到4级")
	}
	labour := in.Labour
	if labour == "" {
		labour = LabourFull
	}
	if !labour.Valid() {
		return Member{}, FieldErrorf(op, KindInvalid, "invalid_labour_capacity", field+".labour_capacity", "请选择劳动能力")
	}
	together := true
	if in.LivesTogether != nil {
		together = *in.LivesTogether
	}
	return Member{
		Name: name, IDNumber: n.Canonical, Gender: n.Gender(), BirthDate: Date{n.Birth},
		Relationship: in.Relationship, Hukou: in.Hukou, DisabilityGrade: in.DisabilityGrade,
		Labour: labour, LivesTogether: together,
	}, nil
}

// CheckNewApplication validates an application's input and returns its
// members in canonical form. The household's region is checked by the store,
// which knows the divisions.
func CheckNewApplication(op string, in *NewApplication, now time.Time) ([]Member, error) {
	if in.Kind == "" {
		in.Kind = KindNew
	}
	if !in.Kind.Valid() {
		return nil, FieldErrorf(op, KindInvalid, "invalid_kind", "kind", "未知的核对类型：%s", in.Kind)
	}
	if len(in.Aid) == 0 {
		return nil, FieldErrorf(op, KindInvalid, "missing_assistance_type", "assistance_types", "请至少选择一项申请的救助类型")
	}
	seen := map[AssistanceType]bool{}
	for i, t := range in.Aid {
		if !t.Valid() {
			return nil, FieldErrorf(op, KindInvalid, "invalid_assistance_type", fmt.Sprintf("assistance_types[%d]", i), "未知的救助类型：%s", t)
		}
		if seen[t] {
			return nil, FieldErrorf(op, KindInvalid, "duplicate_assistance_type", fmt.Sprintf("assistance_types[%d]", i), "救助类型“%s”重复", t.Label())
		}
		seen[t] = true
	}
	if in.HouseholdID == 0 {
		if in.Household == nil {
			return nil, FieldErrorf(op, KindInvalid, "missing_household", "household", "请填写家庭信息")
		}
		in.Household.Address = strings.TrimSpace(in.Household.Address)
		if in.Household.Address == "" {
			return nil, FieldErrorf(op, KindInvalid, "missing_address", "household.address", "请填写家庭住址")
		}
		if utf8.RuneCountInString(in.Household.Address) > MaxAddressRunes {
			return nil, FieldErrorf(op, KindInvalid, "address_too_long", "household.address", "家庭住址不能超过%d个字", MaxAddressRunes)
		}
		if !in.Household.Hukou.Valid() {
			return nil, FieldErrorf(op, KindInvalid, "invalid_hukou_type", "household.hukou_type", "请选择家庭户籍性质（城镇或农村）")
		}
		if len(in.Members) == 0 {
			return nil, FieldErrorf(op, KindInvalid, "missing_members", "members", "请至少录入一名家庭成员")
		}
	} else if in.Household != nil {
		return nil, FieldErrorf(op, KindInvalid, "household_ambiguous", "household", "已有家庭的申请不能同时填写新家庭信息")
	}
	members, err := CheckMembers(op, in.Members, nil, now)
	if err != nil {
		return nil, err
	}
	if in.Declaration != nil {
		if err := CheckDeclaration(op, in.Declaration, members, now); err != nil {
			return nil, err
		}
	}
	return members, nil
}

// CheckMembers validates new members against each other and against the
// household's existing ones: nobody may be listed twice, and a household has
// at most one head.
func CheckMembers(op string, in []NewMember, existing []Member, now time.Time) ([]Member, error) {
	if len(in)+len(existing) > MaxMembers {
		return nil, FieldErrorf(op, KindInvalid, "too_many_members", "members", "家庭成员不能超过%d人", MaxMembers)
	}
	seen := map[string]int{}
	heads := 0
	for _, m := range existing {
		seen[m.IDNumber] = -1
		if m.Relationship == RelHead {
			heads++
		}
	}
	out := make([]Member, 0, len(in))
	for i, nm := range in {
		field := fmt.Sprintf("members[%d]", i)
		m, err := CheckMember(op, field, nm, now)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[m.IDNumber]; dup {
			where := "已是本户成员"
			if j >= 0 {
				where = fmt.Sprintf("与第%d名成员重复", j+1)
			}
			return nil, FieldErrorf(op, KindInvalid, "duplicate_member", field+".id_number",
				"第%d名成员（身份证号 %s）%s，同一人只能录入一次", i+1, idcard.Mask(m.IDNumber), where)
		}
		seen[m.IDNumber] = i
		if m.Relationship == RelHead {
			heads++
		}
		out = append(out, m)
	}
	if heads > 1 {
		return nil, FieldErrorf(op, KindInvalid, "two_heads", "members", "一户只能有一名户主")
	}
	return out, nil
}

// CheckDeclaration validates declared incomes and assets; member references
// are by ID number and must name a member of the household.
func CheckDeclaration(op string, d *Declaration, members []Member, now time.Time) error {
	if len(d.Incomes)+len(d.Assets) > MaxDeclItems {
		return FieldErrorf(op, KindInvalid, "too_many_items", "declaration", "申报项目不能超过%d条", MaxDeclItems)
	}
	byID := map[string]int64{}
	isMember := map[int64]bool{}
	for _, m := range members {
		byID[m.IDNumber] = m.ID
		isMember[m.ID] = true
	}
	// An item names its member by ID number (input) or by member id (an
	// item read back and sent again); either must be a current member.
	resolve := func(field, id string, memberID int64) (int64, error) {
		if id == "" {
			if memberID != 0 && !isMember[memberID] {
				return 0, FieldErrorf(op, KindInvalid, "unknown_member", field, "申报项目所属成员不是本户现有成员")
			}
			return memberID, nil
		}
		n, err := idcard.Parse(id, now)
		if err == nil {
			if mid, ok := byID[n.Canonical]; ok {
				return mid, nil
			}
		}
		return 0, FieldErrorf(op, KindInvalid, "unknown_member", field, "申报项目所属成员（身份证号 %s）不是本户成员", idcard.Mask(id))
	}
	for i := range d.Incomes {
		in := &d.Incomes[i]
		f := fmt.Sprintf("declaration.incomes[%d]", i)
		if !in.Category.Valid() {
			return FieldErrorf(op, KindInvalid, "invalid_income_category", f+".category", "第%d条收入的类别无效", i+1)
		}
		if in.AmountFen < 0 {
			return FieldErrorf(op, KindInvalid, "negative_amount", f+".amount_fen", "第%d条收入的金额不能为负数", i+1)
		}
		if in.PeriodFrom.IsZero() || in.PeriodTo.IsZero() || in.PeriodTo.Before(in.PeriodFrom.Time) {
			return FieldErrorf(op, KindInvalid, "invalid_period", f+".period_from", "第%d条收入的起止日期不完整或结束早于开始", i+1)
		}
		if utf8.RuneCountInString(in.Source) > MaxAddressRunes || utf8.RuneCountInString(in.Note) > MaxNoteRunes {
			return FieldErrorf(op, KindInvalid, "text_too_long", f, "第%d条收入的说明过长", i+1)
		}
		mid, err := resolve(f+".id_number", in.IDNumber, in.MemberID)
		if err != nil {
			return err
		}
		if mid != 0 {
			in.MemberID = mid
		}
	}
	for i := range d.Assets {
		a := &d.Assets[i]
		f := fmt.Sprintf("declaration.assets[%d]", i)
		if !a.Kind.Valid() {
			return FieldErrorf(op, KindInvalid, "invalid_asset_kind", f+".kind", "第%d条财产的类别无效", i+1)
		}
		if a.ValueFen < 0 || a.Quantity < 0 || a.AreaM2x100 < 0 {
			return FieldErrorf(op, KindInvalid, "negative_amount", f, "第%d条财产的金额、数量或面积不能为负数", i+1)
		}
		if utf8.RuneCountInString(a.Description) > MaxAddressRunes {
			return FieldErrorf(op, KindInvalid, "text_too_long", f+".description", "第%d条财产的说明过长", i+1)
		}
		mid, err := resolve(f+".id_number", a.IDNumber, a.MemberID)
		if err != nil {
			return err
		}
		if mid != 0 {
			a.MemberID = mid
		}
	}
	return nil
}

// CheckLetter validates a new letter against the household's current
// members: every member signs exactly once, and a member under GuardianAge
// or without capacity signs through a named guardian or agent. Signers are
// given by ID number; the returned signers carry member ids.
func CheckLetter(op string, in *NewLetter, members []Member, now time.Time) error {
	if !in.Form.Valid() {
		return FieldErrorf(op, KindInvalid, "invalid_letter_form", "form", "请选择授权书形式（纸质或电子）")
	}
	if in.SignedOn.IsZero() {
		return FieldErrorf(op, KindInvalid, "missing_signed_on", "signed_on", "请填写授权书签署日期")
	}
	if in.SignedOn.After(now) {
		return FieldErrorf(op, KindInvalid, "signed_in_future", "signed_on", "授权书签署日期不能晚于今天")
	}
	if !in.ValidUntil.IsZero() && in.ValidUntil.Before(in.SignedOn.Time) {
		return FieldErrorf(op, KindInvalid, "invalid_valid_until", "valid_until", "授权书有效期截止日不能早于签署日期")
	}
	if utf8.RuneCountInString(in.Number) > MaxNameRunes {
		return FieldErrorf(op, KindInvalid, "number_too_long", "number", "授权书编号过长")
	}
	byID := map[string]*Member{}
	for i := range members {
		byID[members[i].IDNumber] = &members[i]
	}
	signed := map[int64]bool{}
	for i := range in.Signers {
		s := &in.Signers[i]
		f := fmt.Sprintf("signers[%d]", i)
		n, err := CheckIDNumber(op, f+".id_number", s.IDNumber, now)
		if err != nil {
			return err
		}
		m, ok := byID[n.Canonical]
		if !ok {
			return FieldErrorf(op, KindInvalid, "signer_not_member", f+".id_number", "签字人（身份证号 %s）不是本户成员", idcard.Mask(n.Canonical))
		}
		if signed[m.ID] {
			return FieldErrorf(op, KindInvalid, "duplicate_signer", f+".id_number", "成员%s重复签字", MaskName(m.Name))
		}
		signed[m.ID] = true
		s.MemberID, s.IDNumber = m.ID, n.Canonical
		if s.Method == "" {
			s.Method = SignSignature
		}
		if !s.Method.Valid() {
			return FieldErrorf(op, KindInvalid, "invalid_sign_method", f+".method", "请选择签署方式")
		}
		s.AgentName = strings.TrimSpace(s.AgentName)
		needsAgent := idcard.Age(idcard.Number{Birth: m.BirthDate.Time}, now) < GuardianAge
		if needsAgent && s.AgentName == "" {
			return FieldErrorf(op, KindInvalid, "guardian_required", f+".agent_name",
				"成员%s未满%d周岁，须由监护人代为签字并填写监护人姓名和身份证号", MaskName(m.Name), GuardianAge)
		}
		if s.AgentName != "" {
			an, err := CheckIDNumber(op, f+".agent_id_number", s.AgentIDNumber, now)
			if err != nil {
				return err
			}
			s.AgentIDNumber = an.Canonical
			if utf8.RuneCountInString(s.AgentName) > MaxNameRunes || utf8.RuneCountInString(s.AgentRelation) > MaxNameRunes {
				return FieldErrorf(op, KindInvalid, "text_too_long", f, "代签人信息过长")
			}
		} else if s.AgentIDNumber != "" {
			return FieldErrorf(op, KindInvalid, "missing_agent_name", f+".agent_name", "填写了代签人身份证号时须填写代签人姓名")
		}
	}
	for _, m := range members {
		if !signed[m.ID] {
			return FieldErrorf(op, KindInvalid, "member_not_signed", "signers",
				"成员%s（身份证号 %s）未在授权书上签字，所有家庭成员都须签字", MaskName(m.Name), idcard.Mask(m.IDNumber))
		}
	}
	return nil
}

// CheckComplete says whether an application can go to the county: it has a
// head of household, an active letter (with its scan if on paper) signed by
// every member, and a declaration.
func CheckComplete(op string, a *Application, today Date) error {
	if len(a.Members) == 0 {
		return Errorf(op, KindInvalid, "missing_members", "申请尚未录入家庭成员")
	}
	head := false
	for _, m := range a.Members {
		if m.Relationship == RelHead {
			head = true
		}
	}
	if !head {
		return Errorf(op, KindInvalid, "missing_head", "请在家庭成员中指定户主")
	}
	l := a.ActiveLetter()
	if l == nil {
		return Errorf(op, KindInvalid, "missing_letter", "尚未登记有效的授权书；家庭成员变更后须重新签署授权书")
	}
	if l.Form == LetterPaper && l.Scan == nil {
		return Errorf(op, KindInvalid, "missing_letter_scan", "纸质授权书须上传扫描件后才能提交")
	}
	for _, m := range a.Members {
		if !l.Covers(m.ID, today) {
			return Errorf(op, KindInvalid, "member_not_authorised",
				"成员%s（身份证号 %s）不在有效授权书范围内，请重新签署授权书", MaskName(m.Name), idcard.Mask(m.IDNumber))
		}
	}
	if len(a.Declaration.Incomes) == 0 && len(a.Declaration.Assets) == 0 {
		return Errorf(op, KindInvalid, "missing_declaration", "请填写家庭收入和财产申报（没有收入或财产时也应逐项申报为0）")
	}
	return nil
}

// MaskName keeps the surname: 张三 → 张*, 欧阳娜娜 → 欧***.
func MaskName(name string) string {
	r := []rune(name)
	if len(r) <= 1 {
		return name
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}
