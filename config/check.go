package config

import (
	"fmt"
	"path"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v4"
)

// Per-item checks, run by the decoder right after each item is decoded so
// that every error points at the offending key or value.

// Severities are the accepted rule severities, strongest first.
var Severities = []string{"error", "warning", "info", "off"}

// Kinds are the accepted term kinds.
var Kinds = []string{KindProduct, KindFeature, KindTerm}

// Citations are the accepted claim citation values ("" = not checked).
var Citations = []string{"required", "optional"}

// TrademarkSigns are the accepted values of a term's trademark.
var TrademarkSigns = []string{"™", "®", "℠", "©"}

func deref(n *yaml.Node) *yaml.Node {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > 100 {
			return nil
		}
		n = n.Alias
	}
	return n
}

// scalarOf returns the field's value node when it is a non-null scalar.
func scalarOf(f field) (*yaml.Node, bool) {
	n := deref(f.val)
	if n == nil || n.Kind != yaml.ScalarNode || isNull(n) {
		return nil, false
	}
	return n, true
}

// eachString calls fn for every string item of the list at f.
func eachString(f field, fn func(s string, n *yaml.Node)) {
	seq := deref(f.val)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return
	}
	for _, it := range seq.Content {
		if it = deref(it); it != nil && it.Kind == yaml.ScalarNode && !isNull(it) {
			fn(it.Value, it)
		}
	}
}

// eachPair calls fn for every key/value of the mapping at f.
func (d *decoder) eachPair(f field, fn func(k, v *yaml.Node)) {
	m := deref(f.val)
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for _, p := range d.pairsQuiet(m) {
		fn(p.key, p.val)
	}
}

// pairsQuiet is pairs without reporting errors a second time.
func (d *decoder) pairsQuiet(m *yaml.Node) []field {
	saved := *d.errs
	ps := d.pairs(m, 0)
	*d.errs = saved
	return ps
}

func (d *decoder) nonEmpty(what string, f field) {
	eachString(f, func(s string, n *yaml.Node) {
		if strings.TrimSpace(s) == "" {
			d.errorf(n, "%s: entries must not be empty", what)
		}
	})
}

func oneOf(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = s
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func suggestPrefix(s string, candidates []string) string {
	if m := didYouMean(s, candidates); m != "" {
		return m
	}
	if len(s) >= 2 {
		var hits []string
		for _, c := range candidates {
			if strings.HasPrefix(c, strings.ToLower(s)) {
				hits = append(hits, c)
			}
		}
		if len(hits) == 1 {
			return ` (did you mean "` + hits[0] + `"?)`
		}
	}
	return ""
}

func (d *decoder) enum(what string, n *yaml.Node, allowed []string) {
	if !slices.Contains(allowed, n.Value) {
		d.errorf(n, "%s: unknown value %q (want %s)%s", what, n.Value, oneOf(allowed), suggestPrefix(n.Value, allowed))
	}
}

func (d *decoder) severity(n *yaml.Node) {
	if !slices.Contains(Severities, n.Value) {
		d.errorf(n, "unknown severity %q (want %s)%s", n.Value, oneOf(Severities), suggestPrefix(n.Value, Severities))
	}
}

// ValidGlob reports why a doublestar glob is unusable, or "".
func ValidGlob(g string) string {
	switch {
	case strings.TrimSpace(g) == "":
		return "empty glob"
	case !doublestar.ValidatePattern(g):
		return "invalid glob (check brackets and braces)"
	case path.IsAbs(g) || (len(g) >= 2 && g[1] == ':'):
		return "globs are relative to the config's folder; remove the leading slash or drive"
	}
	return ""
}

func (d *decoder) globs(what string, f field) {
	eachString(f, func(s string, n *yaml.Node) {
		if why := ValidGlob(s); why != "" {
			d.errorf(n, "%s: %s: %q", what, why, s)
		}
	})
}

// rules checks a rules mapping: known rule ids, valid severities.
func (d *decoder) rules(f field) {
	d.eachPair(f, func(k, v *yaml.Node) {
		if !d.opts.ruleKnown(k.Value) {
			d.errorf(k, "unknown rule %q%s", k.Value, didYouMean(k.Value, d.opts.ruleCandidates()))
		}
		if v = deref(v); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
			d.severity(v)
		}
	})
}

