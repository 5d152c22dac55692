package shared

import "github.com/msglint/msglint/content"

// NewBudget starts the budget of a file of size bytes under l (zero
// fields take their defaults): memory is the file's size plus
// MaxFileMemory; work and regular-expression work are per MB of the file,
// counting at least one MB; the deadline is FileTimeout from now.
func NewBudget(l Limits, size int) *content.Budget {
	l = LimitsOf(&Options{Limits: l})
	mb := max(1, (int64(size)+(1<<20)-1)>>20)
	return content.NewBudget(content.BudgetLimits{
		Memory:     int64(size) + l.MaxFileMemory,
		Work:       mulCap(l.MaxWork, mb),
		RegexWork:  mulCap(l.MaxRegexWork, mb),
		Timeout:    l.FileTimeout,
		MemoryKey:  "max_file_memory",
		WorkKey:    "max_work",
		RegexKey:   "max_regex_work",
		TimeoutKey: "file_timeout",
	})
}

// mulCap is a×b, capped where it would overflow.
func mulCap(a, b int64) int64 {
	const maxInt = 1<<63 - 1
	if a > 0 && b > maxInt/a {
		return maxInt
	}
	return a * b
}

// BudgetOf returns the file's budget in opts (nil: none, and every charge
// is free).
func BudgetOf(opts *Options) *content.Budget {
	if opts == nil {
		return nil
	}
	return opts.Budget
}
