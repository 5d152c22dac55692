package cli

import (
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
	startLimitTuner(1e6) // any live heap times this is far above the floor
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
	// Stop it: later collections in this process keep raising the limit,
	// which the deferred reset above undoes only once.
}
