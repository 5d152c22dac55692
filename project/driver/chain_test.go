package driver_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/filter"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/input"
)

// chainCorpus is three files: site/a.md (two lines, an extraction note on
// line 1, the directives given), legal/b.md (one line) and big.pdf (an
// input error). Rule x/foo reports every "Foo" (with the own severity
// given; it panics on legal/b.md when asked); rule x/cross's Finish reports
// on line 2 of site/a.md.
func chainCorpus(dirs []content.Directive, own lint.Severity, panics bool) ([]driver.Input, []*lint.Rule) {
	doc := func(path string, lines ...string) *content.Document {
		d := &content.Document{Src: []byte(strings.Join(lines, "\n") + "\n")}
		off := 0
		for _, l := range lines {
			d.Blocks = append(d.Blocks, content.Block{Text: l, Segs: []content.Seg{{TextOff: 0, TextLen: len(l), SrcOff: off, SrcLen: len(l)}}})
			off += len(l) + 1
		}
		return d
	}
	inputs := []driver.Input{
		{Path: "site/a.md", Load: func() (*content.Document, error) {
			d := doc("site/a.md", "Use Foo here.", "Use Foo there.")
			d.Directives = dirs
			d.Notes = []content.Note{{Rule: content.RuleEncoding, Message: "invalid UTF-8", Offset: 4}}
			return d, nil
		}},
		{Path: "legal/b.md", Load: func() (*content.Document, error) { return doc("legal/b.md", "Foo."), nil }},
		{Path: "big.pdf", Load: func() (*content.Document, error) {
			return nil, &content.InputError{Rule: content.RuleTooLarge, Err: fmt.Errorf("too large")}
		}},
	}
	foo := &lint.Rule{Name: "x/foo", Default: lint.Warning, Run: func(p *lint.Pass) error {
		if panics && p.Doc.Path == "legal/b.md" {
			panic("boom")
		}
		for i, b := range p.Doc.Blocks {
			if j := strings.Index(b.Text, "Foo"); j >= 0 {
				p.Report(lint.Diagnostic{Block: i, Start: j, End: j + 3, Message: "foo", Severity: own, Fix: &lint.Fix{Replacement: "Bar"}})
			}
		}
		return nil
	}}
	cross := &lint.Rule{Name: "x/cross", Default: lint.Info, Finish: func(c *lint.CorpusPass) error {
		c.Report(lint.Diagnostic{Site: &lint.Site{Path: "site/a.md", Line: 2}, Message: "cross"})
		return nil
	}}
	return inputs, []*lint.Rule{foo, cross, input.Unreadable, input.Encoding, input.TooLarge}
}

func show(fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("%s:%d %s %s", f.Path, f.Line, f.Rule, f.Severity)
		if f.Fix != nil {
			s += fmt.Sprintf(" fix@%d-%d", f.Fix.Start, f.Fix.End)
		}
		out = append(out, s)
	}
	return out
}

