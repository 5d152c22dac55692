package initcfg

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/match"
)

// Form is one surface form of a name.
type Form struct {
	Text  string
	Count int // mentions
	Files int // files it appears in
}

// Name is a discovered product-like name.
type Name struct {
	// Forms[0] is the canonical (majority) form; the rest are variants,
	// most frequent first.
	Forms []Form
	Total int
	Files int
	// Tie is set when the two most frequent forms are equally frequent.
	Tie bool
	// Signs counts mentions followed by ™ or ®.
	Signs map[string]int
	// Kind is kindProduct for the company and its products, else "".
	Kind string
	// Company is set on the company's own name.
	Company bool
	// Competitor is set on a name the corpus compares the company with,
	// or that front matter declares a competitor.
	Competitor bool
	// Why says why Forms[0] is the canonical form (and why Kind, if set).
	Why string
	// Review is set when the choice deserves a human look: the canonical
	// form is not the form written most, or two forms tie.
	Review bool
}

// Canonical is the majority form.
func (n *Name) Canonical() string { return n.Forms[0].Text }

// camel reports whether a word is CamelCase: an upper-case letter after
// the first rune and a lower-case letter, and not a plural acronym (APIs).
func camel(w string) bool {
	up, low := false, false
	for i, r := range w {
		if unicode.IsLower(r) {
			low = true
		}
		if i > 0 && unicode.IsUpper(r) {
			up = true
		}
	}
	if !up || !low {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(r) {
		return false // 8GiB, 2FA
	}
	if strings.HasSuffix(w, "s") && strings.ToUpper(w[:len(w)-1]) == w[:len(w)-1] {
		return false
	}
	return true
}

// stopwords are capitalised words that start runs without being part of a name.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the this that these those our we us you your my i it its
		he she they them their his her and or but nor so yet if then when where while why how what which who
		with without for from to in on at by of as into onto over under about after before during since until
		is are was were be been am do does did has have had can could will would should may might must
		try get use see read learn meet join start find discover explore introducing new all more most every
		each some any no not here there today now also just only please yes hello hi dear thanks
		january february march april may june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday`) {
		stopwords[w] = true
	}
}

func upperFirst(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[w:]
}

type group struct {
	counts     map[string]int // non-initial mentions per form
	initial    map[string]int
	files      map[string]map[int]bool // the files (indexes in scans) of each form
	signs      map[string]int
	signForm   map[string]int // mentions of each form followed by ™ or ®
	heading    map[string]int // mentions of each form in headings, titles, front matter
	prose      int            // mentions mid-sentence in prose (not headings)
	proseInRun int            // of which inside a longer capitalised run (Visual Studio Code)
	single     bool           // every form is one word
	qualifies  bool
	usage      *usage         // how the corpus uses it (our X, front matter); nil for none
	page       map[string]int // mentions of each form on the page named after it
}

// legalSuffixes end a company's legal name ("Acme Inc"): never a term of
// its own, and one would make "Acme in" a near-miss.
var legalSuffixes = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`inc incorporated ltd limited llc llp gmbh gmbhh gmhh corp corporation co company
		ag sa sas sarl srl spa bv nv plc pty oy ab as kg ug pte kk`) {
		legalSuffixes[w] = true
	}
}

// innerCaps counts the upper-case letters that do not start a word.
func innerCaps(s string) int {
	n, start := 0, true
	for _, r := range s {
		if unicode.IsUpper(r) && !start {
			n++
		}
		start = r == ' ' || r == '-'
	}
	return n
}

// brand word thresholds: a single capitalised word that is not CamelCase
// is a name when it is written often, mid-sentence, and almost never in
// lower case.
const (
	brandMinMentions = 10
	brandMinProse    = 5
	brandLowerRatio  = 3 // at most one lower-case mention for 3 mid-sentence capitalised ones
	brandMinFiles    = 3
	// a common English word (plainWord: Head, Loom) needs more: at most
	// one lower-case mention for 4 capitalised mid-sentence ones, in 5 files
	plainLowerRatio = 4
	plainMinFiles   = 5
)

// titleWord reports whether a group's forms are all written as one
// capitalised word (Acme, not APIs or ACMEs).
func titleWord(g *group) bool {
	for f := range g.files {
		r, w := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) || innerCaps(f) > 0 || strings.ToLower(f[w:]) != f[w:] {
			return false
		}
	}
	return true
}

// names groups the runs of every file's scan (scans[i] is file i's) into
// names; lower counts every word written in lower case in the corpus.
func names(scans []*docScan, lower, domains map[string]int, opt Options) []Name {
	groups := map[string]*group{}
	add := func(form string, r *run, file int, qualifies bool) {
		key := match.LooseKey(form)
		if key == "" {
			return
		}
		g := groups[key]
		if g == nil {
			g = &group{counts: map[string]int{}, initial: map[string]int{}, files: map[string]map[int]bool{}, signs: map[string]int{},
				signForm: map[string]int{}, heading: map[string]int{}, single: true}
			groups[key] = g
		}
		if !r.single {
			g.single = false
		}
		if scans[file].pageKey == key {
			if g.page == nil {
				g.page = map[string]int{}
			}
			g.page[form]++
		}
		if r.heading {
			g.heading[form]++
		} else if !r.initial {
			g.prose++
			if r.inRun {
				g.proseInRun++
			}
		}
		if r.initial {
			g.initial[form]++
		} else {
			g.counts[form]++
		}
		if g.files[form] == nil {
			g.files[form] = map[int]bool{}
		}
		g.files[form][file] = true
		if r.sign != "" {
			g.signs[r.sign]++
			g.signForm[form]++
			qualifies = true
		}
		if qualifies {
			g.qualifies = true
		}
		if r.our {
			u := g.use()
			u.our++
			u.ourFiles[file] = true
		}
	}
	for si := range scans {
		for ri := range scans[si].runs {
			r := &scans[si].runs[ri]
			if r.single {
				w := r.words[0]
				if stopwords[strings.ToLower(w)] || legalSuffixes[strings.ToLower(w)] {
					continue
				}
				add(w, r, si, camel(w))
				continue
			}
			// trim leading common words
			k := 0
			for k < len(r.words) {
				f := match.Fold(r.words[k])
				if stopwords[f] || (k == 0 && r.initial && lower[f] > 0) {
					k++
					continue
				}
				break
			}
			words, seps := r.words[k:], r.seps[min(k, len(r.seps)):]
			if len(words) < 2 || len(words) > 3 || legalSuffixes[match.Fold(words[len(words)-1])] {
				continue
			}
			nameLike := false
			for _, w := range words {
				if lower[match.Fold(w)] == 0 || camel(w) {
					nameLike = true
				}
			}
			var b strings.Builder
			for i, w := range words {
				if i > 0 {
					b.WriteString(seps[i-1])
				}
				b.WriteString(w)
			}
			rr := *r
			if k > 0 {
				rr.initial = false
				rr.our = rr.our || match.Fold(r.words[k-1]) == "our"
			}
			// every run joins its group; only a name-like one makes the
			// group a name ("VS Code" joins "VSCode")
			add(match.NormalizeSpace(b.String()), &rr, si, nameLike)
		}
	}

	compared := make([][]comparison, len(scans))
	for si, s := range scans {
		compared[si] = s.compared
		for _, d := range s.declared {
			form := match.NormalizeSpace(d.text)
			if len(strings.Fields(form)) > 3 {
				continue
			}
			add(form, &run{heading: true, single: !strings.Contains(form, " ")}, si, true)
			if g := groups[match.LooseKey(form)]; g != nil {
				g.use().declared[d.kind]++
			}
		}
		comparedNames(s.compared, groups, lower)
	}

	var out []Name
	for key, g := range groups {
		total := sum(g.counts) + sum(g.initial)
		brand := false
		if !g.qualifies && g.single && len(key) >= 3 && total >= max(opt.MinCount, brandMinMentions) &&
			g.prose-g.proseInRun >= brandMinProse && g.proseInRun*2 <= g.prose &&
			lower[key]*brandLowerRatio <= g.prose && titleWord(g) {
			brand = true
			if plainWord(key) && (lower[key]*plainLowerRatio > g.prose || len(filesOf(g)) < plainMinFiles) {
				brand = false
			}
		}
		if !g.qualifies && !brand && !g.usage.ourProduct(someForm(g), total) {
			continue
		}
		// a plural of another group is that group's business
		if (strings.HasSuffix(key, "s") && groups[key[:len(key)-1]] != nil && groups[key[:len(key)-1]].qualifies) ||
			(strings.HasSuffix(key, "es") && groups[key[:len(key)-2]] != nil && groups[key[:len(key)-2]].qualifies) {
			continue
		}
		// a word the corpus mostly writes in lower case is an ordinary
		// word ("Environment", once "enVironment")
		if lower[key] >= total {
			continue
		}
		if brand && len(filesOf(g)) < brandMinFiles {
			continue
		}
		eff := map[string]int{}
		files := map[string]map[int]bool{}
		for f, n := range g.counts {
			eff[f] += n
			files[f] = g.files[f]
		}
		for f, n := range g.initial {
			target := f
			if _, ok := g.counts[f]; !ok {
				for other := range g.counts {
					if upperFirst(other) == f {
						target = other
						break
					}
				}
			}
			eff[target] += n
			if files[target] == nil {
				files[target] = map[int]bool{}
			}
			for fi := range g.files[f] {
				files[target][fi] = true
			}
		}
		// a form seen only at the start of sentences, as the capitalised
		// form of a word otherwise written in lower case, is not a name
		n := Name{Signs: g.signs}
		allFiles := map[int]bool{}
		for f, c := range eff {
			n.Forms = append(n.Forms, Form{Text: f, Count: c, Files: len(files[f])})
			n.Total += c
			for fi := range files[f] {
				allFiles[fi] = true
			}
		}
		n.Files = len(allFiles)
		if n.Total < opt.MinCount {
			continue
		}
		canonical(&n, g, domains[key] > 0)
		out = append(out, n)
	}
	siblingVote(out)
	ckey := kinds(out, groups, domains, len(scans))
	usageKinds(out, groups, compared, ckey)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Kind != "") != (b.Kind != "") {
			return a.Kind != ""
		}
		if a.Company != b.Company {
			return a.Company
		}
		if (len(a.Forms) > 1) != (len(b.Forms) > 1) {
			return len(a.Forms) > 1
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Canonical() < b.Canonical()
	})
	// keep every name with variants, and the most frequent single-form names
	single := 0
	kept := out[:0]
	for _, n := range out {
		if len(n.Forms) == 1 && n.Kind == "" && !n.Competitor {
			if single >= opt.MaxSingle {
				continue
			}
			single++
		}
		kept = append(kept, n)
	}
	return kept
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// outnumbers reports whether a form in a files outnumbers one in b
// files so clearly that nothing else matters.
func outnumbers(a, b int) bool { return a >= 3*b && a > b }

func filesOf(g *group) map[int]bool {
	all := map[int]bool{}
	for _, fs := range g.files {
		for f := range fs {
			all[f] = true
		}
	}
	return all
}

// someForm is one of a group's forms (they share their words' letters).
func someForm(g *group) string {
	for f := range g.files {
		return f
	}
	return ""
}
