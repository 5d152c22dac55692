package lint

// FixSafety is how far `msglint fix` trusts a rule's fixes, declared on
// the rule (as ruff does) so that the fix command needs no list of rules.
type FixSafety uint8

const (
	// FixNone: the rule's diagnostics carry no fixes.
	FixNone FixSafety = iota
	// FixSafe: every fix is certain (the replacement comes from the
	// config, not from a guess) and is applied by default.
	FixSafe
	// FixHeuristic: the fixes are guesses, right most of the time, and
	// are applied only with `msglint fix --heuristic`, after review.
	FixHeuristic
)

// Fixable reports whether the rule's diagnostics may carry fixes.
func (s FixSafety) Fixable() bool { return s != FixNone }

// Applies reports whether `msglint fix` applies fixes of this safety,
// with or without --heuristic.
func (s FixSafety) Applies(heuristic bool) bool {
	return s == FixSafe || s == FixHeuristic && heuristic
}

// String is the safety's name: "none", "safe" or "heuristic".
func (s FixSafety) String() string {
	switch s {
	case FixSafe:
		return "safe"
	case FixHeuristic:
		return "heuristic"
	}
	return "none"
}
