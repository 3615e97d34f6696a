package batchfile

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hedui"
)

// InboxStore is what importing answer files needs of the store.
type InboxStore interface {
	Departments(ctx context.Context, by hedui.Actor) ([]hedui.Department, error)
	RecordAnswers(ctx context.Context, by hedui.Actor, deptID int64, answers []hedui.Answer) (hedui.IngestReport, error)
}

// Inbox imports the answer files that the exchange machine drops into Dir.
// A file is named "<department code>_<anything>.csv|xlsx"; once read it is
// moved to done/ (or failed/, when the file as a whole is unreadable) with a
// report beside it listing every rejected row by line. Importing the same
// file again records nothing new: answers are kept by content hash.
type Inbox struct {
	Dir     string
	Store   InboxStore
	Options ReadOptions
	Now     func() time.Time
	Logger  *slog.Logger
}

// InboxStats counts one pass.
type InboxStats struct {
	Files, Recorded, Duplicates, Problems, Failed int
}

var inboxActor = hedui.SystemActor("信息核对：导入部门反馈文件")

// RunOnce imports every file now in the inbox.
func (in *Inbox) RunOnce(ctx context.Context) (InboxStats, error) {
	var st InboxStats
	entries, err := os.ReadDir(in.Dir)
	if err != nil {
		return st, err
	}
	depts, err := in.Store.Departments(ctx, inboxActor)
	if err != nil {
		return st, err
	}
	byCode := map[string]hedui.Department{}
	for _, d := range depts {
		byCode[d.Code] = d
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") || (ext != ".csv" && ext != ".xlsx") {
			continue
		}
		st.Files++
		if err := in.importFile(ctx, name, byCode, &st); err != nil {
			errs = append(errs, err)
		}
	}
	return st, errors.Join(errs...)
}

func (in *Inbox) importFile(ctx context.Context, name string, byCode map[string]hedui.Department, st *InboxStats) error {
	code, _, _ := strings.Cut(name, "_")
	dept, ok := byCode[code]
	if !ok {
		st.Failed++
		return in.settle(name, "failed", fmt.Sprintf("文件名应以部门代码开头（如 %s_202611.xlsx），未找到部门“%s”", "621002-bank", code))
	}
	f, err := os.Open(filepath.Join(in.Dir, name))
	if err != nil {
		return err
	}
	opt := in.Options
	if opt.Now == nil {
		opt.Now = in.Now
	}
	imp, err := ReadAnswers(name, f, opt)
	f.Close()
	if err != nil {
		st.Failed++
		return in.settle(name, "failed", hedui.MessageOf(err))
	}
	for i := range imp.Answers {
		imp.Answers[i].DepartmentID = dept.ID
		imp.Answers[i].Channel = hedui.ChannelBatchFile
	}
	rep, err := in.Store.RecordAnswers(ctx, inboxActor, dept.ID, imp.Answers)
	if err != nil {
		return err // the store is unwell: leave the file for the next pass
	}
	st.Recorded += rep.Recorded
	st.Duplicates += rep.Duplicates
	var b strings.Builder
	fmt.Fprintf(&b, "文件：%s\n部门：%s\n读取%d行，记录%d条反馈，重复%d条\n", name, dept.Name, imp.Rows, rep.Recorded, rep.Duplicates)
	for _, p := range imp.Problems {
		fmt.Fprintf(&b, "第%d行 %s：%s\n", p.Line, p.Column, p.Message)
		st.Problems++
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(&b, "%s %s：%s\n", p.Source, p.Column, p.Message)
		st.Problems++
	}
	return in.settle(name, "done", b.String())
}

// settle moves a file out of the inbox with its report, so that the next
// pass does not read it again and a person can see what happened.
func (in *Inbox) settle(name, to, report string) error {
	dir := filepath.Join(in.Dir, to)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	now := time.Now
	if in.Now != nil {
		now = in.Now
	}
	dest := filepath.Join(dir, now().Format("20060102T150405")+"_"+name)
	if err := os.Rename(filepath.Join(in.Dir, name), dest); err != nil {
		return err
	}
	if in.Logger != nil {
		in.Logger.Info("answer file imported", "file", name, "to", to)
	}
	return os.WriteFile(dest+".report.txt", []byte(report), 0o600)
}
