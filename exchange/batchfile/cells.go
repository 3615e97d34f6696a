package batchfile

import (
	"errors"
	"strings"

	"hedui"
)

var errYesNo = errors.New("请填写“是”或“否”")

// parseYesNo reads the 查无记录 flag. Empty means no.
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "是", "y", "yes", "1", "true", "√":
		return true, nil
	case "否", "n", "no", "0", "false", "":
		return false, nil
	}
	return false, errYesNo
}

// yesNo writes the 查无记录 flag.
func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// itemByName maps item codes (lower case) and Chinese labels to items.
var itemByName = func() map[string]hedui.Item {
	m := make(map[string]hedui.Item, 2*len(hedui.Items))
	for _, it := range hedui.Items {
		m[string(it)] = it
		m[it.Label()] = it
	}
	return m
}()

// parseItem accepts an item's code in any case or its Chinese label.
func parseItem(s string) (hedui.Item, bool) {
	if it, ok := itemByName[s]; ok {
		return it, true
	}
	it, ok := itemByName[strings.ToLower(s)]
	return it, ok
}
