package http

import (
	"bytes"
	stdhttp "net/http"
	"strings"

	"hedui"
	"hedui/rolls"
)

// rollImportResponse is what an import did, with its validation report
// and a sentence saying so.
type rollImportResponse struct {
	Import  hedui.RollImport `json:"import"`
	Outcome string           `json:"outcome"`
}

// handleRollImport serves POST /api/v1/rolls: a verifier uploads his
// county's 低保/特困 roll (multipart: county, mode and file; county and
// mode may also be query parameters). A file that cannot be read as a roll
// is a 422 with the reason; otherwise the response is 200 with what
// changed and, row by row, what was refused and why. Nothing is stored
// from a refused household, and a file refused as a whole stores nothing.
func (s *Server) handleRollImport(w stdhttp.ResponseWriter, r *stdhttp.Request, by hedui.Actor) error {
	const op = "http.rollImport"
	name, data, form, err := s.readUpload(w, r, "名册文件")
	if err != nil {
		return err
	}
	param := func(k string) string {
		if v, ok := form[k]; ok {
			return strings.TrimSpace(v)
		}
		return strings.TrimSpace(r.URL.Query().Get(k))
	}
	county, mode, err := rollTarget(op, by, param("county"), param("mode"))
	if err != nil {
		return err
	}
	if name == "" {
		name = "名册文件"
	}
	up, err := rolls.Parse(name, bytes.NewReader(data), county, mode, rolls.Options{MaxBytes: s.maxUpload, Now: s.now})
	if err != nil {
		switch hedui.KindOf(err) {
		case hedui.KindTooLarge, hedui.KindTransient, hedui.KindInternal:
			return err
		}
		return hedui.E(op, hedui.KindInvalid, err) // the file as a whole is unusable
	}
	imp, err := s.store.ImportRoll(r.Context(), by, up)
	if err != nil {
		return err
	}
	imp.Problems = nonNil(imp.Problems)
	writeJSON(w, stdhttp.StatusOK, rollImportResponse{Import: imp, Outcome: imp.Outcome()})
	return nil
}

// rollTarget reads the county and the mode of an import: a county
// verifier's own county by default, and a full import by default, since a
// county's export is its whole roll.
func rollTarget(op string, by hedui.Actor, county, mode string) (string, hedui.RollMode, error) {
	if county == "" && by.Level == hedui.LevelCounty {
		county = by.Division
	}
	if len(county) != 6 || !allDigits(county) {
		return "", "", hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_county", "county", "请选择名册所属的县区（6位区划代码）")
	}
	m := hedui.RollMode(mode)
	if m == "" {
		m = hedui.RollFull
	}
	if m != hedui.RollFull && m != hedui.RollIncremental {
		return "", "", hedui.FieldErrorf(op, hedui.KindInvalid, "invalid_mode", "mode", "导入方式应为full（全量）或incremental（增量）")
	}
	return county, m, nil
}
