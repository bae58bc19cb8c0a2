package audit_test

import (
	"testing"
	"time"

	"jixiao/domain/audit"
)

func chain(n int) []audit.Link {
	prev := audit.Genesis
	out := make([]audit.Link, n)
	for i := range out {
		doc := `{"a": 1}`
		l := audit.Link{Seq: int64(i + 1), ID: int64(10 + i), At: time.Unix(1719800000, 123456000), Actor: "u", Action: "x.y", Detail: &doc, PrevHash: prev}
		l.Hash = l.ComputeHash(prev)
		prev = l.Hash
		out[i] = l
	}
	return out
}

func TestChainCheckFindsTheFirstBrokenLink(t *testing.T) {
	tests := []struct {
		name     string
		anchored bool
		edit     func([]audit.Link) []audit.Link
		wantSeq  int64 // 0: holds
	}{
		{"intact", false, func(l []audit.Link) []audit.Link { return l }, 0},
		{"content changed", false, func(l []audit.Link) []audit.Link { l[2].Actor = "v"; return l }, 3},
		{"NULL and empty differ", false, func(l []audit.Link) []audit.Link { e := ""; l[1].Before = &e; return l }, 2},
		{"row removed", false, func(l []audit.Link) []audit.Link { return append(l[:1], l[2:]...) }, 3},
		{"first row removed", false, func(l []audit.Link) []audit.Link { return l[1:] }, 2},
		{"anchored piece from the middle", true, func(l []audit.Link) []audit.Link { return l[2:] }, 0},
		{"anchored piece with a gap", true, func(l []audit.Link) []audit.Link { return append(l[1:2], l[3:]...) }, 4},
		{"anchored from seq 1 with a forged start", true, func(l []audit.Link) []audit.Link { l[0].PrevHash = l[1].Hash; return l }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := audit.NewChainCheck()
			if tt.anchored {
				c = audit.NewAnchoredChainCheck()
			}
			var got int64
			for _, l := range tt.edit(chain(5)) {
				if b := c.Next(l); b != nil {
					got = b.Seq
					break
				}
			}
			if got != tt.wantSeq {
				t.Errorf("broken at %d, want %d", got, tt.wantSeq)
			}
		})
	}
}
