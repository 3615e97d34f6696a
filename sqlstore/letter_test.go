package sqlstore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"hedui"
)

func TestMembershipChangeSupersedesLetter(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.sign(e.clerk, e.create(e.clerk, e.family("张建国", "李秀英")), hedui.LetterElectronic)
		first := app.ActiveLetter()
		if first == nil || first.ValidFrom != first.SignedOn || len(first.Signers) != 2 || first.Number != "SQ621002001-2026-00001" {
			t.Fatalf("letter %+v", first)
		}
		child := e.person("张小宝", hedui.RelChild, 12)
		app, err := e.db.AddMembers(e.ctx, e.clerk, app.ID, []hedui.NewMember{child})
		must(t, err)
		if app.ActiveLetter() != nil || app.Letters[0].Status != hedui.LetterSuperseded ||
			app.Letters[0].StatusNote != noteMembershipChanged || len(app.Members) != 3 {
			t.Fatalf("after adding a member: letters %+v", app.Letters)
		}
		_, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		wantKind(t, err, hedui.KindInvalid)
		if hedui.CodeOf(err) != "missing_letter" {
			t.Fatalf("code %q", hedui.CodeOf(err))
		}

		// A child signs through a guardian.
		l := hedui.NewLetter{Form: hedui.LetterElectronic, SignedOn: hedui.DateOf(hedui.Civil(start))}
		for _, m := range app.Members {
			l.Signers = append(l.Signers, hedui.Signer{IDNumber: m.IDNumber})
		}
		_, err = e.db.AddLetter(e.ctx, e.clerk, app.ID, l)
		wantKind(t, err, hedui.KindInvalid)
		l.Signers[2].AgentName, l.Signers[2].AgentIDNumber, l.Signers[2].AgentRelation = "张建国", app.Members[0].IDNumber, "监护人（父亲）"
		app, err = e.db.AddLetter(e.ctx, e.clerk, app.ID, l)
		must(t, err)
		if s := app.ActiveLetter().Signers[2]; s.AgentName != "张建国" || s.AgentIDNumber != app.Members[0].IDNumber {
			t.Fatalf("guardian %+v", s)
		}
		app, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		must(t, err)

		// Removing a member once submitted is refused; after a return it
		// supersedes the letter again.
		_, err = e.db.RemoveMember(e.ctx, e.clerk, app.ID, app.Members[2].ID)
		wantKind(t, err, hedui.KindConflict)
		if hedui.MessageOf(err) != "申请当前状态为“待复审”，不能修改" {
			t.Fatalf("message %q", hedui.MessageOf(err))
		}
		_, err = e.db.Transition(e.ctx, e.verifier, app.ID, hedui.ActReturn, "孩子户口已迁出")
		must(t, err)
		app, err = e.db.RemoveMember(e.ctx, e.clerk, app.ID, app.Members[2].ID)
		must(t, err)
		if len(app.Members) != 2 || app.ActiveLetter() != nil {
			t.Fatalf("after removal: %d members, active letter %v", len(app.Members), app.ActiveLetter())
		}
		if n := e.count("active_persons"); n != 2 {
			t.Fatalf("active_persons %d, want 2", n)
		}
		_, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		wantKind(t, err, hedui.KindInvalid)
		_, err = e.db.RemoveMember(e.ctx, e.clerk, app.ID, 99999)
		wantKind(t, err, hedui.KindNotFound)
	})
}

