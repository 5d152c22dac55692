package glossary

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v4"
)

func parseYAML(name string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Problem{File: name, Msg: "not valid YAML: " + err.Error()}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, Problem{File: name, Line: 1, Msg: "not a YAML mapping"}
	}
	return doc.Content[0], nil
}

func field(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// scalars is a scalar or a sequence of scalars, with their nodes.
func scalars(n *yaml.Node) []*yaml.Node {
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		return n.Content
	}
	return nil
}

// ReadSwap reads a Vale substitution rule: each `swap:` entry maps a form
// to avoid to the form to use; the forms to use become terms, the others
// their variants. An entry that is a regular expression (a key or a
// value) is reported and skipped.
func ReadSwap(name string, data []byte) (*Result, error) {
	root, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	r := &Result{Format: "vale substitution"}
	if ext := field(root, "extends"); ext != nil && ext.Value != "substitution" {
		r.Problems = append(r.Problems, Problem{name, ext.Line, fmt.Sprintf("extends: %s, not substitution; the swap: map is read anyway", ext.Value)})
	}
	swap := field(root, "swap")
	if swap == nil || swap.Kind != yaml.MappingNode {
		line := 0
		if swap != nil {
			line = swap.Line
		}
		return nil, Problem{File: name, Line: line, Msg: "swap: is not a mapping of forms to avoid to forms to use"}
	}
	byName := map[string]int{}
	for i := 0; i+1 < len(swap.Content); i += 2 {
		k, v := swap.Content[i], swap.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode {
			r.Problems = append(r.Problems, Problem{name, k.Line, "not a plain entry (form: replacement)"})
			continue
		}
		bad, good := clean(k.Value), clean(v.Value)
		if !plain(bad) || !plain(good) {
			r.Problems = append(r.Problems, Problem{name, k.Line, fmt.Sprintf("a regular expression (%s: %s), not a plain word: add the term by hand", k.Value, v.Value)})
			continue
		}
		if bad == good {
			continue
		}
		ti, ok := byName[good]
		if !ok {
			ti = len(r.Terms)
			byName[good] = ti
			r.Terms = append(r.Terms, Term{Name: good, Line: k.Line})
		}
		r.Terms[ti].Variants = appendNew(r.Terms[ti].Variants, bad)
	}
	return r, nil
}

// ReadPrh reads a textlint prh file: each rule's `expected` is a term, its
// `pattern` or `patterns` (plain strings) its variants; `specs` are kept
// as comments. A /regular expression/ pattern is reported and skipped
// (and so is one RE2 cannot compile); `imports` are not followed.
func ReadPrh(name string, data []byte) (*Result, error) {
	root, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	r := &Result{Format: "prh"}
	if im := field(root, "imports"); im != nil {
		r.Problems = append(r.Problems, Problem{name, im.Line, "imports: are not followed; import each file with its own --from"})
	}
	rules := field(root, "rules")
	if rules == nil || rules.Kind != yaml.SequenceNode {
		line := 0
		if rules != nil {
			line = rules.Line
		}
		return nil, Problem{File: name, Line: line, Msg: "rules: is not a list of rules (expected, patterns)"}
	}
	byName := map[string]int{}
	for _, rule := range rules.Content {
		exp := field(rule, "expected")
		if rule.Kind != yaml.MappingNode || exp == nil || exp.Kind != yaml.ScalarNode || clean(exp.Value) == "" {
			r.Problems = append(r.Problems, Problem{name, rule.Line, "a rule with no expected: form"})
			continue
		}
		good := clean(exp.Value)
		if !plain(good) {
			r.Problems = append(r.Problems, Problem{name, exp.Line, fmt.Sprintf("expected: %s uses regular expression replacements: add the term by hand", exp.Value)})
			continue
		}
		ti, ok := byName[good]
		if !ok {
			ti = len(r.Terms)
			byName[good] = ti
			r.Terms = append(r.Terms, Term{Name: good, Line: exp.Line})
		}
		t := &r.Terms[ti]
		pats := append(scalars(field(rule, "pattern")), scalars(field(rule, "patterns"))...)
		for _, p := range pats {
			s := p.Value
			if len(s) >= 2 && strings.HasPrefix(s, "/") && strings.LastIndex(s, "/") > 0 {
				body := s[1:strings.LastIndex(s, "/")]
				if _, err := regexp.Compile(body); err != nil {
					r.Problems = append(r.Problems, Problem{name, p.Line, fmt.Sprintf("pattern %s is not a valid RE2 expression: %v", s, err)})
				} else {
					r.Problems = append(r.Problems, Problem{name, p.Line, fmt.Sprintf("pattern %s is a regular expression: add its forms as variants by hand", s)})
				}
				continue
			}
			if s = clean(s); s != "" && s != good {
				t.Variants = appendNew(t.Variants, s)
			}
		}
		for _, sp := range scalarsOrMaps(field(rule, "specs")) {
			from, to := field(sp, "from"), field(sp, "to")
			if from == nil || to == nil {
				r.Problems = append(r.Problems, Problem{name, sp.Line, "a spec with no from: or to:"})
				continue
			}
			t.Specs = append(t.Specs, fmt.Sprintf("%s -> %s", clean(from.Value), clean(to.Value)))
		}
	}
	return r, nil
}

func scalarsOrMaps(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Merge joins results in order: a term named twice (by its exact name)
// keeps the first one's kind and note and gains the other's variants and
// deprecated forms. Forbidden phrases are kept once each.
func Merge(rs ...*Result) *Result {
	out := &Result{}
	byName := map[string]int{}
	seenF := map[string]bool{}
	for _, r := range rs {
		for _, t := range r.Terms {
			i, ok := byName[t.Name]
			if !ok {
				byName[t.Name] = len(out.Terms)
				out.Terms = append(out.Terms, t)
				continue
			}
			o := &out.Terms[i]
			for _, v := range t.Variants {
				o.Variants = appendNew(o.Variants, v)
			}
			for _, v := range t.Deprecated {
				o.Deprecated = appendNew(o.Deprecated, v)
			}
			if o.Kind == "" {
				o.Kind = t.Kind
			}
			if o.Note == "" {
				o.Note = t.Note
			}
			o.Specs = append(o.Specs, t.Specs...)
		}
		for _, f := range r.Forbidden {
			k := f.Phrase + "\x00" + f.Pattern
			if !seenF[k] {
				seenF[k] = true
				out.Forbidden = append(out.Forbidden, f)
			}
		}
		out.Problems = append(out.Problems, r.Problems...)
	}
	return out
}
