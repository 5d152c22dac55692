package driver

import (
	"slices"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// The policy chain. Rules report raw diagnostics; the chain decides which
// of them are shown and at what severity. Every finding goes through it:
// a rule's (Run or Finish), an extraction note, an input error (a file
// that could not be read or parsed) and an internal error (a rule or the
// tagger failed or panicked). Its processors, in order, are the list chain
// below and nowhere else:
//
//  1. severity: the rule's severity on the finding's path, from the rule's
//     Default (input/* included: the rule list holds them), the config's
//     `rules:` and `overrides:`, and --rule/--disable; Off drops it.
//  2. own-severity: a diagnostic's own severity (a forbidden entry's
//     `severity:`) replaces the rule's; a rule turned off stays off.
//  3. directives: the file's inline directives (disable, enable,
//     disable-next-line, disable-line, disable-file, disable-loc); it
//     records which directives suppressed a finding, for
//     input/unused-directive. The findings about directives themselves
//     (input/directive, input/unused-directive) skip it: no directive
//     hides a problem with directives.
//  4. min-severity: --min-severity/--quiet (Policy.MinSeverity) drops a
//     finding whose final severity is below it; what is not shown does not
//     count for --fail-on either. It comes after the directives so that a
//     directive that hides a finding below the level still counts as used.
//  5. scope: a run's scope (Policy.Scope): on a partial run, findings on
//     files that were not named are dropped; on a partial run or with
//     --changed-since, a corpus-only rule's (lint.Rule.CorpusOnly) are.
//  6. changed-since: --changed-since (Policy.ChangedSince).
//  7. baseline: --baseline (Policy.Baseline).
//
// An internal error's severity is fixed (error): steps 1 to 4 leave it
// alone. Steps 1 to 5 look at one finding at a time and run inside the
// worker, while the document is in hand, for its findings (after the
// Finish functions for theirs); the position is resolved (resolve, the one
// place that builds sites and fix offsets) only for a finding that steps
// 1 to 3 kept, so a dropped finding is never resolved. Then every finding is
// sorted (path, location, line, column, rule, message) and steps 6 and 7
// run on the sorted list: the baseline is a multiset, matched in that
// order. What steps 1 to 5 kept is Result.Unfiltered when
// Policy.KeepUnfiltered asks for it (--write-baseline). --fail-on only
// decides the exit code, from the findings the chain kept.
var chain = [...]processor{
	{name: "severity", each: severityStep},
	{name: "own-severity", each: ownSeverityStep},
	{name: "directives", site: true, each: directivesStep},
	{name: "min-severity", each: minSeverityStep},
	{name: "scope", each: scopeStep},
	{name: "changed-since", list: func(p *Policy) Filter { return p.ChangedSince }},
	{name: "baseline", list: func(p *Policy) Filter { return p.Baseline }},
}

// processor is one step of the policy chain: each looks at one finding and
// says whether it is kept (it may set its severity); list is a filter of
// the sorted findings, configured by the caller (nil: the step is off).
type processor struct {
	name string
	each func(s *sink, it *item) bool
	// site: each needs the resolved position.
	site bool
	list func(p *Policy) Filter
}

// Filter is a list step of the chain the caller configures: --changed-since
// (filter.Changes), --baseline (filter.Baseline). It returns the findings
// it keeps, in order, in a new slice.
type Filter interface {
	Filter([]lint.Finding) []lint.Finding
}

// item is one finding in the chain: where it came from (for resolve) and,
// once resolved, its lint.Finding.
type item struct {
	lint.Finding
	path     string        // the file it is on
	own      lint.Severity // the diagnostic's own severity (Off: none)
	internal bool          // an internal error: severity fixed
	// directive: a finding about a directive (input/directive,
	// input/unused-directive): the directives step keeps it
	directive bool
	resolved  bool
	// what resolve builds the site from: a rule's diagnostic, an
	// extraction note, or neither (line 1 of path)
	diag *lint.Diagnostic
	note *content.Note
}

// sink takes one file's findings (or, for the Finish findings, each
// finding's file in turn) through the per-finding steps of the chain.
type sink struct {
	pol  *Policy
	path string
	doc  *content.Document // nil: no document (an input error, Finish)
	dirs *fileDirectives   // nil: none
	out  []lint.Finding
	// the last severity looked up: findings come rule after rule
	sevRule, sevPath string
	sev              lint.Severity
	it               item // the finding in the chain (no allocation per finding)
}

func severityStep(s *sink, it *item) bool {
	if it.internal {
		return true
	}
	if it.Rule != s.sevRule || it.path != s.sevPath {
		s.sevRule, s.sevPath, s.sev = it.Rule, it.path, s.pol.SeverityOf(it.Rule, it.path)
	}
	it.Severity = s.sev
	return s.sev != lint.Off
}

func ownSeverityStep(_ *sink, it *item) bool {
	if it.own != lint.Off && !it.internal {
		it.Severity = it.own
	}
	return true
}

func minSeverityStep(s *sink, it *item) bool {
	return it.internal || it.Severity >= s.pol.MinSeverity
}

func directivesStep(s *sink, it *item) bool {
	if it.internal || it.directive || s.dirs == nil {
		return true
	}
	return !s.dirs.suppressed(it.Rule, it.Line, it.Loc)
}

func scopeStep(s *sink, it *item) bool {
	sc := s.pol.Scope
	if sc == nil || it.internal {
		return true
	}
	if s.pol.corpusOnly[it.Rule] {
		return false
	}
	return sc.Files == nil || sc.Has(it.path)
}

// Scope configures the chain's scope step, for a run that is not about
// the whole configured corpus. Nil: the run is.
type Scope struct {
	// Files, when not nil, are the files a partial run named (the PATHs
	// and --include select fewer files than the config's corpus): findings
	// on any other file are dropped, whatever rule made them. Nil: every
	// file (a --changed-since run, which its own step narrows).
	// They are sorted (NewScope): a slice of the inputs' own strings, not
	// a map of them (at 100,000 files, 1.6 MB against 13.5 MB).
	Files []string
}

// NewScope is the scope of a partial run that named files (in any order;
// the slice is sorted in place).
func NewScope(files []string) *Scope {
	if !slices.IsSorted(files) {
		slices.Sort(files)
	}
	return &Scope{Files: files}
}

// Has reports whether the run named path.
func (sc *Scope) Has(path string) bool {
	_, ok := slices.BinarySearch(sc.Files, path)
	return ok
}

// Partial reports whether the scope is a partial run's (Files set).
func (sc *Scope) Partial() bool { return sc != nil && sc.Files != nil }

// add runs the per-finding steps of the chain on it and keeps it, resolved,
// when they all do.
func (s *sink) add(it *item) {
	for i := range chain {
		p := &chain[i]
		if p.each == nil {
			continue
		}
		if p.site && !it.resolved {
			s.resolve(it)
		}
		if !p.each(s, it) {
			return
		}
	}
	if !it.resolved {
		s.resolve(it)
	}
	s.out = append(s.out, it.Finding)
}

// resolve builds a finding's position and its fix's source offsets: the
// one place that does. A diagnostic's block span is mapped through the
// document; a Finish diagnostic's site is taken as is; a note is at its
// source offset (line 1 when it has none) and its location; an input or
// internal error is at line 1 of its path. A fix replaces source bytes only
// when the site maps exactly onto them, or does but for soft line breaks
// (lint.Rewrap keeps them in the replacement); otherwise it is advisory, -1.
func (s *sink) resolve(it *item) {
	it.resolved = true
	switch {
	case it.diag != nil:
		d := it.diag
		if d.Site != nil {
			it.Site = *d.Site
		} else {
			it.Site = lint.Resolve(s.doc, d.Block, d.Start, d.End)
		}
		it.Message, it.Related = d.Message, d.Related
		if d.Fix != nil {
			it.Fix = &lint.Fix{Replacement: d.Fix.Replacement, Start: -1, End: -1, Safety: d.Fix.Safety, Why: d.Fix.Why}
			if it.Exact {
				it.Fix.Start, it.Fix.End = it.SrcStart, it.SrcEnd
			} else if d.Site == nil {
				// wrapped over lines: the replacement keeps the breaks
				if r, ok := lint.Rewrap(s.doc, d.Block, d.Start, d.End, d.Fix.Replacement); ok {
					it.Fix.Replacement, it.Fix.Start, it.Fix.End = r, it.SrcStart, it.SrcEnd
				}
			}
		}
	case it.note != nil:
		n := it.note
		it.Site = lint.Site{Path: it.path, Line: 1, Loc: n.Loc}
		if n.Offset >= 0 && s.doc != nil && len(s.doc.Src) > 0 {
			it.Line, it.Col = s.doc.LineCol(n.Offset)
		}
		it.Message = n.Message
	default:
		it.Site = lint.Site{Path: it.path, Line: 1}
	}
}

// diag takes rule's diagnostic d through the chain.
func (s *sink) diag(rule string, d *lint.Diagnostic) {
	s.it = item{Finding: lint.Finding{Rule: rule}, path: s.path, own: d.Severity, diag: d}
	s.add(&s.it)
}

// note takes an extraction note through the chain.
func (s *sink) note(n *content.Note) {
	s.it = item{Finding: lint.Finding{Rule: n.Rule}, path: s.path, note: n}
	s.add(&s.it)
}

// inputError takes a file's read or parse error (rule input/*) through the
// chain.
func (s *sink) inputError(rule, msg string) {
	s.it = item{Finding: lint.Finding{Rule: rule, Message: msg}, path: s.path}
	s.add(&s.it)
}

// internalError takes an internal error (reported as input/unreadable, at
// severity error) on path through the chain.
func (s *sink) internalError(path, msg string) {
	s.it = item{Finding: lint.Finding{Rule: content.RuleUnreadable, Severity: lint.Error, Message: msg}, path: path, internal: true}
	s.add(&s.it)
}

// filterList runs the list steps of the chain on the sorted findings. all
// is what the per-finding steps kept, when p.KeepUnfiltered.
func (p *Policy) filterList(fs []lint.Finding) (shown, all []lint.Finding) {
	if p.KeepUnfiltered {
		all = fs
	}
	for i := range chain {
		if l := chain[i].list; l != nil {
			if f := l(p); f != nil {
				fs = f.Filter(fs)
			}
		}
	}
	return fs, all
}

// hasListSteps reports whether a list step of the chain is on, or the
// findings before them are kept (KeepUnfiltered): the findings are then
// needed all at once.
func (p *Policy) hasListSteps() bool {
	if p.KeepUnfiltered {
		return true
	}
	for i := range chain {
		if l := chain[i].list; l != nil && l(p) != nil {
			return true
		}
	}
	return false
}

// Policy configures the policy chain (above). Its severity step turns rule
// defaults, the config's `rules:` and `overrides:`, and the command line's
// --rule/--disable into a severity per rule and path.
// Keys are rule ids or family prefixes ("naming"); the most specific key wins,
// and a later override beats an earlier one and the global setting.
type Policy struct {
	// Defaults are the rules' own severities, by id.
	Defaults map[string]lint.Severity
	// Rules are the config's global settings, by id or family.
	Rules map[string]lint.Severity
	// Overrides apply in order to paths matching Files (doublestar globs,
	// relative to the config folder).
	Overrides []OverridePolicy
	// Only, when non-empty, keeps only rules selected by one of these ids or families.
	Only []string
	// Disable drops rules selected by these ids or families.
	Disable []string
	// MinSeverity is the chain's min-severity step: findings below it are
	// dropped (Off, the zero value: none is).
	MinSeverity lint.Severity
	// ChangedSince and Baseline are the chain's --changed-since and
	// --baseline steps (nil: off).
	ChangedSince, Baseline Filter
	// KeepUnfiltered keeps the findings before ChangedSince and Baseline
	// in Result.Unfiltered (--write-baseline writes them).
	KeepUnfiltered bool
	// KnownRule, when set, says whether a rule id or family named in a
	// directive exists; a directive naming another is an input/directive
	// finding, with Suggest's did-you-mean (" (did you mean ...?)" or "").
	KnownRule func(string) bool
	Suggest   func(string) string

	// Scope is the chain's scope step (nil: off, the whole corpus). With
	// a scope, the corpus-only rules do not run.
	Scope *Scope

	// corpusOnly are the rules declared CorpusOnly, by id.
	corpusOnly map[string]bool
}

// OverridePolicy is one `overrides:` entry.
type OverridePolicy struct {
	Files []string
	Rules map[string]lint.Severity
}

// NewPolicy returns a policy whose defaults come from rules: the rules'
// declarations are their one home, the input/* rules' (rules/input)
// included, so the list should hold those (a rule missing from it is a
// warning by default).
func NewPolicy(rules []*lint.Rule) *Policy {
	p := &Policy{Defaults: make(map[string]lint.Severity, len(rules))}
	for _, r := range rules {
		p.Defaults[r.Name] = r.Default
		if r.CorpusOnly {
			if p.corpusOnly == nil {
				p.corpusOnly = map[string]bool{}
			}
			p.corpusOnly[r.Name] = true
		}
	}
	return p
}

func (p *Policy) selected(id string) bool {
	if len(p.Only) > 0 {
		ok := false
		for _, s := range p.Only {
			if lint.Selects(s, id) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, s := range p.Disable {
		if lint.Selects(s, id) {
			return false
		}
	}
	return true
}

// lookup finds the most specific setting for id in m.
func lookup(m map[string]lint.Severity, id string) (lint.Severity, bool) {
	if s, ok := m[id]; ok {
		return s, true
	}
	best, bestLen, found := lint.Off, -1, false
	for k, s := range m {
		if lint.Selects(k, id) && len(k) > bestLen {
			best, bestLen, found = s, len(k), true
		}
	}
	return best, found
}

// SeverityOf is the severity of rule id on path (Off: not reported).
func (p *Policy) SeverityOf(id, path string) lint.Severity {
	if !p.selected(id) {
		return lint.Off
	}
	sev, ok := p.Defaults[id]
	if !ok {
		sev = lint.Warning
	}
	if s, ok := lookup(p.Rules, id); ok {
		sev = s
	}
	for _, o := range p.Overrides {
		if s, ok := lookup(o.Rules, id); ok && matchAny(o.Files, path) {
			sev = s
		}
	}
	return sev
}

// Severity is SeverityOf for a rule value.
func (p *Policy) Severity(r *lint.Rule, path string) lint.Severity { return p.SeverityOf(r.Name, path) }

// Enabled reports whether the rule can report anywhere: selected on the
// command line and not off both globally and in every override.
func (p *Policy) Enabled(r *lint.Rule) bool {
	if !p.selected(r.Name) {
		return false
	}
	sev, ok := p.Defaults[r.Name]
	if !ok {
		sev = r.Default
	}
	if s, ok := lookup(p.Rules, r.Name); ok {
		sev = s
	}
	if sev != lint.Off {
		return true
	}
	for _, o := range p.Overrides {
		if s, ok := lookup(o.Rules, r.Name); ok && s != lint.Off {
			return true
		}
	}
	return false
}

func matchAny(globs []string, path string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, path); ok {
			return true
		}
	}
	return false
}
