package config

import (
	"slices"
	"strings"
)

// LoadOptions tune Load and Parse.
type LoadOptions struct {
	// KnownRule reports whether id names a rule or a rule family (a
	// prefix such as "naming"). It validates the keys of `rules:` and
	// `overrides[].rules`. When nil, KnownRules is used instead.
	KnownRule func(id string) bool
	// KnownRules lists every rule id ("naming/variant", ...). When
	// KnownRule is nil, an id is accepted if it is in the list or is the
	// family of one ("naming"). The list also feeds "did you mean"
	// suggestions. When both are empty, every rule id is accepted.
	KnownRules []string
	// Root, when set, confines the config: the main file and every file
	// it extends or names under `glossary:` must resolve, symbolic links
	// followed, inside Root (an absolute path with its links resolved;
	// see RepoRoot) and outside any .git folder. "" confines nothing
	// (--allow-outside-config).
	Root string
	// MainOutside lets the main file (not the files it names) lie outside
	// Root: it was named by an absolute path on the command line.
	MainOutside bool
}

func (o *LoadOptions) ruleKnown(id string) bool {
	if o == nil {
		return true
	}
	if o.KnownRule != nil {
		return o.KnownRule(id)
	}
	if len(o.KnownRules) == 0 {
		return true
	}
	return slices.Contains(o.ruleCandidates(), id)
}

// ruleCandidates lists the known rule ids and their families.
func (o *LoadOptions) ruleCandidates() []string {
	if o == nil {
		return nil
	}
	var out []string
	for _, id := range o.KnownRules {
		if fam, _, ok := strings.Cut(id, "/"); ok && !slices.Contains(out, fam) {
			out = append(out, fam)
		}
	}
	return append(out, o.KnownRules...)
}
