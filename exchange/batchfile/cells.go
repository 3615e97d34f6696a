package batchfile

import (
	"strings"

	"hedui"
)

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
