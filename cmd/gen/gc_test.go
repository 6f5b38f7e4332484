package main

import "testing"

// TestGCPercentFor: the next collection comes at the ceiling for a small
// live heap, within the bounds, at Go's default for a heap past half the
// ceiling, and at bigGCPercent for a very large one.
func TestGCPercentFor(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		live uint64
		want int
	}{
		{0, maxGCPercent},
		{4 * mb, maxGCPercent}, // 160/4 - 1 = 3900 %, capped
		{32 * mb, 400},         // 160/32 - 1
		{48 * mb, 233},         // a batch of 1,000 reports
		{80 * mb, 100},
		{100 * mb, minGCPercent},
		{bigHeap - 1, minGCPercent},
		{bigHeap, bigGCPercent},
		{1 << 30, bigGCPercent},
	}
	for _, c := range cases {
		if got := gcPercentFor(c.live); got != c.want {
			t.Errorf("gcPercentFor(%d MB) = %d, want %d", c.live/mb, got, c.want)
		}
	}
}
