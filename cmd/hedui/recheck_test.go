package main

import (
	"bytes"
	"encoding/base64"
	"log/slog"
	"maps"
	"slices"
	"testing"
	"time"

	"hedui"
	"hedui/deptsim"
	"hedui/exchange"
)

// TestRoundAdapters checks which channels a node's round worker asks
// from the process: the online interface whenever the node signs online
// requests, the simulator in the demo, never the file or manual channels.
func TestRoundAdapters(t *testing.T) {
	secret := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{9}, 32))
	sim := deptsim.NewAdapter(nil, deptsim.Behaviour{}, time.Now)
	tests := []struct {
		name   string
		secret string
		extra  []exchange.Adapter
		want   []hedui.Channel
	}{
		{"serve without a signing key", "", nil, nil},
		{"serve signing online requests", secret, nil, []hedui.Channel{hedui.ChannelOnline}},
		{"demo", secret, []exchange.Adapter{sim}, []hedui.Channel{hedui.ChannelOnline, hedui.ChannelSimulator}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			xf := exchangeFlags{dir: t.TempDir(), secret: tt.secret}
			all, _, err := xf.adapters(t.TempDir(), slog.New(slog.DiscardHandler), tt.extra...)
			if err != nil {
				t.Fatal(err)
			}
			got := roundAdapters(all)
			if cs := slices.Sorted(maps.Keys(got)); !slices.Equal(cs, tt.want) {
				t.Fatalf("round channels %v, want %v", cs, tt.want)
			}
			for c, a := range got {
				if a != all[c] {
					t.Errorf("%s: not the node's own adapter", c)
				}
			}
		})
	}
}
