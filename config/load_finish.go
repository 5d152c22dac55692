// The loader's last steps: warnings, merging the units, and defaults.

package config

import (
	"fmt"
	"slices"
)

// warnings returns the warnings, sorted, marked and with their snippets.
func (l *loader) warnings() Errors {
	ws := l.warns.sorted(l.srcs)
	for _, w := range ws {
		w.Warning = true
	}
	return ws
}

// finish merges the units, applies the defaults and runs the checks that
// need the whole config.
func (l *loader) finish(units []*Config, partial bool) *Config {
	out := &Config{present: map[string]Pos{}}
	for _, u := range units {
		merge(out, u)
	}
	// Extends: what the last unit (the main file) reached, in merge order.
	if len(units) > 0 {
		last := units[len(units)-1]
		out.Extends, out.ExtendsPos = last.Extends, last.ExtendsPos
	}
	seen := map[string]bool{}
	for _, f := range l.files {
		if !seen[f] {
			seen[f] = true
			out.Files = append(out.Files, f)
		}
	}
	applyDefaults(out)
	checkMerged(out, &l.errs, &l.warns, partial)
	checkPatternSizes(l.pats, &out.Limits, &l.errs)
	return out
}

// checkFileTerms reports terms of one file (with its glossary files)
// that share a name or an id.
func checkFileTerms(d *decoder, terms []Term) {
	names := map[string]*Term{}
	ids := map[string]*Term{}
	for i := range terms {
		t := &terms[i]
		if t.Name != "" {
			if first, dup := names[t.Name]; dup {
				d.errs.at(t.Pos, 0, "duplicate term %q (first defined at %s)", t.Name, where(first.Pos, t.Pos))
			} else {
				names[t.Name] = t
			}
		}
		if t.ID != "" {
			if first, dup := ids[t.ID]; dup {
				d.errs.at(t.Pos, 0, "duplicate term id %q (also used by term %q at %s)", t.ID, first.Name, where(first.Pos, t.Pos))
			} else {
				ids[t.ID] = t
			}
		}
	}
}

// where describes p relative to the position cur: "line 3" in the same
// file, "file:3" otherwise.
func where(p, cur Pos) string {
	if p.File == cur.File {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

func applyDefaults(c *Config) {
	if c.present == nil {
		c.present = map[string]Pos{}
	}
	if c.Version == 0 {
		c.Version = 1
	}
	if _, ok := c.present["include"]; !ok {
		c.Include = slices.Clone(DefaultInclude)
	}
	if _, ok := c.present["front_matter"]; !ok {
		c.FrontMatter = slices.Clone(DefaultFrontMatter)
	}
	if _, ok := c.present["funnel.stages"]; !ok {
		c.Funnel.Stages = slices.Clone(DefaultStages)
	}
	if _, ok := c.present["coverage.min"]; !ok {
		c.Coverage.Min = 1
	}
	if _, ok := c.present["coverage.min_confidence"]; !ok {
		c.Coverage.MinConfidence = DefaultMinConfidence
	}
	if c.Coverage.Severity == "" {
		c.Coverage.Severity = "warning"
	}
	for i := range c.Terms {
		if c.Terms[i].Kind == "" {
			c.Terms[i].Kind = KindTerm
		}
	}
}
