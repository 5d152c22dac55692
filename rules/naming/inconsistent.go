package naming

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// nameFact is what one document saw of capitalised and CamelCase names.
// Occurrences are compact (no strings, no documents): a corpus of 10,000
// files holds a few million of them.
type nameFact struct {
	Forms []string     // surface forms, indexed by occurrence.form
	Loose []string     // loose key per form
	Occs  []occurrence // in document order
}

type occurrence struct {
	form                       int32
	initial                    bool // sentence-initial
	exact                      bool // the source bytes are exactly the form (a fix may replace them)
	line, col, endLine, endCol int32
	srcStart, srcEnd           int32
	loc                        string // office/PDF location
}

func (o *occurrence) site(path, form string) lint.Site {
	s := lint.Site{Path: path, Line: int(o.line), Col: int(o.col), EndLine: int(o.endLine), EndCol: int(o.endCol),
		Loc: o.loc, Match: form, Context: form, SrcStart: int(o.srcStart), SrcEnd: int(o.srcEnd), Exact: o.exact}
	if o.loc != "" {
		s.Line, s.Col, s.EndLine, s.EndCol = 1, 0, 0, 0
	}
	return s
}

// Inconsistent flags minority spellings of a name across the corpus.
var Inconsistent = &lint.Rule{
	Name:    "naming/inconsistent",
	Summary: "a name written in 2+ forms across the corpus: the minority forms",
	Doc: `Works with or without a glossary. Across the whole corpus, every capitalised
or CamelCase name (one word, or two capitalised words joined by a space or a
hyphen) is grouped by its loose key (case, spaces, hyphens, dots and ™®©
ignored). When a group has two or more surface forms and one of them is
used more than any other, every occurrence of the other forms is flagged
and the majority form suggested: "PostHog" 900 times, "Posthog" 12 times.

Not variants: a sentence-initial capital alone ("EBay" at the start of a
sentence where "eBay" is the norm), all-capitals words of three or more
letters (headings in capitals), names inside code, URLs and paths, and
glossary terms (the other naming rules check those). Ties are not reported.`,
	Bad:     "blog/a.md: \"PostHog is great\" ... blog/b.md: \"We use Posthog\"",
	Good:    "one spelling, PostHog, everywhere",
	Default: lint.Warning,
	Fixable: true,
	Run:     collectNames,
	Finish:  finishNames,
}

func collectNames(p *lint.Pass) error {
	var a *Analysis
	if p.Env.Index != nil {
		a = Analyze(p)
	}
	f := &nameFact{}
	formIdx := map[string]int32{}
	var offsets []int // source offsets to convert to line:col, two per occurrence
	add := func(bi int, text string, start, end int, initial bool) {
		raw := text[start:end]
		surface := raw
		if strings.IndexByte(raw, ' ') < 0 || strings.Contains(raw, "  ") {
			surface = match.NormalizeSpace(raw)
		}
		fi, ok := formIdx[surface]
		if !ok {
			fi = int32(len(f.Forms))
			formIdx[surface] = fi
			f.Forms = append(f.Forms, surface)
			f.Loose = append(f.Loose, match.LooseKey(surface))
		}
		o := occurrence{form: fi, initial: initial, srcStart: -1, srcEnd: -1}
		b := &p.Doc.Blocks[bi]
		if ss, se, ok := b.SrcRange(start, end); ok {
			o.srcStart, o.srcEnd = int32(ss), int32(se)
			o.exact = b.Exact(start, end)
		} else {
			o.loc, o.line = b.Loc, 1
		}
		f.Occs = append(f.Occs, o)
	}
	for bi := range p.Doc.Blocks {
		text := p.Doc.Blocks[bi].Text
		var covered []match.Match
		toks := p.Tokens(bi)
		if a != nil && bi < len(a.Blocks) && a.Blocks[bi].block == bi {
			covered = a.Blocks[bi].matches
		}
		ci := 0
		inTerm := func(tk match.Token) bool {
			for ci < len(covered) && covered[ci].End <= int(tk.Start) {
				ci++
			}
			return ci < len(covered) && covered[ci].Start < int(tk.End)
		}
		prevCand := -1
		for ti, tk := range toks {
			if !candidate(tk) || inTerm(tk) {
				prevCand = -1
				continue
			}
			add(bi, text, int(tk.Start), int(tk.End), tk.Flags&match.FlagSentence != 0)
			if prevCand >= 0 && prevCand == ti-1 && tk.Flags&match.FlagFirstUp != 0 && toks[prevCand].Flags&match.FlagFirstUp != 0 {
				sep := text[toks[prevCand].End:tk.Start]
				if sep == " " || sep == "-" {
					add(bi, text, int(toks[prevCand].Start), int(tk.End), toks[prevCand].Flags&match.FlagSentence != 0)
				}
			}
			prevCand = ti
		}
	}
	if len(f.Occs) == 0 {
		return nil
	}
	// line:col for every occurrence in one sweep over the source
	for i := range f.Occs {
		if f.Occs[i].srcStart >= 0 {
			offsets = append(offsets, int(f.Occs[i].srcStart), int(f.Occs[i].srcEnd))
		}
	}
	pos := lineCols(p.Doc.Src, offsets)
	k := 0
	for i := range f.Occs {
		o := &f.Occs[i]
		if o.srcStart >= 0 {
			o.line, o.col = pos[k][0], pos[k][1]
			o.endLine, o.endCol = pos[k+1][0], pos[k+1][1]
			k += 2
		}
	}
	p.ExportFact(f)
	return nil
}

