// Package rules holds the one explicit list of msglint's rules.
package rules

import (
	"sort"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/claims"
	"github.com/msglint/msglint/rules/consistency"
	"github.com/msglint/msglint/rules/input"
	"github.com/msglint/msglint/rules/naming"
)

// All returns every rule, sorted by name. There is no init() registration:
// a rule exists when it is in this list.
func All() []*lint.Rule {
	list := []*lint.Rule{
		naming.Variant,
		naming.Deprecated,
		naming.Case,
		naming.Trademark,
		naming.Undeclared,
		naming.NearMiss,
		naming.Inconsistent,
		input.Unreadable,
		input.Encoding,
		input.TooLarge,
		input.Degraded,
		input.Directive,
		input.UnusedDirective,
		claims.Mismatch,
		claims.Uncited,
		claims.Expired,
		claims.Forbidden,
		claims.MissingDisclaimer,
		claims.Unregistered,
		consistency.ClaimConflict,
	}
	list = append(list, funnelRules()...)
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// Get returns the rule with this id.
func Get(id string) (*lint.Rule, bool) {
	for _, r := range All() {
		if r.Name == id {
			return r, true
		}
	}
	return nil, false
}

// Known reports whether sel names a rule or a rule family.
func Known(sel string) bool {
	for _, r := range All() {
		if lint.Selects(sel, r.Name) {
			return true
		}
	}
	return false
}

// Names lists every rule id and family.
func Names() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range All() {
		for _, n := range []string{r.Name, r.Family()} {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Analyses are the corpus analyses every run makes, in order: the funnel
// stages (the asset records every output carries, which coverage/gap and
// funnel/unknown read). An explicit list, like All; `msglint report` adds
// coverage.UsageAnalysis after them.
func Analyses() []lint.Corpus {
	return funnelAnalyses()
}
