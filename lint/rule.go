package lint

import (
	"sync"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/match"
)

// Rule is one check, declared as a package-level value with its
// documentation beside it. Run, Finish or both may be set; a rule with
// neither reports nothing itself (the input/* rules: the driver reports
// them for the extractors).
type Rule struct {
	// Name is the rule id, "family/name".
	Name string
	// Summary is one line for `msglint rules`.
	Summary string
	// Doc is the full documentation printed by `msglint explain`.
	Doc string
	// Bad and Good are short examples for the docs.
	Bad, Good string
	// Default is the severity when the config says nothing.
	Default Severity
	// Fix says whether the rule's diagnostics may carry fixes and whether
	// `msglint fix` applies them by default (FixSafe), only with
	// --heuristic (FixHeuristic), or never (FixNone, the zero value).
	Fix FixSafety
	// Run checks one document. It may report findings and export facts.
	Run func(*Pass) error
	// Finish runs once after every document, with every document's facts.
	// The Finish functions of different rules run at the same time, so a
	// Finish must not write state that another rule reads.
	Finish func(*CorpusPass) error
	// Requires lists the analyses Run and Finish read (ResultOf,
	// CorpusResultOf).
	Requires []Requirement
	// FactTypes lists the facts Finish reads (FactsOf); Run exports them.
	FactTypes []FactType
	// CorpusOnly says the rule judges the corpus as a whole and no file in
	// it (coverage/gap): it reports only on a run over the whole configured
	// corpus, never on a partial run (some files named) nor with
	// --changed-since, where the driver does not run its Finish.
	CorpusOnly bool
}

// Family is the part of the name before the slash.
func (r *Rule) Family() string {
	for i := 0; i < len(r.Name); i++ {
		if r.Name[i] == '/' {
			return r.Name[:i]
		}
	}
	return r.Name
}

// Env is the per-run environment shared by every pass: the config, the
// compiled glossary and the date claims are judged against. It is
// read-only once the run starts, except for the memos (MemoOf).
type Env struct {
	Config *config.Config
	Index  *match.Index
	Today  time.Time
	// Spill, when set, keeps what the rules and analyses hold until
	// every document is read out of the heap (Keep, spill.go); nil: they
	// keep it in the heap. Its maker closes it after the run.
	Spill *Spill
	// Jobs bounds the goroutines a corpus step (an analysis's Finish) may
	// run on; 0 or 1: the calling goroutine only. The driver sets it to
	// its own Jobs when it is 0. A step's result must not depend on it.
	Jobs int

	memo sync.Map // *Memo[T] -> *memoEntry
}