// lineCols converts byte offsets to 1-based line and rune column in one
// pass over src (offsets in any order).
func lineCols(src []byte, offsets []int) [][2]int32 {
	order := make([]int, len(offsets))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return offsets[order[a]] < offsets[order[b]] })
	out := make([][2]int32, len(offsets))
	line, col, at := int32(1), int32(1), 0
	for _, i := range order {
		off := offsets[i]
		if off > len(src) {
			off = len(src)
		}
		for at < off {
			c := src[at]
			switch {
			case c == '\n':
				line, col = line+1, 1
			case c < 0x80 || c >= 0xC0:
				col++ // one per rune: count ASCII and UTF-8 lead bytes
			}
			at++
		}
		out[i] = [2]int32{line, col}
	}
	return out
}

// candidate reports whether a token may be (part of) a product-like name.
func candidate(tk match.Token) bool {
	if tk.Flags&(match.FlagPathLike) != 0 || tk.Flags&match.FlagUpper == 0 {
		return false
	}
	if tk.Flags&match.FlagLower == 0 && tk.End-tk.Start >= 3 {
		return false // all capitals: headings, acronyms
	}
	return tk.End-tk.Start >= 2
}

func upperFirst(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[w:]
}

func finishNames(c *lint.CorpusPass) error {
	type group struct {
		counts  map[string]int
		initial map[string]int
	}
	groups := map[string]*group{}
	for _, df := range c.Facts {
		for _, v := range df.Facts {
			f := v.(*nameFact)
			for _, o := range f.Occs {
				form, loose := f.Forms[o.form], f.Loose[o.form]
				g := groups[loose]
				if g == nil {
					g = &group{counts: map[string]int{}, initial: map[string]int{}}
					groups[loose] = g
				}
				if o.initial {
					g.initial[form]++
				} else {
					g.counts[form]++
				}
			}
		}
	}
	// resolve each group: majority form and the minority forms
	type verdict struct {
		majority string
		minority map[string]bool
		alias    map[string]string // sentence-initial form -> the form it capitalises
	}
	verdicts := map[string]*verdict{}
	for loose, g := range groups {
		alias := map[string]string{}
		eff := map[string]int{}
		for f, n := range g.counts {
			eff[f] += n
		}
		for f, n := range g.initial {
			target := f
			for other := range g.counts {
				if other != f && upperFirst(other) == f {
					target = other
					break
				}
			}
			switch {
			case target != f:
				alias[f] = target
			case g.counts[f] == 0:
				// seen only at the start of sentences: ordinary
				// capitalisation ("It"), not a spelling of the name
				alias[f] = ""
				continue
			}
			eff[target] += n
		}
		if len(eff) < 2 {
			continue
		}
		forms := make([]string, 0, len(eff))
		for f := range eff {
			forms = append(forms, f)
		}
		sort.Slice(forms, func(i, j int) bool {
			if eff[forms[i]] != eff[forms[j]] {
				return eff[forms[i]] > eff[forms[j]]
			}
			return forms[i] < forms[j]
		})
		if eff[forms[0]] == eff[forms[1]] {
			continue // no majority
		}
		v := &verdict{majority: forms[0], minority: map[string]bool{}, alias: alias}
		for _, f := range forms[1:] {
			v.minority[f] = true
		}
		verdicts[loose] = v
	}
	if len(verdicts) == 0 {
		return nil
	}
	for _, df := range c.Facts {
		for _, v := range df.Facts {
			f := v.(*nameFact)
			for _, o := range f.Occs {
				form := f.Forms[o.form]
				vd := verdicts[f.Loose[o.form]]
				if vd == nil {
					continue
				}
				if o.initial {
					if t, ok := vd.alias[form]; ok {
						if t == "" {
							continue // sentence-initial capitalisation only
						}
						form = t
					}
				}
				if !vd.minority[form] {
					continue
				}
				site := o.site(df.Path, f.Forms[o.form])
				repl := vd.majority
				if o.initial && strings.ToLower(repl[:1]) == repl[:1] {
					repl = upperFirst(repl)
				}
				c.Report(lint.Finding{Site: &site,
					Message: fmt.Sprintf("%q is written %q elsewhere in %d places", form, vd.majority, groups[f.Loose[o.form]].counts[vd.majority]+groups[f.Loose[o.form]].initial[vd.majority]),
					Fix:     &lint.Fix{Replacement: repl}})
			}
		}
	}
	return nil
}
