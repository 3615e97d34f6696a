package sqlstore

import (
	"errors"

	"hedui"
	"hedui/crypt"
)

// Associated data for sealed columns: a ciphertext copied into another
// column does not open there.
const (
	adAddress      = "households.address"
	adMemberName   = "members.name"
	adMemberID     = "members.id_number"
	adIncomeSource = "declaration_incomes.source"
	adIncomeNote   = "declaration_incomes.note"
	adAssetDesc    = "declaration_assets.description"
	adAgentName    = "letter_signers.agent_name"
	adAgentID      = "letter_signers.agent_id_number"
	adScanName     = "letter_scans.file_name"
	adScanData     = "letter_scans.data"
	adComment      = "transitions.comment"
)

// seal encrypts free text; the empty string stays empty so that optional
// fields cost nothing.
func (db *DB) seal(s, ad string) string {
	if s == "" {
		return ""
	}
	return db.kr.SealString(s, ad)
}

// opener opens several sealed values and keeps the first failure, so that
// row decoding reads as a list of fields rather than a list of checks.
type opener struct {
	kr  *crypt.Keyring
	err error
}

func (db *DB) opener() *opener { return &opener{kr: db.kr} }

func (o *opener) str(sealed, ad string) string {
	b := o.bytes(sealed, ad)
	return string(b)
}

func (o *opener) bytes(sealed, ad string) []byte {
	if sealed == "" || o.err != nil {
		return nil
	}
	b, err := o.kr.Open(sealed, ad)
	o.keep(err, ad)
	return b
}

// keep records the first failure. The column is named; the value never is.
func (o *opener) keep(err error, ad string) {
	if err != nil {
		o.err = errors.Join(errors.New("sqlstore: cannot open sealed "+ad), err)
	}
}

// binary opens a value of a binary column (crypt.SealBinary).
func (o *opener) binary(sealed []byte, ad string) []byte {
	if len(sealed) == 0 || o.err != nil {
		return nil
	}
	b, err := o.kr.OpenBinary(sealed, ad)
	o.keep(err, ad)
	return b
}

// done returns the first failure as an internal hedui error.
func (o *opener) done(op string) error {
	if o.err == nil {
		return nil
	}
	return hedui.E(op, hedui.KindInternal, "cannot_decrypt", "数据无法解密，请联系管理员检查密钥配置", o.err)
}
