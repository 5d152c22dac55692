package lint

import (
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/msglint/msglint/content"
)

// Policy turns rule defaults, the config's `rules:` and `overrides:`, and
// the command line's --rule/--disable into a severity per rule and path.
// Keys are rule ids or family prefixes ("naming"); the most specific key wins,
// and a later override beats an earlier one and the global setting.
type Policy struct {
	// Defaults are the rules' own severities, by id.
	Defaults map[string]Severity
	// Rules are the config's global settings, by id or family.
	Rules map[string]Severity
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
	Rules map[string]Severity
}

// NewPolicy returns a policy whose defaults come from rules.
func NewPolicy(rules []*Rule) *Policy {
	p := &Policy{Defaults: map[string]Severity{
		content.RuleUnreadable: Error, content.RuleEncoding: Warning, content.RuleTooLarge: Warning, content.RuleDegraded: Info,
	}}
	for _, r := range rules {
		p.Defaults[r.Name] = r.Default
	}
	return p
}

// Selects reports whether sel (an id or a family) selects rule id.
func Selects(sel, id string) bool {
	sel = strings.TrimSuffix(sel, "/")
	return sel == id || strings.HasPrefix(id, sel+"/")
}

func (p *Policy) selected(id string) bool {
	if len(p.Only) > 0 {
		ok := false
		for _, s := range p.Only {
			if Selects(s, id) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, s := range p.Disable {
		if Selects(s, id) {
			return false
		}
	}
	return true
}

// lookup finds the most specific setting for id in m.
func lookup(m map[string]Severity, id string) (Severity, bool) {
	if s, ok := m[id]; ok {
		return s, true
	}
	best, bestLen, found := Off, -1, false
	for k, s := range m {
		if Selects(k, id) && len(k) > bestLen {
			best, bestLen, found = s, len(k), true
		}
	}
	return best, found
}

// SeverityOf is the severity of rule id on path (Off: not reported).
func (p *Policy) SeverityOf(id, path string) Severity {
	if !p.selected(id) {
		return Off
	}
	sev, ok := p.Defaults[id]
	if !ok {
		sev = Warning
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
func (p *Policy) Severity(r *Rule, path string) Severity { return p.SeverityOf(r.Name, path) }

// Enabled reports whether the rule can report anywhere: selected on the
// command line and not off both globally and in every override.
func (p *Policy) Enabled(r *Rule) bool {
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
	if sev != Off {
		return true
	}
	for _, o := range p.Overrides {
		if s, ok := lookup(o.Rules, r.Name); ok && s != Off {
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
		if Selects(r, id) {
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