func TestPaperLetterScan(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		app := e.sign(e.clerk, e.create(e.clerk, e.family("张建国", "李秀英")), hedui.LetterPaper)
		letter := app.ActiveLetter()
		_, err := e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		wantKind(t, err, hedui.KindInvalid)
		if hedui.CodeOf(err) != "missing_letter_scan" {
			t.Fatalf("code %q", hedui.CodeOf(err))
		}
		_, err = e.db.LetterScan(e.ctx, e.clerk, app.ID, letter.ID)
		wantKind(t, err, hedui.KindNotFound)

		data := append([]byte("%PDF-1.7 授权书 张建国 "), bytes.Repeat([]byte{0, 1, 2, 0xff}, 5000)...)
		scan := hedui.Scan{FileName: `C:\扫描\授权书.pdf`, ContentType: "application/pdf", Data: data}
		for _, tc := range []struct {
			name string
			by   hedui.Actor
			scan hedui.Scan
			want hedui.Kind
		}{
			{"empty", e.clerk, hedui.Scan{FileName: "a.pdf"}, hedui.KindInvalid},
			{"too large", e.clerk, hedui.Scan{FileName: "a.pdf", Data: make([]byte, MaxScanBytes+1)}, hedui.KindTooLarge},
			{"verifier", e.verifier, scan, hedui.KindPermission},
			{"other township", e.clerk2, scan, hedui.KindNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := e.db.PutLetterScan(e.ctx, tc.by, app.ID, letter.ID, tc.scan)
				wantKind(t, err, tc.want)
			})
		}

		app, err = e.db.PutLetterScan(e.ctx, e.clerk, app.ID, letter.ID, scan)
		must(t, err)
		sum := sha256.Sum256(data)
		info := app.ActiveLetter().Scan
		if info == nil || info.SHA256 != hex.EncodeToString(sum[:]) || info.Size != int64(len(data)) ||
			info.FileName != "授权书.pdf" || info.ContentType != "application/pdf" || info.UploadedAt.IsZero() {
			t.Fatalf("scan info %+v", info)
		}
		for _, by := range []hedui.Actor{e.clerk, e.verifier, e.city} {
			got, err := e.db.LetterScan(e.ctx, by, app.ID, letter.ID)
			must(t, err)
			if !bytes.Equal(got.Data, data) || got.FileName != "授权书.pdf" || got.ContentType != "application/pdf" {
				t.Fatalf("%s: scan round trip lost data (%d bytes, %q)", by.Username, len(got.Data), got.FileName)
			}
		}
		_, err = e.db.LetterScan(e.ctx, e.verQC, app.ID, letter.ID)
		wantKind(t, err, hedui.KindNotFound)

		app, err = e.db.Transition(e.ctx, e.clerk, app.ID, hedui.ActSubmit, "")
		must(t, err)
		if app.Status != hedui.StatusSubmitted {
			t.Fatalf("status %q", app.Status)
		}
	})
}

func TestLetterNumbers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := e.create(e.clerk, e.family("张建国", "李秀英"))
		l := hedui.NewLetter{Number: "QY-2026-0001", Form: hedui.LetterElectronic, SignedOn: hedui.DateOf(hedui.Civil(start))}
		for _, m := range a.Members {
			l.Signers = append(l.Signers, hedui.Signer{IDNumber: m.IDNumber})
		}
		a, err := e.db.AddLetter(e.ctx, e.clerk, a.ID, l)
		must(t, err)
		if a.ActiveLetter().Number != "QY-2026-0001" {
			t.Fatalf("number %q", a.ActiveLetter().Number)
		}
		// Re-signing replaces the letter; a number already used is refused.
		_, err = e.db.AddLetter(e.ctx, e.clerk, a.ID, l)
		wantKind(t, err, hedui.KindConflict)
		l.Number = ""
		a, err = e.db.AddLetter(e.ctx, e.clerk, a.ID, l)
		must(t, err)
		if len(a.Letters) != 2 || a.Letters[0].Status != hedui.LetterSuperseded || a.ActiveLetter().ID != a.Letters[1].ID {
			t.Fatalf("letters %+v", a.Letters)
		}
		future := l
		future.SignedOn = hedui.DateOf(hedui.Civil(start).AddDate(0, 0, 1))
		_, err = e.db.AddLetter(e.ctx, e.clerk, a.ID, future)
		wantKind(t, err, hedui.KindInvalid)
	})
}