// CompilePattern compiles a config pattern as msglint matches it: Go RE2,
// case-insensitive unless caseSensitive.
func CompilePattern(p string, caseSensitive bool) (*regexp.Regexp, error) {
	re, err := regexp.Compile(p) // errors quote the pattern as written
	if err != nil || caseSensitive {
		return re, err
	}
	return regexp.Compile("(?i)" + p)
}

func (d *decoder) pattern(what string, n *yaml.Node, caseSensitive bool) *regexp.Regexp {
	if strings.TrimSpace(n.Value) == "" {
		d.errorf(n, "%s: the pattern is empty", what)
		return nil
	}
	re, err := CompilePattern(n.Value, caseSensitive)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
		d.errorf(n, "%s: invalid pattern (Go RE2 syntax): %s", what, msg)
		return nil
	}
	if d.pats != nil {
		p := n.Value
		if !caseSensitive {
			p = "(?i)" + p
		}
		*d.pats = append(*d.pats, patSize{what: what, pos: d.pos(n), width: width(n), size: ProgramSize(p)})
	}
	return re
}

// patSize is a config pattern's compiled size, checked against the
// limits once the config is merged (limits: may come later, or from
// another file).
type patSize struct {
	what  string
	pos   Pos
	width int
	size  int
}

// ProgramSize returns the number of instructions of p's compiled program,
// as regexp compiles it (parse, simplify, compile); 0 when p does not
// compile. Matching a pattern costs up to this many steps per byte of
// text, so the limits bound it.
func ProgramSize(p string) int {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// checkPatternSizes reports patterns over limits.max_regex_size, and the
// pattern that takes the total over limits.max_regex_total.
func checkPatternSizes(pats []patSize, l *Limits, errs *errList) {
	maxOne, maxAll := l.RegexSize(), l.RegexTotal()
	total := 0
	for _, p := range pats {
		if p.size > maxOne {
			errs.at(p.pos, p.width, "%s: the pattern compiles to %d instructions, over the limit of %d "+
				"(simplify it, or raise limits.max_regex_size: %d)", p.what, p.size, maxOne, maxOne)
			continue
		}
		total += p.size
		if total > maxAll {
			errs.at(p.pos, p.width, "%s: the config's patterns compile to more than %d instructions in all "+
				"(simplify them, or raise limits.max_regex_total: %d)", p.what, maxAll, maxAll)
			return
		}
	}
}

func label(kind, name string) string {
	if name == "" {
		return kind
	}
	return fmt.Sprintf("%s %q", kind, name)
}

// check validates the top level of a config file.
func (c *Config) check(d *decoder, n *yaml.Node, fs map[string]field) {
	if v, ok := scalarOf(fs["version"]); ok && c.Version != 1 && v.Tag == "!!int" {
		d.errorf(v, "unsupported version %s (this msglint reads version 1)", v.Value)
	}
	d.globs(`"include"`, fs["include"])
	d.globs(`"exclude"`, fs["exclude"])
	d.nonEmpty(`"extends"`, fs["extends"])
	d.nonEmpty(`"glossary"`, fs["glossary"])
	d.nonEmpty(`"front_matter"`, fs["front_matter"])
	d.nonEmpty(`"competitors"`, fs["competitors"])
	for _, k := range []string{"audiences", "objections"} {
		d.eachPair(fs[k], func(key, v *yaml.Node) {
			d.nonEmpty(fmt.Sprintf("%q", key.Value), field{key, v})
		})
	}
	d.eachPair(fs["teams"], func(key, v *yaml.Node) {
		d.globs(fmt.Sprintf("team %q", key.Value), field{key, v})
	})
	d.rules(fs["rules"])
	d.uniqueIDs("claim", fs["claims"])
	d.uniqueIDs("disclaimer", fs["disclaimers"])
}

// uniqueIDs reports items of a list sharing an id.
func (d *decoder) uniqueIDs(kind string, f field) {
	seq := deref(f.val)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return
	}
	first := map[string]*yaml.Node{}
	for _, it := range seq.Content {
		it = deref(it)
		if it == nil || it.Kind != yaml.MappingNode {
			continue
		}
		for _, p := range d.pairsQuiet(it) {
			if p.key.Value != "id" {
				continue
			}
			v := deref(p.val)
			if v == nil || v.Kind != yaml.ScalarNode || isNull(v) || v.Value == "" {
				continue
			}
			if f, dup := first[v.Value]; dup {
				d.errorf(v, "duplicate %s id %q (first used at line %d)", kind, v.Value, f.Line)
			} else {
				first[v.Value] = v
			}
		}
	}
}

