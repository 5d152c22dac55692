package initcfg

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// nameScan is init's analysis, a corpus analysis the driver runs over
// every document, never listed among msglint's rules. Its per-document
// part scans one document (a *docScan); its Finish fills p: the names
// (names), the unreadable files (those with no document) and the funnel
// and team globs (pathRules over every file's path).
func nameScan(p *Proposal, opt Options) *lint.CorpusAnalysis[*docScan, *Proposal] {
	return &lint.CorpusAnalysis[*docScan, *Proposal]{
		Name: "init/names",
		Doc: &lint.Analysis[*docScan]{
			Name: "init/names.doc",
			Doc:  "a document's candidate names (capitalised runs) and lower-case word counts",
			Run:  func(pass *lint.Pass) *docScan { return scanDoc(pass.Doc) },
		},
		Finish: func(c *lint.CorpusPass, docs []*docScan) *Proposal {
			scans := make([]*docScan, 0, len(docs))
			lower, domains := map[string]int{}, map[string]int{}
			for _, s := range docs {
				if s == nil {
					continue
				}
				scans = append(scans, s)
				for d, n := range s.domains {
					domains[d] += n
				}
				for w, n := range s.lower {
					lower[w] += n
				}
			}
			p.Unreadable = len(c.Files) - len(scans)
			p.Names = names(scans, lower, domains, opt)
			rels := make([]string, len(c.Files))
			for i, f := range c.Files {
				rels[i] = f.Path
			}
			p.Stages = pathRules(rels, stageFolders, stageOrder, false)
			p.Teams = pathRules(rels, teamFolders, teamOrder, true)
			return p
		},
	}
}

// occurrence of a candidate single word or word run.
type run struct {
	words   []string
	seps    []string // seps[i] is between words[i] and words[i+1]
	initial bool     // the first word starts a sentence
	single  bool     // a single capitalised word (any block)
	sign    string   // ™ or ® right after it
	heading bool
	inRun   bool // a single word of a longer capitalised run
	our     bool // right after "our"
}

// docScan is what one file contributes.
type docScan struct {
	runs    []run
	lower   map[string]int // folded lower-case words
	domains map[string]int // loose keys of the domain names written (acme.io -> acme)
	// declared are the names front-matter fields declare (product:, competitors:)
	declared []declared
	// compared are the sides of the titles and headings that compare names
	compared []comparison
	// pageKey is the loose key of the file's name (integrations/opsgenie.md:
	// "opsgenie"): the page about that name, if one has it
	pageKey string
}

// domainRe finds a domain name written in prose or front matter; the
// label before the top-level domain is the brand's own spelling.
var domainRe = regexp.MustCompile(`(?i)\b(?:www\.)?([a-z0-9][a-z0-9-]{1,40})\.(?:com|io|dev|ai|co|net|org|app|so|sh|cloud|tech|xyz|us|eu|de|fr|uk)\b`)

// scanDoc collects a document's candidate runs and lower-case words.
func scanDoc(doc *content.Document) *docScan {
	s := &docScan{lower: map[string]int{}, domains: map[string]int{}}
	var toks []match.Token
	page := comparePage(doc.Path)
	s.pageKey = pageKeyOf(doc.Path)
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		s.scanUsage(b, page)
		if b.Scope == content.ScopeFrontMatter && declaredFields[strings.ToLower(b.Field)] != "" {
			continue // counted as declared, once
		}
		heading := titleCase(b.Scope)
		for _, m := range domainRe.FindAllStringSubmatchIndex(b.Text, -1) {
			// the label before the last: not "pages" of pages.cloud.gov
			if rest := b.Text[m[1]:]; len(rest) > 1 && rest[0] == '.' && isAlnum(rest[1]) {
				continue
			}
			s.domains[match.LooseKey(b.Text[m[2]:m[3]])]++
		}
		toks = match.Tokenize(b.Text, toks[:0])
		s.scanBlock(b.Text, toks, heading)
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

func (s *docScan) scanBlock(text string, toks []match.Token, heading bool) {
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
		our := i > 0 && text[toks[i-1].End:tk.Start] == " " && match.Fold(text[toks[i-1].Start:toks[i-1].End]) == "our"
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
			sign := "" // a sign after a run marks the run, not its last word
			if j == i {
				sign = signAfter(text, int(t.End))
			}
			s.runs = append(s.runs, run{words: []string{text[t.Start:t.End]}, single: true,
				initial: t.Flags&match.FlagSentence != 0, sign: sign, heading: heading, inRun: j > i,
				our: (our && k == i) || (k == i+1 && match.Fold(text[toks[i].Start:toks[i].End]) == "our")})
		}
		if j > i && !heading {
			r := run{heading: heading, initial: tk.Flags&match.FlagSentence != 0, sign: signAfter(text, int(toks[j].End)), our: our}
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

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
