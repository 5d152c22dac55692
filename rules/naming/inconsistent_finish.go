package naming

import (
	"fmt"
	"sort"
	"strings"

	"github.com/msglint/msglint/lint"
)

func finishNames(c *lint.CorpusPass) error {
	fs := runForms(c.Env)
	type group struct {
		counts  map[int32]int // form id -> occurrences not at a sentence start
		initial map[int32]int // form id -> occurrences at a sentence start
	}
	groups := map[string]*group{}
	var buf []byte
	for _, f := range lint.FactsOf(c, nameFacts) {
		for _, o := range f.occs(&buf) {
			loose := fs.loose[o.form]
			g := groups[loose]
			if g == nil {
				g = &group{counts: map[int32]int{}, initial: map[int32]int{}}
				groups[loose] = g
			}
			if o.initial() {
				g.initial[o.form] += o.times()
			} else {
				g.counts[o.form] += o.times()
			}
		}
	}
	// resolve each group: majority form and the minority forms
	type verdict struct {
		majority int32
		total    int // occurrences of the majority form
		minority map[int32]bool
		alias    map[int32]int32 // sentence-initial form -> the form it capitalises (-1: none)
	}
	verdicts := map[string]*verdict{}
	for loose, g := range groups {
		alias := map[int32]int32{}
		eff := map[int32]int{}
		for f, n := range g.counts {
			eff[f] += n
		}
		for f, n := range g.initial {
			target := f
			if g.counts[f] == 0 { // a form seen mid-sentence too stands for itself
				for other := range g.counts {
					if other != f && upperFirst(fs.text[other]) == fs.text[f] {
						target = other
						break
					}
				}
			}
			switch {
			case target != f:
				alias[f] = target
			case g.counts[f] == 0:
				// seen only at the start of sentences: ordinary
				// capitalisation ("It"), not a spelling of the name
				alias[f] = -1
				continue
			}
			eff[target] += n
		}
		// An all-capitals form beside the plain capitalised word ("IT" and
		// "It", "US" and "Us") is an acronym and a word, not two spellings.
		for f := range eff {
			if allCaps(fs.text[f]) {
				for other := range eff {
					if other != f && plainTitle(fs.text[other]) && strings.EqualFold(fs.text[other], fs.text[f]) {
						delete(eff, f)
						break
					}
				}
			}
		}
		if len(eff) < 2 {
			continue
		}
		ids := make([]int32, 0, len(eff))
		for f := range eff {
			ids = append(ids, f)
		}
		sort.Slice(ids, func(i, j int) bool {
			if eff[ids[i]] != eff[ids[j]] {
				return eff[ids[i]] > eff[ids[j]]
			}
			return fs.text[ids[i]] < fs.text[ids[j]]
		})
		if eff[ids[0]] == eff[ids[1]] {
			continue // no majority
		}
		v := &verdict{majority: ids[0], total: eff[ids[0]], minority: map[int32]bool{}, alias: alias}
		for _, f := range ids[1:] {
			v.minority[f] = true
		}
		verdicts[loose] = v
	}
	if len(verdicts) == 0 {
		return nil
	}
	for path, f := range lint.FactsOf(c, nameFacts) {
		for i, o := range f.occs(&buf) {
			vd := verdicts[fs.loose[o.form]]
			if vd == nil {
				continue
			}
			form := o.form
			if o.initial() {
				if t, ok := vd.alias[form]; ok {
					if t < 0 {
						continue // sentence-initial capitalisation only
					}
					form = t
				}
			}
			if !vd.minority[form] {
				continue
			}
			found, major := fs.text[o.form], fs.text[vd.majority]
			site := f.site(i, &o, path, found)
			repl := major
			if o.initial() && strings.ToLower(repl[:1]) == repl[:1] {
				repl = upperFirst(repl)
			}
			msg := fmt.Sprintf("%q is written %q elsewhere in %d places", found, major, vd.total)
			if n := o.times(); n > 1 {
				msg += fmt.Sprintf(" (at the start of %d sentences in this file; the first is shown)", n)
			}
			c.Report(lint.Diagnostic{Site: &site, Message: msg, Fix: &lint.Fix{Replacement: repl}})
		}
	}
	return nil
}
