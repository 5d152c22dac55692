package cli

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCLimit(t *testing.T) {
	for _, c := range []struct {
		live   uint64
		factor float64
		want   int64
	}{
		{0, 2, gcLimitFloor},
		{50 << 20, 2, gcLimitFloor},
		{100 << 20, 2, gcLimitFloor},
		{101 << 20, 2, 202 << 20},
		{300 << 20, 2, 600 << 20},
		{300 << 20, 1.5, 450 << 20},
	} {
		if got := gcLimit(c.live, c.factor); got != c.want {
			t.Errorf("gcLimit(%d, %v) = %d, want %d", c.live, c.factor, got, c.want)
		}
	}
}

// The tuner sets the limit after a collection and keeps doing so.
func TestLimitTuner(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	stop := startLimitTuner(1e6) // any live heap times this is far above the floor
	defer stop()
	for round := 0; round < 2; round++ {
		debug.SetMemoryLimit(gcLimitFloor)
		deadline := time.Now().Add(10 * time.Second)
		for debug.SetMemoryLimit(-1) == gcLimitFloor {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: the limit was not raised after a collection", round)
			}
			runtime.GC()
			time.Sleep(time.Millisecond)
		}
	}
	// Once stopped, it leaves the limit alone.
	stop()
	runtime.GC() // the finalizer armed before stop runs once more, as a no-op
	time.Sleep(10 * time.Millisecond)
	debug.SetMemoryLimit(gcLimitFloor)
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got != gcLimitFloor {
		t.Fatalf("the limit changed after stop: %d", got)
	}
}

// gcFilesDone collects once when setGC tuned the collector, and moves
// the tuner from the growing run's factor to the live heap's; it leaves
// both alone when the environment set the collector.
func TestGCFilesDone(t *testing.T) {
	defer func(v bool, f uint64) { gcTuned.Store(v); gcFactor.Store(f) }(gcTuned.Load(), gcFactor.Load())
	for _, tuned := range []bool{false, true} {
		gcTuned.Store(tuned)
		gcFactor.Store(math.Float64bits(gcGrowFactor))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		gcFilesDone()
		runtime.ReadMemStats(&after)
		if got := after.NumForcedGC - before.NumForcedGC; tuned && got != 1 || !tuned && got != 0 {
			t.Errorf("tuned %v: %d forced collections", tuned, got)
		}
		want := float64(gcGrowFactor)
		if tuned {
			want = gcLiveFactor
		}
		if got := math.Float64frombits(gcFactor.Load()); got != want {
			t.Errorf("tuned %v: factor %v after the files, want %v", tuned, got, want)
		}
	}
}

// The developer aids set a factor of at least 1; anything else is the
// default.
func TestEnvFactor(t *testing.T) {
	for v, want := range map[string]float64{"": 2, "1.5": 1.5, "1": 1, "0.5": 2, "x": 2, "-3": 2} {
		t.Setenv("MSGLINT_TEST_FACTOR", v)
		if got := envFactor("MSGLINT_TEST_FACTOR", 2); got != want {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}