func (t *Term) check(d *decoder, n *yaml.Node, fs map[string]field) {
	if v, ok := scalarOf(fs["name"]); !ok {
		if _, present := fs["name"]; !present {
			d.errorf(n, `term: "name" is required`)
		} else {
			d.errorf(fs["name"].val, `term: "name" must be a non-empty string`)
		}
	} else if strings.TrimSpace(v.Value) == "" {
		d.errorf(v, `term: "name" must not be empty`)
	}
	what := label("term", t.Name)
	if v, ok := scalarOf(fs["kind"]); ok {
		d.enum(what+": \"kind\"", v, Kinds)
	}
	if v, ok := scalarOf(fs["id"]); ok && strings.TrimSpace(v.Value) == "" {
		d.errorf(v, `%s: "id" must not be empty`, what)
	}
	if v, ok := scalarOf(fs["trademark"]); ok {
		d.enum(what+": \"trademark\"", v, TrademarkSigns)
	}
	for _, k := range []string{"variants", "deprecated"} {
		eachString(fs[k], func(s string, v *yaml.Node) {
			switch {
			case strings.TrimSpace(s) == "":
				d.errorf(v, "%s: %q entries must not be empty", what, k)
			case s == t.Name && k == "deprecated":
				// a variant equal to the name is only redundant: a warning
				// (checkMerged)
				d.errorf(v, "%s: %q lists the canonical name itself", what, k)
			}
		})
	}
}

func (e *Examples) check(d *decoder, n *yaml.Node, fs map[string]field) {
	d.nonEmpty(`"bad" examples`, fs["bad"])
	d.nonEmpty(`"good" examples`, fs["good"])
}

func (c *Claim) check(d *decoder, n *yaml.Node, fs map[string]field) {
	if v, ok := scalarOf(fs["id"]); !ok || strings.TrimSpace(v.Value) == "" {
		if ok {
			d.errorf(v, `claim: "id" must not be empty`)
		} else {
			d.errorf(n, `claim: "id" is required`)
		}
	}
	what := label("claim", c.ID)
	var re *regexp.Regexp
	if v, ok := scalarOf(fs["pattern"]); ok {
		re = d.pattern(what, v, c.CaseSensitive)
	} else if _, present := fs["pattern"]; !present {
		d.errorf(n, `%s: "pattern" is required`, what)
	}
	if f, ok := fs["value"]; ok && re != nil && c.Value != nil && re.NumSubexp() == 0 {
		d.errorf(deref(f.val), `%s: "value" needs a capture group in "pattern" (the first group is compared with it)`, what)
	}
	if v, ok := scalarOf(fs["expires"]); ok {
		if _, err := time.Parse(time.DateOnly, v.Value); err != nil {
			d.errorf(v, `%s: "expires" must be a date YYYY-MM-DD, got %q`, what, v.Value)
		}
	}
	if v, ok := scalarOf(fs["citation"]); ok && v.Value != "" {
		d.enum(what+": \"citation\"", v, Citations)
	}
	d.nonEmpty(what+": \"products\"", fs["products"])
}

func (c *Disclaimer) check(d *decoder, n *yaml.Node, fs map[string]field) {
	what := label("disclaimer", c.ID)
	if v, ok := scalarOf(fs["id"]); ok && strings.TrimSpace(v.Value) == "" {
		d.errorf(v, `disclaimer: "id" must not be empty`)
	}
	if f, ok := fs["when"]; !ok || len(c.When) == 0 {
		at := n
		if ok {
			at = deref(f.val)
		}
		d.errorf(at, `%s: "when" needs at least one pattern`, what)
	}
	eachString(fs["when"], func(s string, v *yaml.Node) { d.pattern(what, v, false) })
	if strings.TrimSpace(c.Text) == "" {
		at := n
		if f, ok := fs["text"]; ok {
			at = deref(f.val)
		}
		d.errorf(at, `%s: "text" (the required disclaimer) must not be empty`, what)
	}
}

