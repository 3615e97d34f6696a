package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"hedui"
)

// Sealed columns of the exchange tables.
const (
	adAnswerRecords = "answers.records"
	adCityReason    = "applications.city_reason"
)

// maxAnswers bounds one RecordAnswers call: a large batch file.
const maxAnswers = 100_000

// maxSourceRunes bounds an answer's source (file name and line);
// maxDigestLen its payload digest as given by a channel.
const (
	maxSourceRunes = 200
	maxDigestLen   = 128
)

// canonicalAnswer is what an answer's payload hash covers when the channel
// did not keep a raw payload: everything that makes it this answer.
type canonicalAnswer struct {
	QueryID    string         `json:"query_id"`
	SubjectRef string         `json:"subject_ref"`
	Item       hedui.Item     `json:"item"`
	NoRecord   bool           `json:"no_record"`
	Records    []hedui.Record `json:"records"`
	AsOf       hedui.Date     `json:"as_of"`
}

// incoming is one answer prepared outside the transaction: hashed, its
// records sealed, and the checks that need no database done.
type incoming struct {
	a       hedui.Answer
	records string // sealed JSON; empty for no record
	problem *hedui.Problem
}

func problemAt(a hedui.Answer, column, format string, args ...any) *hedui.Problem {
	src := a.Source
	if src == "" {
		src = a.QueryID + "/" + a.SubjectRef
	}
	return &hedui.Problem{Source: src, Column: column, Message: fmt.Sprintf(format, args...)}
}

func (db *DB) prepareAnswers(op string, as []hedui.Answer, today hedui.Date) ([]incoming, error) {
	out := make([]incoming, len(as))
	for i, a := range as {
		a.Source = clip(a.Source, maxSourceRunes)
		if a.AsOf.IsZero() {
			a.AsOf = today
		}
		if len(a.Records) == 0 {
			a.Records = nil
		}
		in := &out[i]
		switch {
		case a.QueryID == "" || a.SubjectRef == "":
			in.problem = problemAt(a, "subject_ref", "缺少查询编号或核对对象编号，请按查询中的编号反馈")
		case !a.Item.Valid():
			in.problem = problemAt(a, "item", "未知的核对项目“%s”", clip(string(a.Item), 40))
		case a.NoRecord && len(a.Records) > 0:
			in.problem = problemAt(a, "no_record", "标明了查无记录却又返回了记录，请二选一后重新反馈")
		case !a.NoRecord && len(a.Records) == 0:
			in.problem = problemAt(a, "no_record", "既未标明查无记录也没有返回记录；没有该项信息时请标明查无记录")
		case a.AsOf.After(today.Time):
			in.problem = problemAt(a, "as_of", "数据截止日期%s晚于今天，请核对", a.AsOf)
		}
		if in.problem != nil {
			in.a = a
			continue
		}
		if a.PayloadSHA256 == "" {
			b, err := json.Marshal(canonicalAnswer{a.QueryID, a.SubjectRef, a.Item, a.NoRecord, a.Records, a.AsOf})
			if err != nil {
				return nil, hedui.E(op, hedui.KindInternal, err)
			}
			sum := sha256.Sum256(b)
			a.PayloadSHA256 = hex.EncodeToString(sum[:])
		}
		a.PayloadSHA256 = clip(a.PayloadSHA256, maxDigestLen)
		if len(a.Records) > 0 {
			in.records = db.kr.Seal(hedui.AppendRecordsJSON(nil, a.Records), adAnswerRecords)
		}
		in.a = a
	}
	return out, nil
}

// ingestQuery is what checking answers needs of one query.
type ingestQuery struct {
	id      string
	appID   int64
	deptID  int64
	status  string
	items   []hedui.Item
	members map[string]int64 // subject ref → member id
}

