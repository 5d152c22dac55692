// Package initcfg is `msglint init`: it reads a corpus, finds
// the product-like names in it and the folders that suggest funnel stages
// and teams, and proposes a starter msglint.yaml for a person to review.
//
// Heuristics (docs/init.md explains them to users):
//
//   - A name is product-like when one of its surface forms is CamelCase
//     (PostHog, eBay; not plural acronyms such as APIs), a run of two or
//     three capitalised words joined by a space or a hyphen (Acme Cloud,
//     Cloud-Sync), or carries ™ or ® right after it.
//   - Surface forms are grouped by match.LooseKey (case, spaces, hyphens,
//     dots and ™®© ignored); every capitalised form of a group counts, so
//     "Gitpod" joins the group of "GitPod". The most frequent form is the
//     canonical name; the others become variants.
//   - Noise: names inside code, URLs, paths and identifiers are not prose
//     (the extractors and the tokenizer drop them). A sentence-initial
//     capital only counts for the form it capitalises. Multi-word runs are
//     not taken from headings, titles and front matter (Title Case), runs
//     of four or more capitalised words are phrases, not names, and a run
//     loses its leading words when they are common words (The, Our, Try...,
//     or a sentence-initial word the corpus also writes in lower case). A
//     run needs one word the corpus never writes in lower case ("Customer
//     Success" is two ordinary words). All-capitals words of three or more
//     letters are acronyms or shouting.
//   - A name must be seen MinCount times (default 3) in all its forms.
//     Every name with two or more forms is proposed; of the names with a
//     single form, only the MaxSingle most frequent are.
package initcfg

import (
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/discover"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/internal/safeopen"
	"github.com/msglint/msglint/match"
)

// Options configure Discover.
type Options struct {
	// Root is the folder the config is written to; paths and globs are
	// relative to it.
	Root string
	// Paths to read (default: Root).
	Paths []string
	// MinCount is the minimum number of mentions of a name (default 3).
	MinCount int
	// MaxSingle bounds the names with a single form (default 30).
	MaxSingle int
	// Jobs bounds parallelism (default: number of CPUs).
	Jobs int
	// Progress, when set, is called after each file.
	Progress func(done, total int)
}

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
}

// Canonical is the majority form.
func (n *Name) Canonical() string { return n.Forms[0].Text }

// PathRule is a proposed glob for a funnel stage or a team.
type PathRule struct {
	Key   string // stage or team
	Glob  string
	Files int
}

// Proposal is what init proposes.
type Proposal struct {
	Files      int // files read
	Unreadable int // files that could not be read
	Names      []Name
	Stages     []PathRule // in stage order, then glob
	Teams      []PathRule // in team order, then glob
}

// occurrence of a candidate single word or word run.
type run struct {
	words   []string
	seps    []string // seps[i] is between words[i] and words[i+1]
	initial bool     // the first word starts a sentence
	single  bool     // a single capitalised word (any block)
	sign    string   // ™ or ® right after it
	fileIdx int
	heading bool
}

// docScan is what one file contributes.
type docScan struct {
	runs  []run
	lower map[string]int // folded lower-case words
	ok    bool
}

// Discover reads the corpus and proposes names, stages and teams.
func Discover(opt Options) (*Proposal, error) {
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.MaxSingle <= 0 {
		opt.MaxSingle = 30
	}
	paths := opt.Paths
	if len(paths) == 0 {
		paths = []string{opt.Root}
	}
	found, err := discover.Find(paths, discover.Options{Root: opt.Root, Known: extract.Known})
	if err != nil {
		return nil, err
	}
	scans := make([]docScan, len(found.Files))
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				scans[i] = scanFile(found.Files[i], i)
				if opt.Progress != nil {
					mu.Lock()
					done++
					n := done
					mu.Unlock()
					opt.Progress(n, len(found.Files))
				}
			}
		}()
	}
	for i := range found.Files {
		next <- i
	}
	close(next)
	wg.Wait()

	p := &Proposal{Files: len(found.Files)}
	lower := map[string]int{}
	for _, s := range scans {
		if !s.ok {
			p.Unreadable++
		}
		for w, n := range s.lower {
			lower[w] += n
		}
	}
	p.Names = names(scans, lower, opt)
	rels := make([]string, len(found.Files))
	for i, f := range found.Files {
		rels[i] = f.Rel
	}
	p.Stages = pathRules(rels, stageFolders, stageOrder, false)
	p.Teams = pathRules(rels, teamFolders, teamOrder, true)
	return p, nil
}

func scanFile(f discover.File, idx int) (s docScan) {
	defer func() {
		if recover() != nil {
			s = docScan{}
		}
	}()
	fn, _, ok := extract.For(f.Abs)
	if !ok || f.Err != nil {
		return s
	}
	// only a regular file, opened without blocking (see safeopen)
	fh, fi, err := safeopen.OpenRegular(f.Abs)
	if err != nil {
		return s
	}
	defer fh.Close()
	limit := extract.DefaultLimits.MaxFileSize
	if fi.Size() > limit {
		return s
	}
	src, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil || int64(len(src)) > limit {
		return s
	}
	doc, err := fn(f.Rel, src, &extract.Options{FrontMatter: extract.DefaultFrontMatter, Limits: extract.DefaultLimits})
	if err != nil || doc == nil {
		return s
	}
	s.ok = true
	s.lower = map[string]int{}
	var toks []match.Token
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		heading := titleCase(b.Scope)
		toks = match.Tokenize(b.Text, toks[:0])
		s.scanBlock(b.Text, toks, heading, idx)
	}
	return s
}

