package config

import (
	"go.yaml.in/yaml/v4"
)

// maxAliasNodes bounds how many nodes may be decoded through aliases and
// merge keys in one file (a "billion laughs" document stops here).
const maxAliasNodes = 100_000

// maxMergeDepth bounds nested merge keys.
const maxMergeDepth = 16

// enter follows an alias, counting the nodes decoded through it against
// maxAliasNodes; it returns nil once the budget is spent. Call done after.
func (d *decoder) enter(n *yaml.Node) (*yaml.Node, func()) {
	if d.aborted || n == nil {
		return nil, func() {}
	}
	done := func() {}
	if n.Kind == yaml.AliasNode {
		hops := 0
		for n != nil && n.Kind == yaml.AliasNode {
			n = n.Alias
			if hops++; hops > 100 {
				n = nil
			}
		}
		if n == nil {
			return nil, done
		}
		d.inAlias++
		done = func() { d.inAlias-- }
	}
	if d.inAlias > 0 {
		d.aliasNodes++
		if d.aliasNodes > maxAliasNodes {
			d.aborted = true
			d.errorf(n, "too many alias expansions (more than %d nodes): refusing to load", maxAliasNodes)
			done()
			return nil, func() {}
		}
	}
	return n, done
}

// pairs lists the key/value pairs of mapping n, expanding merge keys
// ("<<: *base"); explicit keys win over merged ones. Duplicate explicit
// keys are reported.
func (d *decoder) pairs(n *yaml.Node, depth int) []field {
	var explicit, merged []field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			if depth >= maxMergeDepth {
				d.errorf(k, "merge keys nested too deeply")
				continue
			}
			merged = append(merged, d.mergePairs(k, v, depth)...)
			continue
		}
		explicit = append(explicit, field{k, v})
	}
	seen := map[string]*yaml.Node{}
	out := make([]field, 0, len(explicit)+len(merged))
	for _, f := range explicit {
		if f.key.Kind != yaml.ScalarNode {
			d.errorf(f.key, "a key must be a string, got %s", describe(f.key))
			continue
		}
		if first, dup := seen[f.key.Value]; dup {
			d.errorf(f.key, "duplicate key %q (first defined at line %d)", f.key.Value, first.Line)
			continue
		}
		seen[f.key.Value] = f.key
		out = append(out, f)
	}
	for _, f := range merged {
		if f.key.Kind != yaml.ScalarNode {
			continue
		}
		if _, dup := seen[f.key.Value]; dup {
			continue
		}
		seen[f.key.Value] = f.key
		out = append(out, f)
	}
	return out
}

func (d *decoder) mergePairs(k, v *yaml.Node, depth int) []field {
	src, done := d.enter(v)
	defer done()
	if src == nil {
		return nil
	}
	switch src.Kind {
	case yaml.MappingNode:
		return d.pairs(src, depth+1)
	case yaml.SequenceNode:
		var out []field
		for _, item := range src.Content {
			m, done := d.enter(item)
			if m != nil && m.Kind == yaml.MappingNode {
				out = append(out, d.pairs(m, depth+1)...)
			} else if m != nil {
				d.errorf(m, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(m))
			}
			done()
		}
		return out
	}
	d.errorf(k, "a merge key (<<) takes a mapping or a list of mappings, got %s", describe(src))
	return nil
}
