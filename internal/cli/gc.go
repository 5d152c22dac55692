package cli

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
)

// The garbage collector's settings for a run. msglint is a short-lived
// batch process whose live heap grows with the corpus (about 1.6 KB a
// file on the bench corpus). GOGC=200 lets the heap grow to three times
// what is live before collecting. A fixed soft memory limit on top of it
// (200 MiB, until issue 15) made the collector run almost continuously
// once the live heap came near the limit (83 cycles at 20,000 files, 2-3x
// the wall time), so the limit now follows the live heap instead: after
// every collection it is set to a factor times the heap that survived it,
// and never below gcLimitFloor. Small runs keep GOGC=200 (the floor is
// above three times their live heap); big ones collect when the heap
// reaches that factor times what the last cycle marked, which bounds the
// number of cycles to the logarithm of the heap's growth and the peak to
// about the factor times the live heap. GOGC and GOMEMLIMIT, when set,
// win (docs/performance.md).
//
// While the files are checked the factor is gcGrowFactor, 1.8: what a
// cycle marks then is the live heap plus what the two workers allocated
// while it marked (50-60 MB at 100,000 bench files, where the live heap
// is about 165 MB), so 1.8 times it is still more than twice what is
// really live and the collector never runs back to back; with 2, the
// peak RSS at 100,000 bench files was 415-443 MB, with 1.8 about 365 MB,
// for no CPU that the runs could tell apart (docs/performance.md).
//
// Once every file is checked (gcFilesDone), the collector runs once: what
// it measures then is the live heap without that garbage, and the factor
// for the rest of the run (the cross-file steps, the output) is
// gcLiveFactor, 2. At 100,000 bench files that collection took the peak
// RSS from about 710 to about 645 MB when the output still held every
// finding (a lower factor from there, 1.6, gave about 590 MB; 1.25 made
// the collector run without pause).
const (
	gcPercent    = 200
	gcLimitFloor = 200 << 20
	gcLiveFactor = 2
	gcGrowFactor = 1.8
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
		// MSGLINT_GC_GROW_FACTOR and MSGLINT_GC_LIVE_FACTOR: developer
		// aids to measure other factors.
		gcAfterFactor = envFactor("MSGLINT_GC_LIVE_FACTOR", gcLiveFactor)
		debug.SetMemoryLimit(gcLimitFloor)
		gcTuned.Store(true)
		startLimitTuner(envFactor("MSGLINT_GC_GROW_FACTOR", gcGrowFactor))
	}
}

// gcAfterFactor is the tuner's factor once the files are done.
var gcAfterFactor = float64(gcLiveFactor)

// envFactor is the factor the environment variable name sets (at least
// 1), else def.
func envFactor(name string, def float64) float64 {
	if f, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil && f >= 1 {
		return f
	}
	return def
}

// gcFilesDone is project.Options.FilesDone for the batch commands: one
// collection at the end of the per-file work, when setGC tuned the
// collector, whose live heap is then what is really live: from there the
// limit is gcLiveFactor times it.
func gcFilesDone() {
	if gcTuned.Load() {
		gcFactor.Store(math.Float64bits(gcAfterFactor))
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

// gcFactor is the tuner's factor (float64 bits): gcGrowFactor while the
// files are checked, gcLiveFactor after.
var gcFactor atomic.Uint64

// gcSentinel holds a pointer so that it is never batched by the tiny
// allocator (whose objects' finalizers may never run).
type gcSentinel struct{ _ *byte }

// startLimitTuner sets the soft memory limit from the live heap after
// every garbage collection: a finalizer on an unreachable sentinel runs
// once after each cycle and arms the next one, until stop is called.
func startLimitTuner(factor float64) (stop func()) {
	gcFactor.Store(math.Float64bits(factor))
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	tune := func(*gcSentinel) {
		if stopped.Load() {
			return
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(gcLimit(sample[0].Value.Uint64(), math.Float64frombits(gcFactor.Load())))
		}
		arm()
	}
	arm = func() {
		runtime.SetFinalizer(new(gcSentinel), tune)
	}
	arm()
	return func() { stopped.Store(true) }
}