// titleCase reports whether a block scope is usually written in Title Case.
func titleCase(scope string) bool {
	switch scope {
	case content.ScopeHeading, content.ScopeTitle, content.ScopeFrontMatter, content.ScopeMeta, content.ScopeAttr:
		return true
	}
	return false
}

func (s *docScan) scanBlock(text string, toks []match.Token, heading bool, idx int) {
	i := 0
	for i < len(toks) {
		tk := toks[i]
		w := text[tk.Start:tk.End]
		if tk.Flags&match.FlagPathLike == 0 && tk.Flags&match.FlagLower != 0 && tk.Flags&match.FlagUpper == 0 {
			s.lower[match.Fold(w)]++
		}
		if !capitalised(tk) {
			i++
			continue
		}
		// a maximal run of capitalised words joined by " " or "-"
		j := i
		for j+1 < len(toks) && capitalised(toks[j+1]) && toks[j+1].Flags&match.FlagBarrierBefore == 0 {
			sep := text[toks[j].End:toks[j+1].Start]
			if sep != " " && sep != "-" {
				break
			}
			j++
		}
		for k := i; k <= j; k++ {
			t := toks[k]
			s.runs = append(s.runs, run{words: []string{text[t.Start:t.End]}, single: true,
				initial: t.Flags&match.FlagSentence != 0, sign: signAfter(text, int(t.End)), fileIdx: idx, heading: heading})
		}
		if j > i && !heading {
			r := run{initial: tk.Flags&match.FlagSentence != 0, sign: signAfter(text, int(toks[j].End)), fileIdx: idx}
			for k := i; k <= j; k++ {
				r.words = append(r.words, text[toks[k].Start:toks[k].End])
				if k < j {
					r.seps = append(r.seps, text[toks[k].End:toks[k+1].Start])
				}
			}
			s.runs = append(s.runs, r)
		}
		i = j + 1
	}
}

// capitalised reports whether a token may be (part of) a name: prose, two
// or more characters, an upper-case letter, not all capitals when three or
// more letters long (acronyms, shouting).
func capitalised(tk match.Token) bool {
	if tk.Flags&match.FlagPathLike != 0 || tk.Flags&match.FlagUpper == 0 || tk.End-tk.Start < 2 {
		return false
	}
	if tk.Flags&match.FlagLower == 0 {
		return tk.End-tk.Start < 3 && tk.Flags&match.FlagDigit == 0
	}
	return true
}

func signAfter(text string, end int) string {
	r, _ := utf8.DecodeRuneInString(text[end:])
	if r == '™' || r == '®' {
		return string(r)
	}
	return ""
}

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
	counts    map[string]int // non-initial mentions per form
	initial   map[string]int
	files     map[string]map[int]bool
	signs     map[string]int
	qualifies bool
}

func names(scans []docScan, lower map[string]int, opt Options) []Name {
	groups := map[string]*group{}
	add := func(form string, r *run, qualifies bool) {
		key := match.LooseKey(form)
		if key == "" {
			return
		}
		g := groups[key]
		if g == nil {
			g = &group{counts: map[string]int{}, initial: map[string]int{}, files: map[string]map[int]bool{}, signs: map[string]int{}}
			groups[key] = g
		}
		if r.initial {
			g.initial[form]++
		} else {
			g.counts[form]++
		}
		if g.files[form] == nil {
			g.files[form] = map[int]bool{}
		}
		g.files[form][r.fileIdx] = true
		if r.sign != "" {
			g.signs[r.sign]++
			qualifies = true
		}
		if qualifies {
			g.qualifies = true
		}
	}
	for si := range scans {
		for ri := range scans[si].runs {
			r := &scans[si].runs[ri]
			if r.single {
				w := r.words[0]
				if stopwords[strings.ToLower(w)] {
					continue
				}
				add(w, r, camel(w))
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
			if len(words) < 2 || len(words) > 3 {
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
			}
			// every run joins its group; only a name-like one makes the
			// group a name ("VS Code" joins "VSCode")
			add(match.NormalizeSpace(b.String()), &rr, nameLike)
		}
	}

	var out []Name
	for key, g := range groups {
		if !g.qualifies {
			continue
		}
		// a plural of another group is that group's business
		if (strings.HasSuffix(key, "s") && groups[key[:len(key)-1]] != nil && groups[key[:len(key)-1]].qualifies) ||
			(strings.HasSuffix(key, "es") && groups[key[:len(key)-2]] != nil && groups[key[:len(key)-2]].qualifies) {
			continue
		}
		// a word the corpus mostly writes in lower case is an ordinary
		// word ("Environment", once "enVironment")
		if total := sum(g.counts) + sum(g.initial); lower[key] >= total {
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
		sort.Slice(n.Forms, func(i, j int) bool {
			a, b := n.Forms[i], n.Forms[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Text < b.Text
		})
		n.Tie = len(n.Forms) > 1 && n.Forms[0].Count == n.Forms[1].Count
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
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
		if len(n.Forms) == 1 {
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