func (f *Forbidden) check(d *decoder, n *yaml.Node, fs map[string]field) {
	_, hasPhrase := fs["phrase"]
	_, hasPattern := fs["pattern"]
	switch {
	case hasPhrase && hasPattern:
		d.errorf(n, `forbidden: give either "phrase" or "pattern", not both`)
	case !hasPhrase && !hasPattern:
		d.errorf(n, `forbidden: one of "phrase" or "pattern" is required`)
	}
	if v, ok := scalarOf(fs["phrase"]); ok && strings.TrimSpace(v.Value) == "" {
		d.errorf(v, `forbidden: "phrase" must not be empty`)
	}
	if v, ok := scalarOf(fs["pattern"]); ok {
		d.pattern("forbidden", v, false)
	}
	if v, ok := scalarOf(fs["severity"]); ok {
		d.severity(v)
	}
}

func (f *Funnel) check(d *decoder, n *yaml.Node, fs map[string]field) {
	if fl, ok := fs["stages"]; ok {
		// `stages:` with no value or an empty list is an error, not the
		// default stages: leaving the key out gives the defaults.
		switch seq := deref(fl.val); {
		case seq == nil || isNull(seq):
			d.errorf(fl.key, `"stages": at least one stage is required (leave the key out for the default stages: %s)`, strings.Join(DefaultStages, ", "))
		case seq.Kind == yaml.SequenceNode && len(seq.Content) == 0:
			d.errorf(seq, `"stages": at least one stage is required (leave the key out for the default stages: %s)`, strings.Join(DefaultStages, ", "))
		}
	}
	seen := map[string]*yaml.Node{}
	eachString(fs["stages"], func(s string, v *yaml.Node) {
		if strings.TrimSpace(s) == "" {
			d.errorf(v, `"stages": entries must not be empty`)
		} else if first, dup := seen[s]; dup {
			d.errorf(v, "duplicate stage %q (first listed at line %d)", s, first.Line)
		} else {
			seen[s] = v
		}
	})
	d.eachPair(fs["paths"], func(key, v *yaml.Node) {
		d.globs(fmt.Sprintf("funnel path %q", key.Value), field{key, v})
	})
}

func (c *Coverage) check(d *decoder, n *yaml.Node, fs map[string]field) {
	if v, ok := scalarOf(fs["min"]); ok && c.Min < 0 {
		d.errorf(v, `"min" must be 0 or more, got %d`, c.Min)
	}
	if v, ok := scalarOf(fs["min_confidence"]); ok && (c.MinConfidence < 0 || c.MinConfidence > 1) {
		d.errorf(v, `"min_confidence" must be between 0 and 1, got %s`, v.Value)
	}
	if v, ok := scalarOf(fs["severity"]); ok {
		d.severity(v)
	}
}

func (o *Override) check(d *decoder, n *yaml.Node, fs map[string]field) {
	if len(o.Files) == 0 {
		at := n
		if f, ok := fs["files"]; ok {
			at = deref(f.val)
		}
		d.errorf(at, `override: "files" needs at least one glob`)
	}
	d.globs(`"files"`, fs["files"])
	d.rules(fs["rules"])
}

func (h *HTML) check(d *decoder, n *yaml.Node, fs map[string]field) {
	eachString(fs["ignore"], func(s string, v *yaml.Node) {
		if strings.TrimSpace(s) == "" {
			d.errorf(v, `"ignore": entries must not be empty`)
			return
		}
		if _, err := cascadia.ParseGroup(s); err != nil {
			d.errorf(v, `"ignore": invalid CSS selector %q: %v`, s, err)
		}
	})
}

func (l *Limits) check(d *decoder, n *yaml.Node, fs map[string]field) {
	for k, f := range fs {
		v, ok := scalarOf(f)
		if !ok {
			continue
		}
		var i int
		if v.Tag == "!!int" && v.Decode(&i) == nil && i <= 0 {
			d.errorf(v, "limits.%s must be a positive integer, got %s", k, v.Value)
		}
	}
}
