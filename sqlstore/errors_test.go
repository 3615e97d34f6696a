package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"hedui"
)

func TestWrapDB(t *testing.T) {
	tests := []struct {
		name string
		err  error
		kind hedui.Kind
		code string
	}{
		{"cancelled", fmt.Errorf("query: %w", context.Canceled), hedui.KindTransient, "canceled"},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), hedui.KindTransient, "database_busy"},
		{"other", errors.New("disk I/O error"), hedui.KindInternal, "database_error"},
		{"hedui error passes", hedui.Errorf("x", hedui.KindNotFound, "nf", "未找到"), hedui.KindNotFound, "nf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := wrapDB("sqlstore.Test", tt.err)
			var he *hedui.Error
			if !errors.As(err, &he) || hedui.KindOf(err) != tt.kind || he.Code != tt.code {
				t.Fatalf("wrapDB(%v) = %v (kind %v), want kind %v code %q", tt.err, err, hedui.KindOf(err), tt.kind, tt.code)
			}
		})
	}
}
