package cli

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
)

// The garbage collector's settings for a run. msglint is a short-lived
// batch process whose live heap grows with the corpus (about 15 KB a file
// on the bench corpus). GOGC=200 lets the heap grow to three times what is
// live before collecting. A fixed soft memory limit on top of it (200 MiB,
// until issue 15) made the collector run almost continuously once the live
// heap came near the limit (83 cycles at 20,000 files, 2-3x the wall
// time), so the limit now follows the live heap instead: after every
// collection it is set to gcLiveFactor times the heap that survived it, and
// never below gcLimitFloor. Small runs keep GOGC=200 (the floor is above
// three times their live heap); big ones collect when the heap reaches
// twice what is live (as with GOGC=100), which bounds the number of cycles
// to the logarithm of the heap's growth and the peak to about twice the
// live heap. GOGC and GOMEMLIMIT, when set, win (docs/performance.md).
//
// Once every file is checked (gcFilesDone), the collector runs once: what
// it measures then is the live heap without the garbage the workers made
// while it marked (70-130 MB at 100,000 bench files), so the limit the
// tuner sets for the rest of the run (the findings decoded into the
// result, the output) is twice what is really live. At 100,000 bench
// files that took the peak RSS from about 710 to about 645 MB; a lower
// factor from there (1.6) gave about 590 MB, 1.25 made the collector run
// without pause (docs/performance.md).
const (
	gcPercent    = 200
	gcLimitFloor = 200 << 20
	gcLiveFactor = 2
)

// gcTuned says setGC started the tuner (the environment did not set the
// collector).
var gcTuned atomic.Bool

// setGC applies the settings above unless the environment sets them.
func setGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		factor := float64(gcLiveFactor)
		// MSGLINT_GC_LIVE_FACTOR: a developer aid to measure other factors.
		if f, err := strconv.ParseFloat(os.Getenv("MSGLINT_GC_LIVE_FACTOR"), 64); err == nil && f >= 1 {
			factor = f
		}
		debug.SetMemoryLimit(gcLimitFloor)
		gcTuned.Store(true)
		startLimitTuner(factor)
	}
}

// gcFilesDone is project.Options.FilesDone for the batch commands: one
// collection at the end of the per-file work, when setGC tuned the
// collector.
func gcFilesDone() {
	if gcTuned.Load() {
		runtime.GC()
	}
}

// gcLimit is the soft memory limit for a live heap of live bytes.
func gcLimit(live uint64, factor float64) int64 {
	l := int64(float64(live) * factor)
	if l < gcLimitFloor {
		return gcLimitFloor
	}
	return l
}

// gcSentinel holds a pointer so that it is never batched by the tiny
// allocator (whose objects' finalizers may never run).
type gcSentinel struct{ _ *byte }

// startLimitTuner sets the soft memory limit from the live heap after
// every garbage collection: a finalizer on an unreachable sentinel runs
// once after each cycle and arms the next one, until stop is called.
func startLimitTuner(factor float64) (stop func()) {
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	tune := func(*gcSentinel) {
		if stopped.Load() {
			return
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(gcLimit(sample[0].Value.Uint64(), factor))
		}
		arm()
	}
	arm = func() {
		runtime.SetFinalizer(new(gcSentinel), tune)
	}
	arm()
	return func() { stopped.Store(true) }
}