// TestPolicyChain: every kind of finding (a rule's, a Finish one, an
// extraction note, an input error, an internal error) goes through the one
// chain, in its order: severity, own severity, directives, then
// --changed-since and --baseline on the sorted list.
func TestPolicyChain(t *testing.T) {
	base := func(t *testing.T, findings string) driver.Filter {
		b, err := filter.ParseBaseline("base.json", []byte(`{"version": 1, "findings": [`+findings+`]}`))
		require.NoError(t, err)
		return b
	}
	all := []string{
		"big.pdf:1 input/too-large warning",
		"legal/b.md:1 x/foo warning fix@0-3",
		"site/a.md:1 input/encoding warning",
		"site/a.md:1 x/foo warning fix@4-7",
		"site/a.md:2 x/cross info",
		"site/a.md:2 x/foo warning fix@18-21",
	}
	for _, tc := range []struct {
		name   string
		dirs   []content.Directive
		own    lint.Severity
		panics bool
		policy func(t *testing.T, p *driver.Policy)
		want   []string
		// unfiltered: Result.Unfiltered (KeepUnfiltered is set when given)
		unfiltered []string
	}{
		{name: "defaults from the rule list, input rules included", want: all},
		{
			name: "a directive suppresses a finding whose severity an override raised",
			dirs: []content.Directive{{Kind: "disable-next-line", Rules: []string{"x/foo"}, Line: 1}},
			policy: func(t *testing.T, p *driver.Policy) {
				p.Overrides = []driver.OverridePolicy{{Files: []string{"site/**"}, Rules: map[string]lint.Severity{"x": lint.Error}}}
			},
			want: []string{
				"big.pdf:1 input/too-large warning",
				"legal/b.md:1 x/foo warning fix@0-3",
				"site/a.md:1 input/encoding warning",
				"site/a.md:1 x/foo error fix@4-7",
				"site/a.md:2 x/cross error",
			},
		},
		{
			name: "own severity replaces the rule's; a rule turned off stays off",
			own:  lint.Error,
			policy: func(t *testing.T, p *driver.Policy) {
				p.Overrides = []driver.OverridePolicy{{Files: []string{"legal/**"}, Rules: map[string]lint.Severity{"x/foo": lint.Off}}}
			},
			want: []string{
				"big.pdf:1 input/too-large warning",
				"site/a.md:1 input/encoding warning",
				"site/a.md:1 x/foo error fix@4-7",
				"site/a.md:2 x/cross info",
				"site/a.md:2 x/foo error fix@18-21",
			},
		},
		{
			name: "input errors and notes: config severity, --disable and directives",
			dirs: []content.Directive{{Kind: "disable-file", Rules: []string{"input/encoding"}}},
			policy: func(t *testing.T, p *driver.Policy) {
				p.Rules = map[string]lint.Severity{"input/too-large": lint.Error}
			},
			want: []string{"big.pdf:1 input/too-large error", all[1], all[3], all[4], all[5]},
		},
		{
			name:   "--disable input drops input errors and notes",
			policy: func(t *testing.T, p *driver.Policy) { p.Disable = []string{"input"} },
			want:   []string{all[1], all[3], all[4], all[5]},
		},
		{
			name: "min-severity drops findings below it after the severity steps, Finish ones included",
			own:  lint.Error,
			policy: func(t *testing.T, p *driver.Policy) {
				p.MinSeverity = lint.Warning
				p.Overrides = []driver.OverridePolicy{{Files: []string{"legal/**"}, Rules: map[string]lint.Severity{"x/foo": lint.Info}}}
			},
			// x/foo's own severity (error) beats the override; x/cross (info) is dropped
			want: []string{
				"big.pdf:1 input/too-large warning",
				"legal/b.md:1 x/foo error fix@0-3",
				"site/a.md:1 input/encoding warning",
				"site/a.md:1 x/foo error fix@4-7",
				"site/a.md:2 x/foo error fix@18-21",
			},
		},
		{
			name:       "min-severity error keeps internal errors; what it drops is not in the baseline's input",
			panics:     true,
			policy:     func(t *testing.T, p *driver.Policy) { p.MinSeverity = lint.Error },
			want:       []string{"legal/b.md:1 input/unreadable error"},
			unfiltered: []string{"legal/b.md:1 input/unreadable error"},
		},
		{
			name:   "a Finish finding is suppressed by its file's directive",
			dirs:   []content.Directive{{Kind: "disable", Rules: []string{"x/cross"}, Line: 2}},
			policy: func(t *testing.T, p *driver.Policy) {},
			want:   []string{all[0], all[1], all[2], all[3], all[5]},
		},
		{
			name:   "an internal error keeps its severity whatever the config and directives say",
			panics: true,
			dirs:   []content.Directive{{Kind: "disable-file"}},
			policy: func(t *testing.T, p *driver.Policy) {
				p.Rules = map[string]lint.Severity{"input": lint.Off}
				p.Overrides = []driver.OverridePolicy{{Files: []string{"legal/**"}, Rules: map[string]lint.Severity{"input": lint.Off}}}
			},
			want: []string{"legal/b.md:1 input/unreadable error"},
		},
		{
			name: "the baseline applies after severity, to every kind of finding",
			policy: func(t *testing.T, p *driver.Policy) {
				p.Rules = map[string]lint.Severity{"x/foo": lint.Error}
				p.Baseline = base(t, `{"rule": "x/foo", "path": "site/a.md", "match": "Foo", "context": "Use Foo here.", "severity": "warning"},
					{"rule": "input/too-large", "path": "big.pdf"}, {"rule": "input/encoding", "path": "site/a.md"}`)
			},
			want: []string{
				"legal/b.md:1 x/foo error fix@0-3",
				"site/a.md:2 x/cross info",
				"site/a.md:2 x/foo error fix@18-21",
			},
			unfiltered: []string{
				"big.pdf:1 input/too-large warning",
				"legal/b.md:1 x/foo error fix@0-3",
				"site/a.md:1 input/encoding warning",
				"site/a.md:1 x/foo error fix@4-7",
				"site/a.md:2 x/cross info",
				"site/a.md:2 x/foo error fix@18-21",
			},
		},
		{
			name:   "the baseline holds internal errors too",
			panics: true,
			policy: func(t *testing.T, p *driver.Policy) {
				p.Baseline = base(t, `{"rule": "input/unreadable", "path": "legal/b.md"}`)
			},
			want: []string{all[0], all[2], all[3], all[4], all[5]},
		},
		{
			name: "changed-since after directives, then the baseline",
			dirs: []content.Directive{{Kind: "disable-next-line", Rules: []string{"x/foo"}, Line: 1}},
			policy: func(t *testing.T, p *driver.Policy) {
				p.ChangedSince = &filter.Changes{Files: map[string]*filter.FileChange{
					"site/a.md": {Status: 'M', Lines: []filter.Range{{From: 2, To: 2}}},
					"big.pdf":   {Status: 'M'},
				}}
				p.Baseline = base(t, `{"rule": "input/too-large", "path": "big.pdf"}`)
			},
			// the note (column 5) is on line 1, not changed; x/cross has no column: the file changed
			want:       []string{"site/a.md:2 x/cross info"},
			unfiltered: []string{all[0], all[1], all[2], all[3], all[4]},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inputs, rules := chainCorpus(tc.dirs, tc.own, tc.panics)
			opt := driver.Options{Env: &lint.Env{}, Rules: rules, Jobs: 2}
			if tc.policy != nil {
				opt.Policy = driver.NewPolicy(rules)
				tc.policy(t, opt.Policy)
				opt.Policy.KeepUnfiltered = tc.unfiltered != nil
			}
			res := driver.Run(inputs, opt)
			assert.Equal(t, tc.want, show(res.Findings))
			if tc.unfiltered != nil {
				assert.Equal(t, tc.unfiltered, show(res.Unfiltered))
			}
		})
	}
}

