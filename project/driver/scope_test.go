package driver_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/input"
)

// fooFacts count each document's "Foo"s for x/drift.
var fooFacts = &lint.Fact[int]{Name: "x/drift.foos"}

// scopeCorpus is a.md, b.md (context when partial), bad.pdf (context when
// partial, an input error) and the rules: x/each reports every "Foo" of a
// document (and counts the documents it ran on); x/drift (cross-asset)
// reports, on every file with a "Foo", how many there are in the corpus;
// x/gap (corpus-only) reports at line 1 of msglint.yaml; x/broken's Finish
// fails (an internal error).
func scopeCorpus(partial, broken bool) ([]driver.Input, []*lint.Rule, *atomic.Int32) {
	doc := func(text string) *content.Document {
		return &content.Document{Src: []byte(text + "\n"), Blocks: []content.Block{{Text: text,
			Segs: []content.Seg{{TextLen: len(text), SrcLen: len(text)}}}}}
	}
	inputs := []driver.Input{
		{Path: "a.md", Load: func() (*content.Document, error) { return doc("Foo here."), nil }},
		{Path: "b.md", Context: partial, Load: func() (*content.Document, error) { return doc("Foo and Foo."), nil }},
		{Path: "bad.pdf", Context: partial, Load: func() (*content.Document, error) {
			return nil, &content.InputError{Rule: content.RuleUnreadable, Err: fmt.Errorf("broken")}
		}},
	}
	var ran atomic.Int32
	each := &lint.Rule{Name: "x/each", Default: lint.Warning, Run: func(p *lint.Pass) error {
		ran.Add(1)
		if j := strings.Index(p.Doc.Blocks[0].Text, "Foo"); j >= 0 {
			p.Report(lint.Diagnostic{Start: j, End: j + 3, Message: "foo"})
		}
		return nil
	}}
	drift := &lint.Rule{Name: "x/drift", Default: lint.Warning, FactTypes: []lint.FactType{fooFacts},
		Run: func(p *lint.Pass) error {
			lint.Export(p, fooFacts, strings.Count(p.Doc.Blocks[0].Text, "Foo"))
			return nil
		},
		Finish: func(c *lint.CorpusPass) error {
			total := 0
			var paths []string
			for path, n := range lint.FactsOf(c, fooFacts) {
				total += n
				if n > 0 {
					paths = append(paths, path)
				}
			}
			for _, path := range paths {
				c.Report(lint.Diagnostic{Site: &lint.Site{Path: path, Line: 1}, Message: fmt.Sprintf("%d in the corpus", total)})
			}
			return nil
		}}
	gap := &lint.Rule{Name: "x/gap", Default: lint.Warning, CorpusOnly: true, Finish: func(c *lint.CorpusPass) error {
		c.Report(lint.Diagnostic{Site: &lint.Site{Path: "msglint.yaml", Line: 1}, Message: "gap"})
		return nil
	}}
	rules := []*lint.Rule{each, drift, gap, input.Unreadable}
	if broken {
		rules = append(rules, &lint.Rule{Name: "x/broken", Default: lint.Info,
			Finish: func(c *lint.CorpusPass) error { return fmt.Errorf("oops") }})
	}
	return inputs, rules, &ran
}

// TestScopeStep: the policy chain's scope step. A partial run reports only
// on the files it names, judging them with the facts of every file read
// (the context files run only the cross-asset rules, and report nothing);
// a partial or --changed-since run does not report the corpus-only rules;
// internal errors are always kept.
func TestScopeStep(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scope   *driver.Scope
		partial bool // b.md and bad.pdf are context files
		broken  bool
		want    []string
		files   int
		ran     int32 // documents x/each ran on
	}{
		{
			name: "no scope: the whole corpus, the corpus-only rule included",
			want: []string{"a.md:1 x/drift 3 in the corpus", "a.md:1 x/each foo", "b.md:1 x/drift 3 in the corpus",
				"b.md:1 x/each foo", "bad.pdf:1 input/unreadable broken", "msglint.yaml:1 x/gap gap"},
			files: 3, ran: 2,
		},
		{
			name:    "a partial run: the named file only, judged with the context's facts",
			scope:   driver.NewScope([]string{"a.md"}),
			partial: true,
			want:    []string{"a.md:1 x/drift 3 in the corpus", "a.md:1 x/each foo"},
			files:   1, ran: 1,
		},
		{
			name:  "a partial run without context: judged among the named files",
			scope: driver.NewScope([]string{"a.md"}),
			want:  []string{"a.md:1 x/drift 3 in the corpus", "a.md:1 x/each foo"},
			files: 3, ran: 2,
		},
		{
			name:  "a --changed-since scope (every file): only the corpus-only rule is dropped",
			scope: &driver.Scope{},
			want: []string{"a.md:1 x/drift 3 in the corpus", "a.md:1 x/each foo", "b.md:1 x/drift 3 in the corpus",
				"b.md:1 x/each foo", "bad.pdf:1 input/unreadable broken"},
			files: 3, ran: 2,
		},
		{
			name:    "an internal error is kept on a partial run",
			scope:   driver.NewScope([]string{"a.md"}),
			partial: true, broken: true,
			want: []string{".:1 input/unreadable internal error in rule x/broken: oops",
				"a.md:1 x/drift 3 in the corpus", "a.md:1 x/each foo"},
			files: 1, ran: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inputs, rules, ran := scopeCorpus(tc.partial, tc.broken)
			pol := driver.NewPolicy(rules)
			pol.Scope = tc.scope
			res := driver.Run(inputs, driver.Options{Env: &lint.Env{}, Rules: rules, Policy: pol, Jobs: 2})
			var got []string
			for _, f := range res.Findings {
				got = append(got, fmt.Sprintf("%s:%d %s %s", f.Path, f.Line, f.Rule, f.Message))
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.files, res.Files)
			assert.Equal(t, tc.ran, ran.Load())
			assert.Equal(t, tc.scope.Partial(), res.Partial)
		})
	}
}
