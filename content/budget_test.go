package content

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// overBudget runs f and returns the *BudgetError it panicked with (nil if
// none).
func overBudget(f func()) (be *BudgetError) {
	defer func() {
		if r := recover(); r != nil {
			var ok bool
			if be, ok = AsBudgetError(r); !ok {
				panic(r)
			}
		}
	}()
	f()
	return nil
}

func TestBudget(t *testing.T) {
	lim := BudgetLimits{Memory: 1000, Work: 10 * StepUnits, RegexWork: 500,
		MemoryKey: "max_file_memory", WorkKey: "max_work", RegexKey: "max_regex_work", TimeoutKey: "file_timeout"}
	tests := []struct {
		name   string
		charge func(b *Budget)
		rule   string
		want   string // in the message; "" means within the budget
	}{
		{"memory within", func(b *Budget) { b.Alloc(600); b.Alloc(400) }, "", ""},
		{"memory over", func(b *Budget) { b.Alloc(600); b.Alloc(401) }, RuleTooLarge, "memory budget of 1000 bytes; stopped (to check it anyway, raise limits.max_file_memory"},
		{"steps within", func(b *Budget) { b.Step(10) }, "", ""},
		{"steps over", func(b *Budget) { b.Step(5); b.Step(6) }, RuleTooLarge, "work budget of 640 units; stopped (to check it anyway, raise limits.max_work"},
		{"scans and steps add up", func(b *Budget) { b.Step(9); b.Scan(StepUnits + 1) }, RuleTooLarge, "limits.max_work"},
		{"regex within", func(b *Budget) { b.Regex(50, 10) }, "", ""},
		{"regex over", func(b *Budget) { b.Regex(50, 11) }, RuleTooLarge, "regular-expression work budget of 500 instruction-bytes; stopped (to check it anyway, raise limits.max_regex_work"},
		{"regex bytes count as work", func(b *Budget) { b.Step(9); b.Regex(1, StepUnits+1) }, RuleTooLarge, "limits.max_work"},
		{"negative charges are free", func(b *Budget) { b.Alloc(-5); b.Step(-5); b.Scan(-5); b.Regex(-1, 5) }, "", ""},
		{"freed memory is room again", func(b *Budget) { b.Alloc(800); b.Free(500); b.Alloc(700) }, "", ""},
		{"freed memory only once", func(b *Budget) { b.Alloc(800); b.Free(500); b.Alloc(701) }, RuleTooLarge, "limits.max_file_memory"},
		{"negative frees are nothing", func(b *Budget) { b.Alloc(1000); b.Free(-5); b.Alloc(1) }, RuleTooLarge, "limits.max_file_memory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			be := overBudget(func() { tt.charge(NewBudget(lim)) })
			if tt.want == "" {
				require.Nil(t, be)
				return
			}
			require.NotNil(t, be)
			ie := be.InputError()
			assert.Equal(t, tt.rule, ie.Rule)
			assert.Contains(t, ie.Error(), tt.want)
		})
	}
}

// A nil budget (documents made outside a run) charges nothing.
func TestBudgetNil(t *testing.T) {
	var b *Budget
	require.Nil(t, overBudget(func() { b.Alloc(1 << 40); b.Step(1 << 40); b.Scan(1 << 40); b.Regex(1<<20, 1<<20); b.Check() }))
	a, w, r := b.Used()
	assert.Zero(t, a+w+r)
}

// The deadline is read inside the charges, about every clockEvery units
// of work: past it, the next charge stops the work (input/unreadable).
func TestBudgetDeadline(t *testing.T) {
	b := NewBudget(BudgetLimits{Timeout: time.Nanosecond, TimeoutKey: "file_timeout"})
	time.Sleep(time.Millisecond)
	require.Nil(t, overBudget(func() { b.Scan(clockEvery - 1) }), "the clock is not read on every charge")
	be := overBudget(func() { b.Scan(1) })
	require.NotNil(t, be)
	assert.Equal(t, RuleUnreadable, be.InputError().Rule)
	assert.Contains(t, be.Error(), "took longer than 1ns; stopped (to check it anyway, raise limits.file_timeout")
	// Check reads it at once
	require.NotNil(t, overBudget(b.Check))
}

// Charges from several goroutines add up exactly.
func TestBudgetConcurrent(t *testing.T) {
	b := NewBudget(BudgetLimits{})
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 1000 {
				b.Step(1)
				b.Alloc(2)
			}
		}()
	}
	for range 4 {
		<-done
	}
	a, w, _ := b.Used()
	assert.Equal(t, int64(8000), a)
	assert.Equal(t, int64(4000*StepUnits), w)
}

// Room is what Alloc may still charge; -1 without a memory limit.
func TestBudgetRoom(t *testing.T) {
	b := NewBudget(BudgetLimits{Memory: 1000})
	assert.Equal(t, int64(1000), b.Room())
	b.Alloc(600)
	assert.Equal(t, int64(400), b.Room())
	b.Free(100)
	assert.Equal(t, int64(500), b.Room())
	require.NotNil(t, overBudget(func() { b.Alloc(501) }))
	assert.Equal(t, int64(0), b.Room(), "never negative")
	assert.Equal(t, int64(-1), NewBudget(BudgetLimits{Work: 10}).Room())
	var nb *Budget
	assert.Equal(t, int64(-1), nb.Room())
	nb.Free(10) // a nil budget gives back nothing
}
