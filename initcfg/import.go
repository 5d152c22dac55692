package initcfg

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/msglint/msglint/initcfg/glossary"
	"github.com/msglint/msglint/match"
)

// ParseColumns reads a --columns mapping (glossary.ParseColumns).
func ParseColumns(s string) (glossary.Columns, error) { return glossary.ParseColumns(s) }

// GlossaryTerm is a glossary entry, as imported and exported.
type GlossaryTerm = glossary.Term

// Export writes terms as csv, vale, prh or json (glossary.Export).
func Export(w io.Writer, format string, terms []GlossaryTerm) error {
	return glossary.Export(w, format, terms)
}

// GlossaryOptions are the options of Import.
func GlossaryOptions(cols glossary.Columns) glossary.Options { return glossary.Options{Columns: cols} }

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
		if glossary.IsValeIni(p, data) {
			vr, err := importValeIni(p, data, opt)
			if err != nil {
				return nil, err
			}
			rs = append(rs, vr...)
			continue
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
		seen := map[string]bool{}
		t.Deprecated = keepNew(t.Deprecated, used, k, t.Name, false, seen)
		t.Variants = keepNew(t.Variants, used, k, t.Name, true, seen)
		t.Variants = p.dropPlainWords(t, t.Variants, "variant")
		t.Deprecated = p.dropPlainWords(t, t.Deprecated, "deprecated name")
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

// dropPlainWords leaves out of forms the common English words that are
// another word than the name ("organization: not team, not company"),
// each a problem: the glossary means them in one context, but as a
// variant or deprecated name msglint would flag every use of the word. A
// form that is a short or long form of the name stays ("admin: not
// administrator", "Acme Relay: not Relay", the name in another case).
func (p *Proposal) dropPlainWords(t glossary.Term, forms []string, what string) []string {
	out := forms[:0]
	for _, f := range forms {
		w := strings.ToLower(f)
		if !strings.ContainsAny(w, " -.") && plainWord(w) && !sameWord(w, strings.ToLower(t.Name)) {
			p.Imported.Problems = append(p.Imported.Problems, glossary.Problem{File: t.File, Line: t.Line,
				Msg: fmt.Sprintf("%q is a common English word, not a form of %q: as a %s it would flag every use of the word; skipped (add it to the config by hand if that is meant)", f, t.Name, what)})
			continue
		}
		out = append(out, f)
	}
	return out
}

// sameWord reports whether the lower-case word w is a form of one of the
// words of name: one of them, or sharing its first three letters (or all
// of a shorter one).
func sameWord(w, name string) bool {
	for _, n := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '.' }) {
		k := min(3, len(w), len(n))
		if n == w || k > 0 && w[:k] == n[:k] {
			return true
		}
	}
	return false
}

// keepNew keeps the forms whose loose key no other term uses (the term's
// own key, self, is allowed: case variants), marking them used. Forms are
// compared as the config does, ignoring case ("sourcegraph" and
// "SourceGraph" are one deprecated form), except variants of the name's
// own spelling in another case (name GitHub, variants Github, GITHUB).
func keepNew(forms []string, used map[string]bool, self, name string, variants bool, seen map[string]bool) []string {
	fold := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	var out []string
	for _, f := range forms {
		k, fk := match.LooseKey(f), fold(f)
		caseOfName := variants && fk == fold(name)
		if k == "" || f == name || seen["\x00"+f] || (seen[fk] && !caseOfName) || (used[k] && k != self) {
			if !variants {
				seen["\x00"+f] = true // nor a variant then
			}
			continue
		}
		seen[fk], seen["\x00"+f] = true, true
		used[k] = true
		out = append(out, f)
	}
	return out
}

// importValeIni imports what a .vale.ini points to: each Vocab's
// accept.txt and reject.txt (under StylesPath/config/vocabularies, or
// the older StylesPath/Vocab) and the substitution rules (swap:) of the
// styles it turns on. A vocabulary or style it names but the folder does
// not have is a problem on the line that names it.
func importValeIni(path string, data []byte, opt glossary.Options) ([]*glossary.Result, error) {
	v := glossary.ParseValeIni(path, data)
	own := &glossary.Result{Format: "vale config", Problems: v.Problems}
	out := []*glossary.Result{own}
	if v.StylesPath == "" {
		own.Problems = append(own.Problems, glossary.Problem{File: path, Msg: "no StylesPath: no vocabulary or style to import"})
		return out, nil
	}
	styles := v.StylesPath
	if !filepath.IsAbs(styles) {
		styles = filepath.Join(filepath.Dir(path), filepath.FromSlash(styles))
	}
	read := func(f string) error {
		data, err := readSmall(f)
		if err != nil {
			return err
		}
		r, err := glossary.ReadWith(f, data, opt)
		if err != nil {
			return err
		}
		out = append(out, r)
		return nil
	}
	for _, voc := range v.Vocabs {
		found := false
		for _, dir := range []string{filepath.Join(styles, "config", "vocabularies", voc.Name), filepath.Join(styles, "Vocab", voc.Name)} {
			for _, f := range []string{"accept.txt", "reject.txt"} {
				if st, err := os.Stat(filepath.Join(dir, f)); err == nil && st.Mode().IsRegular() {
					found = true
					if err := read(filepath.Join(dir, f)); err != nil {
						return nil, err
					}
				}
			}
			if found {
				break
			}
		}
		if !found {
			own.Problems = append(own.Problems, glossary.Problem{File: path, Line: voc.Line,
				Msg: fmt.Sprintf("vocabulary %q has no accept.txt or reject.txt under %s", voc.Name, filepath.Join(v.StylesPath, "config", "vocabularies", voc.Name))})
		}
	}
	for _, st := range v.Styles {
		dir := filepath.Join(styles, st.Name)
		ents, err := os.ReadDir(dir)
		if err != nil {
			own.Problems = append(own.Problems, glossary.Problem{File: path, Line: st.Line,
				Msg: fmt.Sprintf("style %q has no folder %s", st.Name, filepath.Join(v.StylesPath, st.Name))})
			continue
		}
		var rules []string
		for _, e := range ents {
			if ext := filepath.Ext(e.Name()); e.Type().IsRegular() && (ext == ".yml" || ext == ".yaml") {
				rules = append(rules, filepath.Join(dir, e.Name()))
			}
		}
		sort.Strings(rules)
		for _, f := range rules {
			data, err := readSmall(f)
			if err != nil {
				return nil, err
			}
			if !glossary.Substitution(data) {
				continue // existence, spelling... rules: not a glossary
			}
			r, err := glossary.ReadWith(f, data, opt)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	return out, nil
}
