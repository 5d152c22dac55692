package driver

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Policy turns rule defaults, the config's `rules:` and `overrides:`, and
// the command line's --rule/--disable into a severity per rule and path.
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
}

// OverridePolicy is one `overrides:` entry.
type OverridePolicy struct {
	Files []string
	Rules map[string]lint.Severity
}

// NewPolicy returns a policy whose defaults come from rules.
func NewPolicy(rules []*lint.Rule) *Policy {
	p := &Policy{Defaults: map[string]lint.Severity{
		content.RuleUnreadable: lint.Error, content.RuleEncoding: lint.Warning, content.RuleTooLarge: lint.Warning, content.RuleDegraded: lint.Info,
	}}
	for _, r := range rules {
		p.Defaults[r.Name] = r.Default
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

// directives are a document's inline rule toggles, compiled for lookups.
type directives []content.Directive

func compileDirectives(d *content.Document) directives { return directives(d.Directives) }

func coversRule(rules []string, id string) bool {
	if len(rules) == 0 {
		return true
	}
	for _, r := range rules {
		if lint.Selects(r, id) {
			return true
		}
	}
	return false
}

// suppressed reports whether an inline directive turns rule id off at line
// (text formats) or loc (office formats).
func (ds directives) suppressed(id string, line int, loc string) bool {
	if len(ds) == 0 {
		return false
	}
	off := false
	for _, d := range ds {
		switch d.Kind {
		case "disable-file":
			if coversRule(d.Rules, id) {
				return true
			}
		case "disable-loc":
			if loc != "" && (loc == d.Loc || strings.HasPrefix(loc, d.Loc+" ")) && coversRule(d.Rules, id) {
				return true
			}
		case "disable-next-line":
			if loc == "" && line == d.Line+1 && coversRule(d.Rules, id) {
				return true
			}
		case "disable":
			if loc == "" && d.Line <= line && coversRule(d.Rules, id) {
				off = true
			}
		case "enable":
			if loc == "" && d.Line <= line && coversRule(d.Rules, id) {
				off = false
			}
		}
	}
	return off
}
