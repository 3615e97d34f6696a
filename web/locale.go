package web

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// zhCN is the catalogue of UI strings in Simplified Chinese. The labels of
// the domain's own vocabulary (statuses, roles, assistance types …) come
// from the hedui package's Label methods, so that the API, the reports and
// the pages say the same thing.
//
//go:embed locale/zh-CN.json
var zhCN []byte

// catalogue maps a message key to its text; a text may hold fmt verbs.
type catalogue map[string]string

func mustLoadCatalogue() catalogue {
	var c catalogue
	if err := json.Unmarshal(zhCN, &c); err != nil {
		panic("web: locale/zh-CN.json: " + err.Error())
	}
	return c
}

// get returns the text of key formatted with args. A missing key shows
// as the key in brackets, so that it is seen in a screenshot; a test
// checks that every key the templates and handlers use exists.
func (c catalogue) get(key string, args ...any) string {
	s, ok := c[key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) > 0 && strings.Contains(s, "%") {
		return fmt.Sprintf(s, args...)
	}
	return s
}