// TestPolicyChainListOrder: --changed-since runs before --baseline, on the
// sorted findings, and each sees only what the steps before kept.
func TestPolicyChainListOrder(t *testing.T) {
	var log []string
	inputs, rules := chainCorpus(nil, lint.Off, false)
	pol := driver.NewPolicy(rules)
	pol.Disable = []string{"input"}
	pol.ChangedSince = recorder{"changed", &log, "legal/b.md"}
	pol.Baseline = recorder{"baseline", &log, "site/a.md"}
	res := driver.Run(inputs, driver.Options{Env: &lint.Env{}, Rules: rules, Policy: pol, Jobs: 2})
	assert.Equal(t, []string{
		"changed legal/b.md:1 x/foo warning fix@0-3",
		"changed site/a.md:1 x/foo warning fix@4-7",
		"changed site/a.md:2 x/cross info",
		"changed site/a.md:2 x/foo warning fix@18-21",
		"baseline site/a.md:1 x/foo warning fix@4-7",
		"baseline site/a.md:2 x/cross info",
		"baseline site/a.md:2 x/foo warning fix@18-21",
	}, log)
	assert.Empty(t, res.Findings)
	assert.Nil(t, res.Unfiltered)
}

// recorder logs what it sees and drops the findings on path.
type recorder struct {
	name string
	log  *[]string
	drop string
}

func (r recorder) Filter(fs []lint.Finding) []lint.Finding {
	var out []lint.Finding
	for i, s := range show(fs) {
		*r.log = append(*r.log, r.name+" "+s)
		if fs[i].Path != r.drop {
			out = append(out, fs[i])
		}
	}
	return out
}

// TestDirectiveFindings: a directive naming an unknown rule is an
// input/directive finding (with the policy's suggestion); with
// input/unused-directive on, each disable directive that suppressed no
// finding (a rule's, or a Finish one) is reported; no directive hides
// either.
func TestDirectiveFindings(t *testing.T) {
	dirs := []content.Directive{
		{Kind: "disable-line", Rules: []string{"x/foo"}, Line: 1},
		{Kind: "disable-next-line", Rules: []string{"x/fooo"}, Line: 1},
		{Kind: "disable", Rules: []string{"x/cross"}, Line: 2},
		{Kind: "disable-line", Rules: []string{"x/foo"}, Line: 5},
		{Kind: "disable-loc", Rules: []string{"x/foo"}, Loc: "slide 3"},
		{Kind: "disable-file", Rules: []string{"input/directive", "input/unused-directive"}},
	}
	inputs, rules := chainCorpus(dirs, lint.Off, false)
	rules = append(rules, input.Directive, input.UnusedDirective)
	for _, unused := range []bool{false, true} {
		pol := driver.NewPolicy(rules)
		pol.KnownRule = func(s string) bool {
			return lint.Selects(s, "x/foo") || lint.Selects(s, "x/cross") || lint.Selects(s, "input/unused-directive") || lint.Selects(s, "input/directive")
		}
		pol.Suggest = func(string) string { return ` (did you mean "x/foo"?)` }
		if unused {
			pol.Defaults[content.RuleUnusedDirective] = lint.Warning
		}
		res := driver.Run(inputs, driver.Options{Env: &lint.Env{}, Rules: rules, Policy: pol, Jobs: 2})
		var got []string
		for _, f := range res.Findings {
			if strings.HasPrefix(f.Rule, "input/") && strings.Contains(f.Rule, "directive") {
				got = append(got, fmt.Sprintf("%d:%s %s: %s", f.Line, f.Loc, f.Rule, f.Message))
			}
		}
		want := []string{`1: input/directive: msglint-disable-next-line x/fooo names an unknown rule "x/fooo" (did you mean "x/foo"?) (see ` + "`msglint rules`" + `); it suppresses nothing`}
		if unused {
			want = append(want,
				"5: input/unused-directive: unused directive: msglint-disable-line x/foo suppressed no finding; remove it",
				"1:slide 3 input/unused-directive: unused directive: msglint-disable x/foo suppressed no finding; remove it")
		}
		assert.Equal(t, want, got, "unused: %v", unused)
		assert.Equal(t, []string{"big.pdf:1 input/too-large warning", "legal/b.md:1 x/foo warning fix@0-3"}, show(slices.DeleteFunc(res.Findings, func(f lint.Finding) bool {
			return f.Path == "site/a.md"
		})))
	}
}
