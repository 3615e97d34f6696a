package report

// Options are the rendering settings that are not part of the frozen
// report content. The PDF bytes depend on them, so an issued report must
// be rendered again with the same options to give the same SHA-256.
type Options struct {
	// Code is the verification code printed in every page's footer
	// (XXXX-XXXX, see Seal). Empty on the unsealed draft Issue renders
	// first.
	Code string
	// VerifyURL is where a reader checks the code, e.g.
	// https://hedui.example.gov.cn/verify.
	VerifyURL string
	// MemberNames names members that the comparison rows refer to by id
	// (hedui.ComparisonRow.MemberID), over and above the content's own
	// members (hedui.ReportPerson.MemberID), which need no entry here. A
	// row whose member has no name shows "—".
	MemberNames map[int64]string
	// PrintCount, when positive, prints "第N次打印" in the footer of a
	// reprint. The sealed original has 0: a reprint with a count is not
	// byte-identical to it.
	PrintCount int
}
