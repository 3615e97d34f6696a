package report

import (
	"slices"
	"testing"
)

// fixed measures every rune as one unit wide, a space as half.
type fixed struct{}

func (fixed) RuneWidth(r rune, size float64) float64 {
	if r == ' ' {
		return 0.5
	}
	return 1
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width float64
		want  []string
	}{
		{"", 5, []string{""}},
		{"核对报告", 5, []string{"核对报告"}},
		{"居民家庭经济状况核对报告", 5, []string{"居民家庭经", "济状况核对", "报告"}},
		{"张喆，马文堃。", 3, []string{"张喆，", "马文堃。"}},           // punctuation hangs
		{"abc defg hij", 8, []string{"abc defg", "hij"}},  // breaks at spaces
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}}, // a long word is cut
		{"存款123456元", 6, []string{"存款", "123456", "元"}},
		{"第一行\n第二行", 10, []string{"第一行", "第二行"}},
		{"（括号）内容很长", 4, []string{"（括号）", "内容很长"}},
	} {
		got := wrap(fixed{}, tc.in, 1, tc.width, nil)
		if !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}
