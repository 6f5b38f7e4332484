package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The collector's settings for a short-lived command. Go's default
// (GOGC=100 from a 4 MB heap) collects a dozen times while one report is
// made, taking about a sixth of its CPU, although the whole process ends
// with a heap of a few tens of MB. So gen lets the heap grow to
// heapCeiling before it collects: after each collection the percentage is
// set so that the next one comes when the heap reaches heapCeiling, but
// never below 100 (Go's default) and never above maxGCPercent. One report
// is not collected at all; a batch of 1,000 reports (45–50 MB live) is
// collected at about GOGC=250, a third as often as at the default (a
// ceiling of 96 MiB: user CPU 19.9 → 18.2 s, peak 172 → 245 MiB, within
// the 300 MiB goal); a job whose live heap outgrows the ceiling's half is
// collected as with the default. A job whose live heap passes bigHeap (a
// volume of 1,000 reports, a few hundred MB live at its end) is collected
// at bigGCPercent, which lowers its peak by a quarter (1,000-report
// volume: 658–683 → 512–515 MiB, for ~7 % more wall time). No memory
// limit is set: a limit below a large job's live heap would make the
// collector run back to back.
const (
	heapCeiling  = 160 << 20 // bytes of heap a job may reach before it is collected
	maxGCPercent = 1600
	minGCPercent = 100
	bigHeap      = 128 << 20 // live bytes from which the percentage is bigGCPercent
	bigGCPercent = 50
)

// tuneGC applies the settings above unless the user chose GOGC or
// GOMEMLIMIT (then Go's own handling of them stands).
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	// The first collection comes at 4 MB × maxGCPercent / 100.
	debug.SetGCPercent(gcPercentFor(4 << 20))
	armGCHook()
}

// gcPercentFor is the percentage that puts the next collection at
// heapCeiling for a live heap of live bytes, within [minGCPercent,
// maxGCPercent]; bigGCPercent from bigHeap on.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	if live >= bigHeap {
		return bigGCPercent
	}
	p := (float64(heapCeiling)/float64(live) - 1) * 100
	return int(math.Max(minGCPercent, math.Min(maxGCPercent, p)))
}

// gcTick is an object whose only use is its finalizer, which runs once
// after the collection that finds it unreachable: it retunes the collector
// and makes a new tick for the next collection.
type gcTick struct{ _ *int } // a pointer, so it is not a tiny allocation

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

func armGCHook() {
	runtime.SetFinalizer(&gcTick{}, func(*gcTick) {
		metrics.Read(liveSample)
		if liveSample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetGCPercent(gcPercentFor(liveSample[0].Value.Uint64()))
		}
		armGCHook()
	})
}
