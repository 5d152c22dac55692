package naming

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// forms interns surface forms across the whole run, so each distinct
// spelling is stored once however many files use it.
type forms struct {
	mu    sync.Mutex
	ids   map[string]int32
	text  []string
	loose []string
}

func (fs *forms) id(surface string) int32 {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if id, ok := fs.ids[surface]; ok {
		return id
	}
	id := int32(len(fs.text))
	fs.ids[surface] = id
	fs.text = append(fs.text, surface)
	fs.loose = append(fs.loose, match.LooseKey(surface))
	return id
}

func runForms(env *lint.Env) *forms {
	v, _ := env.Memo("naming.inconsistent.forms", func() (any, error) {
		return &forms{ids: map[string]int32{}}, nil
	})
	return v.(*forms)
}

// nameFact is what one document saw of capitalised and CamelCase names:
// 24 bytes an occurrence, no strings, no document.
type nameFact struct {
	Occs []occurrence // in document order
	Locs []string     // office/PDF locations, indexed by occurrence.loc-1
}

const (
	occInitial = 1 << 31 // sentence-initial
	occExact   = 1 << 30 // the source bytes are exactly the form (a fix may replace them)
	occTimes   = 1<<30 - 1
)

type occurrence struct {
	form             int32  // forms id
	bits             uint32 // occInitial | occExact | times (occurrences this one stands for)
	line, col        int32  // 1-based; line 1, col 0 for office locations
	srcStart, srcEnd int32  // byte range in the source; -1: none (office/PDF)
}

func (o *occurrence) initial() bool { return o.bits&occInitial != 0 }
func (o *occurrence) times() int    { return int(o.bits & occTimes) }

func (o *occurrence) site(path, form string, locs []string) lint.Site {
	s := lint.Site{Path: path, Line: int(o.line), Col: int(o.col), Match: form, Context: form,
		SrcStart: int(o.srcStart), SrcEnd: int(o.srcEnd), Exact: o.bits&occExact != 0}
	if o.srcStart < 0 {
		s.Line, s.Col = 1, 0
		if i := int(o.srcEnd); i > 0 && i <= len(locs) {
			s.Loc = locs[i-1]
		}
		return s
	}
	s.EndLine, s.EndCol = s.Line, s.Col+utf8.RuneCountInString(form)
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
	fs := runForms(p.Env)
	f := &nameFact{}
	local := map[string]int32{} // this file's forms: saves the interner's lock
	initAt := map[int32]int{}
	locIdx := map[string]int32{}
	add := func(bi int, text string, start, end int, initial bool) {
		raw := text[start:end]
		fi, ok := local[raw]
		if !ok {
			fi = fs.id(match.NormalizeSpace(raw))
			local[raw] = fi
		}
		// A sentence-initial plain capitalised word ("Teams ship...") is by
		// far the most common candidate and only matters if its form turns
		// out to be a minority: keep one occurrence per form and file, with
		// a count, instead of every position.
		if initial && plainTitle(raw) {
			if at, ok := initAt[fi]; ok {
				if f.Occs[at].bits&occTimes < occTimes {
					f.Occs[at].bits++
				}
				return
			}
			initAt[fi] = len(f.Occs)
		}
		o := occurrence{form: fi, bits: 1, srcStart: -1}
		if initial {
			o.bits |= occInitial
		}
		b := &p.Doc.Blocks[bi]
		if ss, se, ok := b.SrcRange(start, end); ok {
			o.srcStart, o.srcEnd = int32(ss), int32(se)
			if b.Exact(start, end) {
				o.bits |= occExact
			}
		} else {
			li, ok := locIdx[b.Loc]
			if !ok {
				f.Locs = append(f.Locs, b.Loc)
				li = int32(len(f.Locs))
				locIdx[b.Loc] = li
			}
			o.srcEnd, o.line = li, 1
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
	var offsets []int
	for i := range f.Occs {
		if f.Occs[i].srcStart >= 0 {
			offsets = append(offsets, int(f.Occs[i].srcStart))
		}
	}
	pos := lineCols(p.Doc.Src, offsets)
	k := 0
	for i := range f.Occs {
		if o := &f.Occs[i]; o.srcStart >= 0 {
			o.line, o.col = pos[k][0], pos[k][1]
			k++
		}
	}
	f.Occs = slices.Clip(f.Occs)
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

// allCaps reports whether w has letters and all of them are upper case.
func allCaps(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsUpper(r)
	}
	return letters
}

// plainTitle reports whether w is an ASCII word with only its first letter
// in upper case ("Teams").
func plainTitle(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

func upperFirst(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[w:]
}

func finishNames(c *lint.CorpusPass) error {
	fs := runForms(c.Env)
	type group struct {
		counts  map[int32]int // form id -> occurrences not at a sentence start
		initial map[int32]int // form id -> occurrences at a sentence start
	}
	groups := map[string]*group{}
	for _, df := range c.Facts {
		for _, v := range df.Facts {
			for _, o := range v.(*nameFact).Occs {
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
	for _, df := range c.Facts {
		for _, v := range df.Facts {
			f := v.(*nameFact)
			for _, o := range f.Occs {
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
				site := o.site(df.Path, found, f.Locs)
				repl := major
				if o.initial() && strings.ToLower(repl[:1]) == repl[:1] {
					repl = upperFirst(repl)
				}
				msg := fmt.Sprintf("%q is written %q elsewhere in %d places", found, major, vd.total)
				if n := o.times(); n > 1 {
					msg += fmt.Sprintf(" (at the start of %d sentences in this file; the first is shown)", n)
				}
				c.Report(lint.Finding{Site: &site, Message: msg, Fix: &lint.Fix{Replacement: repl}})
			}
		}
	}
	return nil
}
