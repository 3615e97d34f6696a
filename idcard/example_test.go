package idcard_test

import (
	"errors"
	"fmt"
	"time"

	"hedui/idcard"
)

func ExampleParse() {
	now := time.Date(2024, time.June, 15, 0, 0, 0, 0, time.UTC)
	n, err := idcard.Parse("１１０１０５１９４９１２３１００２ｘ", now)
	if err != nil {
		panic(err)
	}
	fmt.Println(n.Canonical, n.Area, n.Birth.Format(time.DateOnly), n.Gender(), idcard.Age(n, now))
	// Output: 11010519491231002X 110105 1949-12-31 female 74
}

func ExampleError_Chinese() {
	now := time.Date(2024, time.June, 15, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"11010519491231002", "621002199902300011", "110105194912310021"} {
		_, err := idcard.Parse(s, now)
		var e *idcard.Error
		if errors.As(err, &e) {
			fmt.Println(e.Reason, "|", e.Chinese())
		}
	}
	// Output:
	// length | 身份证号码应为18位，当前为17位
	// birth date | 身份证号码第7-14位出生日期无效：19990230
	// check digit | 身份证号码校验位错误：最后一位应为X，请核对是否录入有误
}

func ExampleMask() {
	fmt.Println(idcard.Mask("621002201003151235"))
	fmt.Println(idcard.Mask("12345"))
	// Output:
	// 621002********1235
	// *****
}

func ExampleUpgrade15() {
	s, err := idcard.Upgrade15("110105491231002")
	fmt.Println(s, err)
	// Output: 11010519491231002X <nil>
}

func ExampleMake() {
	// An even sequence number makes a female record.
	fmt.Println(idcard.Make("410302", time.Date(2000, time.February, 29, 0, 0, 0, 0, time.UTC), 18))
	// Output: 41030220000229018X
}
