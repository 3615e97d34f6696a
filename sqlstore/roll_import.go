package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"hedui"
	"hedui/idcard"
)

// Associated data of the rolls' sealed columns.
const (
	adRollAddress  = "roll_households.address"
	adRollName     = "roll_members.name"
	adRollID       = "roll_members.id_number"
	adRollFile     = "roll_imports.file_name"
	adRollProblems = "roll_imports.problems"
)

// mayImportRoll: a county's verifiers import their county's roll, the city
// centre any county of the city, and the command line any.
func mayImportRoll(op string, by hedui.Actor, county string) error {
	if by.Role == hedui.RoleSystem {
		return nil
	}
	s := by.CaseScope()
	if by.Role != hedui.RoleVerifier || s.IsZero() {
		return hedui.Errorf(op, hedui.KindPermission, "roll_forbidden", "只有县区或市核对中心的核对员可以导入名册")
	}
	if !s.Contains(hedui.Region{City: county[:4] + "00", County: county}) {
		return hedui.Errorf(op, hedui.KindPermission, "other_county", "只能导入本县区的名册")
	}
	return nil
}

// stored is what an import needs to know of a stored household.
type stored struct {
	id       int64
	hash     string
	status   hedui.RollStatus
	category hedui.Category
}

// rollPlan is what an import will do, worked out before anything is
// written.
type rollPlan struct {
	add, update []*hedui.RollHousehold
	ids         map[string]int64 // number → stored id, for updates
	hashes      map[string]string
	exits       map[string]int64 // number → stored id of the households leaving the roll
	unchanged   int
	problems    []hedui.Problem
	rejected    map[string]bool
}

func (p *rollPlan) reject(h *hedui.RollHousehold, column, format string, a ...any) {
	p.rejected[h.Number] = true
	p.problems = append(p.problems, hedui.Problem{Source: hedui.RollRowSource(h.Row), Column: column,
		Message: fmt.Sprintf(format, a...)})
}

// The first keys of the advisory locks of a roll import on PostgreSQL:
// rollCountyLock, per county, serialises the imports of one county (an
// import plans against the county's stored roll); rollPersonLock, one for
// the city, serialises the part of every import from the check that its
// people are on no other household (rejectTaken) to its commit.
const (
	rollCountyLock = 0x726f_6c63 // "rolc"
	rollPersonLock = 0x726f_6c6c // "roll"
)

