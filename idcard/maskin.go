package idcard

import "regexp"

// idLike matches what could be an ID number inside free text: 18 digits
// (the last may be X) or 15 digits.
var idLike = regexp.MustCompile(`\d{17}[\dXx]|\d{15}`)

// MaskIn masks everything in s that looks like an ID number, for text that
// goes to logs (request paths, messages from outside) where one might
// have slipped in.
func MaskIn(s string) string { return idLike.ReplaceAllStringFunc(s, Mask) }
