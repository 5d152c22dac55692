package rules_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules"
	"github.com/msglint/msglint/rules/coverage"
)

// closure adds reqs and everything they require to set.
func closure(set map[lint.Requirement]bool, reqs []lint.Requirement) map[lint.Requirement]bool {
	for _, r := range reqs {
		if !set[r] {
			set[r] = true
			closure(set, r.Required())
		}
	}
	return set
}

// TestRequiresDeclared runs every rule, the driver's corpus analyses and
// the report's usage analysis over the rule test corpora and the examples,
// and checks each use of an analysis (lint.ResultOf, lint.CorpusResultOf)
// against what the rule, or the analysis asking, declares it requires
// (transitively). It also checks that every corpus analysis a rule
// requires is in the list the driver runs (rules.Analyses).
func TestRequiresDeclared(t *testing.T) {
	var mu sync.Mutex
	used := map[string]bool{}
	var bad []string
	lint.Trace = func(rule *lint.Rule, in, a lint.Requirement) {
		mu.Lock()
		defer mu.Unlock()
		var who string
		var decl []lint.Requirement
		switch {
		case in != nil:
			who, decl = "analysis "+in.AnalysisName(), in.Required()
		case rule != nil:
			who, decl = "rule "+rule.Name, rule.Requires
		default:
			return // the driver computing a corpus analysis' per-document part
		}
		used[who+" -> "+a.AnalysisName()] = true
		if !closure(map[lint.Requirement]bool{}, decl)[a] {
			bad = append(bad, fmt.Sprintf("%s uses %s without declaring it in Requires", who, a.AnalysisName()))
		}
	}
	defer func() { lint.Trace = nil }()
	for _, c := range testCorpora(t) {
		p, err := project.Load(c, "")
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if _, err := p.Run(project.Options{Paths: []string{c}, Today: projecttest.Today, Jobs: 2,
			Analyses: []lint.Corpus{coverage.UsageAnalysis}}); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
	if len(used) < 5 {
		t.Errorf("only %d uses of analyses seen: %v", len(used), used)
	}

	inList := map[lint.Requirement]bool{}
	for _, a := range rules.Analyses() {
		inList[a] = true
	}
	for _, r := range rules.All() {
		for req := range closure(map[lint.Requirement]bool{}, r.Requires) {
			if c, ok := req.(lint.Corpus); ok && !inList[c] {
				t.Errorf("rule %s requires the corpus analysis %s, which rules.Analyses() does not run", r.Name, c.AnalysisName())
			}
		}
	}
}