// ImportRoll applies a parsed roll in one transaction.
//
// Imports of one county run one at a time; those of different counties
// overlap, but not from the check that a person is on no other household
// of the city's rolls (rejectTaken) to their commit: two imports there at
// once, each unaware of the other's uncommitted rows, could each add the
// same person. Under READ COMMITTED the later check, once it holds the
// lock, sees what the earlier import committed. PostgreSQL queues them on
// advisory locks (the county's, then the city's, always in that order);
// SQLite's write transactions are one at a time anyway.
func (db *DB) ImportRoll(ctx context.Context, by hedui.Actor, up hedui.RollUpload) (hedui.RollImport, error) {
	const op = "sqlstore.ImportRoll"
	var out hedui.RollImport
	if len(up.County) != 6 || !allDigits(up.County) {
		return out, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_county", "county_code", "县区代码应为6位数字")
	}
	if up.Mode != hedui.RollFull && up.Mode != hedui.RollIncremental {
		return out, hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_mode", "mode", "导入方式应为 full（全量）或 incremental（增量）")
	}
	if err := mayImportRoll(op, by, up.County); err != nil {
		return out, err
	}
	hashes, err := db.rollHashes(op, up)
	if err != nil {
		return out, err
	}
	now := db.now()
	err = db.inBulkTx(ctx, op, func(tx *bulkTx) error {
		if err := db.xactLock(ctx, tx, rollCountyLock, up.County); err != nil {
			return err
		}
		d, err := division(ctx, tx, up.County)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && d.Level != hedui.LevelCounty) {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "unknown_county", "county_code", "未知的县区代码：%s", up.County)
		}
		if err != nil {
			return err
		}
		plan, err := db.planRoll(ctx, tx, up, hashes)
		if err != nil {
			return err
		}
		out = hedui.RollImport{County: up.County, Mode: up.Mode, FileName: up.FileName, SHA256: up.SHA256,
			Rows: up.Rows, By: by.Username, At: now}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM roll_imports WHERE county_code = $1 AND file_sha256 = $2`,
			up.County, up.SHA256).Scan(&out.SameAs); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO roll_imports (county_code, mode, file_name_enc, file_sha256, rows,
			added, updated, unchanged, exited, problem_count, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, $6, $7) RETURNING id`,
			up.County, string(up.Mode), db.seal(up.FileName, adRollFile), up.SHA256, up.Rows, by.Username,
			db.d.ts(now)).Scan(&out.ID); err != nil {
			return err
		}
		if err := db.writeRoll(ctx, tx, up.County, out.ID, plan, now); err != nil {
			return err
		}
		exited, err := db.exitRoll(ctx, tx, out.ID, plan, now)
		if err != nil {
			return err
		}
		out.Added, out.Updated, out.Unchanged, out.Exited = len(plan.add), len(plan.update), plan.unchanged, exited
		out.Problems = append(append([]hedui.Problem{}, up.Problems...), plan.problems...)
		problems, err := json.Marshal(out.Problems)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE roll_imports SET added = $1, updated = $2, unchanged = $3, exited = $4,
			problems_enc = $5, problem_count = $6 WHERE id = $7`,
			out.Added, out.Updated, out.Unchanged, out.Exited, db.seal(string(problems), adRollProblems),
			len(out.Problems), out.ID); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx.Tx, by, event{action: hedui.AuditRollImport, objectType: "roll_import",
			objectID: fmt.Sprint(out.ID), detail: fmt.Sprintf("导入%s名册（%s，%s）：%s；%d个问题",
				d.Name, up.Mode, idcard.MaskIn(up.FileName), out.Outcome(), len(out.Problems))})
	})
	if err != nil {
		return hedui.RollImport{}, err
	}
	return out, nil
}

// rollHashes checks what the parser guarantees (so that a caller other
// than the parser cannot store a broken roll) and returns the content
// hash of each household by number. The hash is keyed (a blind index), so
// that it cannot be used to guess the names and ID numbers it covers.
func (db *DB) rollHashes(op string, up hedui.RollUpload) (map[string]string, error) {
	hashes := make(map[string]string, len(up.Households))
	persons := make(map[string]string)
	ix := db.kr.Indexer()
	var content []byte
	for i := range up.Households {
		h := &up.Households[i]
		bad := func(format string, a ...any) error {
			return hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_roll", fmt.Sprintf("households[%d]", i), format, a...)
		}
		switch {
		case h.Number == "":
			return nil, bad("户编号不能为空")
		case hashes[h.Number] != "":
			return nil, bad("户编号 %s 重复", h.Number)
		case h.Status == hedui.RollExited:
			hashes[h.Number] = "exit"
			continue
		case h.Category != hedui.CategoryDibao && h.Category != hedui.CategoryTekun:
			return nil, bad("户编号 %s：救助类别应为低保或特困", h.Number)
		case len(h.Members) == 0:
			return nil, bad("户编号 %s 没有家庭成员", h.Number)
		}
		for _, m := range h.Members {
			if other, dup := persons[m.IDNumber]; dup {
				return nil, bad("身份证号 %s 同时出现在户编号 %s 和 %s 中", idcard.Mask(m.IDNumber), other, h.Number)
			}
			persons[m.IDNumber] = h.Number
		}
		content = rollContent(content[:0], h)
		hashes[h.Number] = ix.Index(string(content))
	}
	return hashes, nil
}

// rollContent appends the canonical text of what a household row says
// to b: the hash of it decides whether an import changes the household.
// Every field is length-prefixed, so no two households write alike.
func rollContent(b []byte, h *hedui.RollHousehold) []byte {
	str := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	num := func(v int64) {
		b = strconv.AppendInt(b, v, 10)
		b = append(b, ',')
	}
	b = append(b, "roll:v1:"...)
	str(h.Region)
	str(string(h.Category))
	str(string(h.Hukou))
	num(int64(bool01(h.Stable)))
	num(int64(h.BenefitFen))
	num(int64(h.IncomeFen))
	str(h.Since.String())
	str(h.Address)
	str(h.LetterNumber)
	str(h.LetterUntil.String())
	num(int64(len(h.Members)))
	for _, m := range h.Members {
		str(m.Name)
		str(m.IDNumber)
		str(m.Gender)
		str(m.BirthDate.String())
		str(string(m.Relationship))
		num(int64(m.DisabilityGrade))
		str(string(m.Labour))
		num(int64(bool01(m.LivesTogether)))
	}
	return b
}

func bool01(b bool) int {
	if b {
		return 1
	}
	return 0
}

// planRoll compares the upload with what is stored.
func (db *DB) planRoll(ctx context.Context, tx *bulkTx, up hedui.RollUpload, hashes map[string]string) (*rollPlan, error) {
	townships, err := column[string](tx.QueryContext(ctx,
		`SELECT code FROM divisions WHERE parent_code = $1 AND level = 'township'`, up.County))
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(townships))
	for _, t := range townships {
		known[t] = true
	}
	have := make(map[string]stored)
	rows, err := tx.QueryContext(ctx, `SELECT id, number, content_sha256, status, category FROM roll_households
		WHERE county_code = $1`, up.County)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s stored
		var number string
		if err := rows.Scan(&s.id, &number, &s.hash, &s.status, &s.category); err != nil {
			rows.Close()
			return nil, err
		}
		have[number] = s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	p := &rollPlan{ids: map[string]int64{}, hashes: hashes, rejected: map[string]bool{}, exits: map[string]int64{}}
	for _, n := range up.Rejected {
		p.rejected[n] = true
	}
	categories := map[hedui.Category]bool{}
	for i := range up.Households {
		h := &up.Households[i]
		s, ok := have[h.Number]
		if h.Status == hedui.RollExited {
			if ok && s.status == hedui.RollActive {
				p.exits[h.Number] = s.id
			}
			continue
		}
		categories[h.Category] = true
		switch {
		case (len(h.Region) != 9 && len(h.Region) != 12) || !known[h.Region[:9]]:
			p.reject(h, hedui.RollColRegion, "区划代码 %s 不是本县区的乡镇（街道）或其下的村（社区），请核对区划代码", h.Region)
		case !ok:
			p.add = append(p.add, h)
		case s.hash == hashes[h.Number] && s.status == hedui.RollActive:
			p.unchanged++
		default:
			p.ids[h.Number] = s.id
			p.update = append(p.update, h)
		}
	}
	if up.Mode == hedui.RollFull {
		// The file is the whole roll of the categories it holds: what is
		// stored of them and absent from the file has left the roll.
		for number, s := range have {
			if s.status == hedui.RollActive && categories[s.category] && hashes[number] == "" && !p.rejected[number] {
				p.exits[number] = s.id
			}
		}
	}
	return p, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
