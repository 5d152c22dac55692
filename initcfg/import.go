package initcfg

import (
	"fmt"
	"io"
	"os"

	"github.com/msglint/msglint/initcfg/glossary"
	"github.com/msglint/msglint/match"
)

// ParseColumns reads a --columns mapping (glossary.ParseColumns).
func ParseColumns(s string) (glossary.Columns, error) { return glossary.ParseColumns(s) }

// Import reads the glossaries at paths (--from) and merges them, in order.
// A file that cannot be read or has no recognisable format is an error;
// entries that cannot be imported are the result's Problems.
func Import(paths []string, opt glossary.Options) (*glossary.Result, error) {
	var rs []*glossary.Result
	for _, p := range paths {
		data, err := readSmall(p)
		if err != nil {
			return nil, err
		}
		r, err := glossary.ReadWith(p, data, opt)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return glossary.Merge(rs...), nil
}

func readSmall(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	data, err := io.ReadAll(io.LimitReader(f, glossary.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	return data, nil
}

// mergeImported drops the proposed names an imported term already covers
// (by loose key: its name, variants and deprecated forms), and, within
// the imported terms, a form that an earlier term already uses, so that
// the config loads.
func (p *Proposal) mergeImported() {
	if p.Imported == nil {
		return
	}
	used := map[string]bool{}
	terms := p.Imported.Terms[:0]
	for _, t := range p.Imported.Terms {
		k := match.LooseKey(t.Name)
		if k == "" || used[k] {
			p.Imported.Problems = append(p.Imported.Problems, glossary.Problem{File: t.File, Line: t.Line,
				Msg: fmt.Sprintf("%q is already a term or a form of one: skipped", t.Name)})
			continue
		}
		used[k] = true
		// a form one source deprecates and another allows stays deprecated
		seen := map[string]bool{t.Name: true}
		t.Deprecated = keepNew(t.Deprecated, used, k, seen)
		t.Variants = keepNew(t.Variants, used, k, seen)
		terms = append(terms, t)
	}
	p.Imported.Terms = terms
	kept := p.Names[:0]
	for _, n := range p.Names {
		covered := false
		for _, f := range n.Forms {
			if used[match.LooseKey(f.Text)] {
				covered = true
			}
		}
		if !covered {
			kept = append(kept, n)
		}
	}
	p.Names = kept
}

// keepNew keeps the forms whose loose key no other term uses (the term's
// own key, self, is allowed: case variants), marking them used.
func keepNew(forms []string, used map[string]bool, self string, seen map[string]bool) []string {
	var out []string
	for _, f := range forms {
		k := match.LooseKey(f)
		if k == "" || seen[f] || (used[k] && k != self) {
			continue
		}
		seen[f] = true
		used[k] = true
		out = append(out, f)
	}
	return out
}
