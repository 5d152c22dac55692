package content

import (
	"fmt"
	"sync/atomic"
	"time"
)

// A Budget bounds the memory and the work spent on one file, from its
// extraction to the last rule (docs/security.md, "Limits"). The extractors
// and the rules' hot loops charge it (Alloc, Step, Scan, Regex); a charge
// that passes a limit, or that finds the file's deadline passed, panics
// with a *BudgetError, which the driver (and the extractors' guard)
// recovers and reports as a finding on that file: the work stops where it
// is, inside the loop that charged, and every other file is still checked.
//
// A nil *Budget charges nothing: documents built outside a run (tests,
// the config's examples) have none. A Budget may be charged from several
// goroutines.
type Budget struct {
	lim      BudgetLimits
	deadline time.Time // zero: none

	alloc, work, regex atomic.Int64
	// nextClock is the work count at which the deadline is next read
	// (reading the clock on every charge would cost more than the charge).
	nextClock atomic.Int64
}

// BudgetLimits are one file's limits, already scaled to its size (see
// NewBudget). A zero field is no limit.
type BudgetLimits struct {
	Memory    int64         // bytes charged with Alloc
	Work      int64         // work units (Scan bytes, Step items × StepUnits)
	RegexWork int64         // pattern instructions × bytes matched
	Timeout   time.Duration // wall time from NewBudget
	// Keys name the config keys that raise each limit, for the message
	// ("max_file_memory"); empty keys are left out of the message.
	MemoryKey, WorkKey, RegexKey, TimeoutKey string
}

// StepUnits is the work of one Step: an item (an element, a node, a
// token, a block) costs about as much as scanning this many bytes.
const StepUnits = 64

// clockEvery is the work between two reads of the clock (about a
// millisecond of CPU).
const clockEvery = 1 << 20

// NewBudget starts a file's budget: its deadline runs from now.
func NewBudget(l BudgetLimits) *Budget {
	b := &Budget{lim: l}
	if l.Timeout > 0 {
		b.deadline = time.Now().Add(l.Timeout)
	}
	b.nextClock.Store(clockEvery)
	return b
}

// Limits returns the budget's limits.
func (b *Budget) Limits() BudgetLimits {
	if b == nil {
		return BudgetLimits{}
	}
	return b.lim
}

// Alloc charges n bytes about to be allocated (before allocating them).
func (b *Budget) Alloc(n int) {
	if b == nil || n <= 0 {
		return
	}
	if v := b.alloc.Add(int64(n)); b.lim.Memory > 0 && v > b.lim.Memory {
		b.fail(&BudgetError{Limit: "memory", Key: b.lim.MemoryKey, Max: b.lim.Memory, TooLarge: true})
	}
}

// Free gives back n bytes charged with Alloc that are no longer held (a
// working copy dropped, scratch handed back): the memory limit bounds
// what a file holds at once, not all it ever allocated. Call it only for
// bytes the same code charged; the charges of a file must not depend on
// anything but the file (pools, scheduling), so that its findings do not.
func (b *Budget) Free(n int) {
	if b != nil && n > 0 {
		b.alloc.Add(-int64(n))
	}
}

// Room returns the bytes that Alloc may still charge before the memory
// limit, or -1 when there is none (or no budget). A caller that cannot
// know a size before allocating (a library's result list) bounds what it
// asks for by it, then charges what it got.
func (b *Budget) Room() int64 {
	if b == nil || b.lim.Memory <= 0 {
		return -1
	}
	return max(0, b.lim.Memory-b.alloc.Load())
}

// Step charges n items of work (each StepUnits).
func (b *Budget) Step(n int) {
	if b != nil && n > 0 {
		b.charge(int64(n) * StepUnits)
	}
}

// Scan charges n bytes scanned.
func (b *Budget) Scan(n int) {
	if b != nil && n > 0 {
		b.charge(int64(n))
	}
}

// Regex charges matching a pattern of size instructions (its compiled
// program, config.ProgramSize) over n bytes: an upper bound of the work
// of Go's RE2 matcher, charged before the match runs.
func (b *Budget) Regex(size, n int) {
	if b == nil || n <= 0 || size <= 0 {
		return
	}
	w := int64(size) * int64(n)
	if v := b.regex.Add(w); b.lim.RegexWork > 0 && v > b.lim.RegexWork {
		b.fail(&BudgetError{Limit: "regular-expression work", Key: b.lim.RegexKey, Max: b.lim.RegexWork, TooLarge: true})
	}
	b.charge(int64(n))
}

// Check reads the clock: it panics when the file's deadline has passed.
func (b *Budget) Check() {
	if b != nil && !b.deadline.IsZero() && time.Now().After(b.deadline) {
		b.fail(&BudgetError{Limit: "time", Key: b.lim.TimeoutKey, Max: int64(b.lim.Timeout / time.Second), Timeout: b.lim.Timeout})
	}
}

// Used returns the memory, work and regular-expression work charged so far.
func (b *Budget) Used() (alloc, work, regex int64) {
	if b == nil {
		return 0, 0, 0
	}
	return b.alloc.Load(), b.work.Load(), b.regex.Load()
}

func (b *Budget) charge(w int64) {
	v := b.work.Add(w)
	if b.lim.Work > 0 && v > b.lim.Work {
		b.fail(&BudgetError{Limit: "work", Key: b.lim.WorkKey, Max: b.lim.Work, TooLarge: true})
	}
	if next := b.nextClock.Load(); v >= next && b.nextClock.CompareAndSwap(next, v+clockEvery) {
		b.Check()
	}
}

func (b *Budget) fail(e *BudgetError) {
	panic(e)
}

// BudgetError is the panic value of a charge over a limit. Recover it
// with AsBudgetError and report InputError().
type BudgetError struct {
	Limit    string // "memory", "work", "regular-expression work", "time"
	Key      string // the config key that raises it (under limits:)
	Max      int64
	TooLarge bool          // input/too-large; else input/unreadable (time)
	Timeout  time.Duration // for "time"
}

func (e *BudgetError) Error() string {
	var msg string
	if e.Limit == "time" {
		msg = fmt.Sprintf("checking the file took longer than %v; stopped", e.Timeout)
		if e.Key != "" {
			msg += fmt.Sprintf(" (to check it anyway, raise limits.%s: %d, in seconds, in msglint.yaml)", e.Key, e.Max)
		}
		return msg
	}
	msg = fmt.Sprintf("the file needs more than its %s budget of %d %s; stopped", e.Limit, e.Max, e.unit())
	if e.Key != "" {
		msg += fmt.Sprintf(" (to check it anyway, raise limits.%s in msglint.yaml)", e.Key)
	}
	return msg
}

func (e *BudgetError) unit() string {
	switch e.Limit {
	case "memory":
		return "bytes"
	case "regular-expression work":
		return "instruction-bytes"
	}
	return "units"
}

// InputError is the finding the error becomes: input/too-large, or
// input/unreadable for the deadline.
func (e *BudgetError) InputError() *InputError {
	rule := RuleTooLarge
	if !e.TooLarge {
		rule = RuleUnreadable
	}
	return &InputError{Rule: rule, Err: e}
}

// AsBudgetError returns the *BudgetError a recovered panic value holds, if
// it is one.
func AsBudgetError(r any) (*BudgetError, bool) {
	e, ok := r.(*BudgetError)
	return e, ok
}