// ingestQueries reads the queries the answers name, locking them so that
// concurrent ingests of one query see each other's answers when they
// decide whether it is complete.
func (db *DB) ingestQueries(ctx context.Context, tx *sql.Tx, xs []incoming) (map[string]*ingestQuery, error) {
	var ids []string
	for _, x := range xs {
		if x.problem == nil {
			ids = append(ids, x.a.QueryID)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	qs := make(map[string]*ingestQuery, len(ids))
	for chunk := range slices.Chunk(ids, maxInList) {
		var a args
		cond := in(&a, chunk)
		rows, err := tx.QueryContext(ctx, `SELECT id, application_id, department_id, status, items FROM queries
			WHERE id IN `+cond+` ORDER BY id`+db.d.forUpdate(""), a...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			q := &ingestQuery{members: map[string]int64{}}
			var items string
			if err := rows.Scan(&q.id, &q.appID, &q.deptID, &q.status, &items); err != nil {
				rows.Close()
				return nil, err
			}
			q.items = splitList[hedui.Item](items)
			qs[q.id] = q
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
		rows, err = tx.QueryContext(ctx, `SELECT query_id, ref, member_id FROM query_subjects WHERE query_id IN `+cond, a...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var qid, ref string
			var member int64
			if err := rows.Scan(&qid, &ref, &member); err != nil {
				rows.Close()
				return nil, err
			}
			qs[qid].members[ref] = member
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return qs, nil
}

// checkAgainst finds the query an answer belongs to, or the problem.
func checkAgainst(x *incoming, qs map[string]*ingestQuery, deptID int64) (*ingestQuery, int64, *hedui.Problem) {
	a := x.a
	q, ok := qs[a.QueryID]
	switch {
	case !ok:
		return nil, 0, problemAt(a, "query_id", "查询编号“%s”不存在，请核对查询编号", clip(a.QueryID, 40))
	case q.deptID != deptID:
		return nil, 0, problemAt(a, "query_id", "查询“%s”不是发给本部门的，不能反馈", q.id)
	case q.status == qFailed:
		return nil, 0, problemAt(a, "query_id", "查询“%s”已标记为无法送达，不再接收反馈，请联系核对中心", q.id)
	}
	member, ok := q.members[a.SubjectRef]
	if !ok {
		return nil, 0, problemAt(a, "subject_ref", "核对对象编号“%s”不属于查询“%s”，请按查询中的对象编号反馈",
			clip(a.SubjectRef, 60), q.id)
	}
	if !slices.Contains(q.items, a.Item) {
		return nil, 0, problemAt(a, "item", "查询“%s”未要求核对项目“%s”", q.id, a.Item.Label())
	}
	return q, member, nil
}

const insertAnswer = `INSERT INTO answers (query_id, department_id, application_id, member_id, subject_ref, item, no_record,
	records_enc, as_of, received_at, channel, source, payload_sha256)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
	ON CONFLICT (query_id, member_id, item, payload_sha256) DO NOTHING`

// RecordAnswers stores a department's answers as evidence. The system
// (adapters) may record for any department, a liaison only for his own.
// Each answer is checked against its query; a bad one becomes a problem
// and the others are kept. A query whose every subject × item is answered
// becomes answered, and a verifying case whose every query is answered
// becomes verified, in the same transaction.
func (db *DB) RecordAnswers(ctx context.Context, by hedui.Actor, deptID int64, answers []hedui.Answer) (hedui.IngestReport, error) {
	const op = "sqlstore.RecordAnswers"
	var rep hedui.IngestReport
	if by.Role != hedui.RoleSystem && by.Role != hedui.RoleLiaison {
		return rep, hedui.Errorf(op, hedui.KindPermission, "answers_forbidden", "只有部门联络员或部门接口可以录入部门反馈")
	}
	if len(answers) > maxAnswers {
		return rep, hedui.Errorf(op, hedui.KindTooLarge, "too_many_answers", "一次最多录入%d条反馈，请分批提交", maxAnswers)
	}
	now := db.now()
	prepared, err := db.prepareAnswers(op, answers, hedui.Today(now))
	if err != nil {
		return rep, err
	}
	err = db.inTx(ctx, op, func(tx *sql.Tx) error {
		rep = hedui.IngestReport{Problems: []hedui.Problem{}, Completed: []int64{}}
		dept, err := department(ctx, tx, deptID)
		if errors.Is(err, sql.ErrNoRows) {
			return errDeptNotFound(op)
		}
		if err != nil {
			return err
		}
		if by.Role == hedui.RoleLiaison && dept.OrgID != by.OrgID {
			return hedui.Errorf(op, hedui.KindPermission, "not_own_department", "只能录入本部门的反馈")
		}
		qs, err := db.ingestQueries(ctx, tx, prepared)
		if err != nil {
			return err
		}
		touched, err := db.insertAnswers(ctx, tx, dept, prepared, qs, now, &rep)
		if err != nil {
			return err
		}
		apps, err := db.completeQueries(ctx, tx, touched, now)
		if err != nil {
			return err
		}
		if rep.Completed, err = db.completeApps(ctx, tx, apps, now); err != nil {
			return err
		}
		detail := fmt.Sprintf("录入%s的反馈%d条：新增%d条，重复%d条，有问题%d条", dept.Name, len(answers),
			rep.Recorded, rep.Duplicates, len(rep.Problems))
		if len(rep.Completed) > 0 {
			detail += fmt.Sprintf("；%d件申请反馈齐全", len(rep.Completed))
		}
		return db.appendAudit(ctx, tx, by, event{action: hedui.AuditAnswers, objectType: "department",
			objectID: fmt.Sprint(dept.ID), detail: detail})
	})
	if err != nil {
		return hedui.IngestReport{}, err
	}
	return rep, nil
}

// insertAnswers writes the answers that pass their checks with one
// prepared statement and returns the queries that got new answers.
func (db *DB) insertAnswers(ctx context.Context, tx *sql.Tx, dept hedui.Department, xs []incoming,
	qs map[string]*ingestQuery, now time.Time, rep *hedui.IngestReport) (map[string]*ingestQuery, error) {
	stmt, err := tx.PrepareContext(ctx, insertAnswer)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	touched := map[string]*ingestQuery{}
	received := db.d.ts(now)
	for i := range xs {
		x := &xs[i]
		if x.problem != nil {
			rep.Problems = append(rep.Problems, *x.problem)
			continue
		}
		q, member, problem := checkAgainst(x, qs, dept.ID)
		if problem != nil {
			rep.Problems = append(rep.Problems, *problem)
			continue
		}
		a := x.a
		channel := a.Channel
		if !channel.Valid() {
			channel = dept.Channel
		}
		res, err := stmt.ExecContext(ctx, q.id, dept.ID, q.appID, member, a.SubjectRef, string(a.Item), a.NoRecord,
			x.records, db.d.date(a.AsOf), received, string(channel), a.Source, a.PayloadSHA256)
		if err != nil {
			return nil, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		if n == 0 {
			rep.Duplicates++
			continue
		}
		rep.Recorded++
		touched[q.id] = q
	}
	return touched, nil
}
