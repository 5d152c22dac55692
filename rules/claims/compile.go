package claims

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// compiled is the claims configuration compiled once per run (Env.Memo).
type compiled struct {
	claims  []claimC
	claimPF *prefilter

	forbidden []forbC
	forbPF    *prefilter

	disclaimers []disclC
	triggers    []triggerC // every disclaimer trigger, flattened
	trigPF      *prefilter

	// in front of the prefilters' lookups in scanBlock: every exact
	// keyword and number word, and every prefix key
	exactF, prefixF match.WordFilter
	scanPool        sync.Pool // *blockScan

	competitors [][]string      // folded token sequences
	ours        map[string]bool // folded words of our glossary names
	defaultsOn  bool
}

type claimC struct {
	cfg      *config.Claim
	re       *regexp.Regexp
	size     int       // re's program size, charged per byte matched (content.Budget.Regex)
	expires  time.Time // zero: none
	hasValue bool
}

type forbC struct {
	re      *regexp.Regexp
	size    int    // re's program size (content.Budget.Regex)
	label   string // the phrase or pattern, for the message
	message string
	// unsourced: only when the sentence has no source (#1, number one).
	unsourced bool
	builtin   bool
	quick     func(string) bool // a cheap necessary condition, or nil
	negatable bool              // skipped after a negation ("no guarantee")
	severity  lint.Severity     // the entry's own severity (Off: the rule's)
}

type disclC struct {
	cfg    *config.Disclaimer
	words  []string // folded tokens of the text
	phrase string   // the words joined by ' '
}

type triggerC struct {
	discl int
	re    *regexp.Regexp
	size  int // re's program size (content.Budget.Regex)
}

// compiledMemo holds the run's compiled claims configuration.
var compiledMemo = &lint.Memo[*compiled]{Name: "claims/compiled"}

// compile returns the run's compiled claims configuration.
func compile(env *lint.Env) (*compiled, error) {
	return lint.MemoOf(env, compiledMemo, func() (*compiled, error) { return build(env) })
}

// compiledAnalysis is the run's compiled claims configuration, looked up once
// per document and shared by the claims rules (nil when the configuration
// does not compile; compileFor then returns the error).
var compiledAnalysis = &lint.Analysis[*compiled]{
	Name: "claims/compiled",
	Doc:  "the run's compiled claims, forbidden phrases and disclaimers",
	Run: func(p *lint.Pass) *compiled {
		c, _ := compile(p.Env)
		return c
	},
}

// compileFor is compile for a rule's pass.
func compileFor(p *lint.Pass) (*compiled, error) {
	if c := lint.ResultOf(p, compiledAnalysis); c != nil {
		return c, nil
	}
	return compile(p.Env) // the error
}

func build(env *lint.Env) (*compiled, error) {
	c := &compiled{claimPF: newPrefilter(), forbPF: newPrefilter(), trigPF: newPrefilter(), ours: map[string]bool{}}
	cfg := env.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	c.defaultsOn = cfg.DefaultsOn()
	for i := range cfg.Claims {
		cl := &cfg.Claims[i]
		if cl.Pattern == "" {
			continue
		}
		pat := cl.Pattern
		if !cl.CaseSensitive {
			pat = "(?i)" + pat
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return nil, fmt.Errorf("claim %q: %v", cl.ID, err)
		}
		cc := claimC{cfg: cl, re: re, size: config.ProgramSize(pat), hasValue: cl.Value != nil && re.NumSubexp() > 0}
		if cl.Expires != "" {
			if t, err := time.Parse(time.DateOnly, cl.Expires); err == nil {
				cc.expires = t
			}
		}
		c.claimPF.add(len(c.claims), patternKeywords(pat))
		c.claims = append(c.claims, cc)
	}
	if err := c.buildForbidden(cfg); err != nil {
		return nil, err
	}
	for i := range cfg.Disclaimers {
		d := &cfg.Disclaimers[i]
		dc := disclC{cfg: d, words: words(d.Text)}
		dc.phrase = strings.Join(dc.words, " ")
		di := len(c.disclaimers)
		c.disclaimers = append(c.disclaimers, dc)
		for _, w := range d.When {
			re, err := regexp.Compile("(?i)" + w)
			if err != nil {
				return nil, fmt.Errorf("disclaimer %q: %v", d.ID, err)
			}
			c.trigPF.add(len(c.triggers), patternKeywords("(?i)"+w))
			c.triggers = append(c.triggers, triggerC{discl: di, re: re, size: config.ProgramSize("(?i)" + w)})
		}
	}
	c.buildUnion()
	for _, name := range cfg.Competitors {
		if ws := words(name); len(ws) > 0 {
			c.competitors = append(c.competitors, ws)
		}
	}
	for i := range cfg.Terms {
		t := &cfg.Terms[i]
		for _, f := range append(append([]string{t.Name}, t.Variants...), t.Deprecated...) {
			for _, w := range words(f) {
				c.ours[w] = true
			}
		}
	}
	return c, nil
}

// words returns the folded word tokens of s.
func words(s string) []string {
	toks := match.Tokenize(s, nil)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, match.Fold(s[t.Start:t.End]))
	}
	return out
}

// phraseRegexp compiles a forbidden phrase: case-insensitive, any run of
// white space (or a hyphen, where the phrase has a hyphen or a space
// between words) between its words. Word boundaries are checked by the
// caller, since \b does not work next to "#" or "%".
func phraseRegexp(phrase string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("(?i)")
	fields := strings.Fields(phrase)
	for i, f := range fields {
		if i > 0 {
			b.WriteString(`[\s\x{00a0}-]+`)
		}
		for j, part := range strings.Split(f, "-") {
			if j > 0 {
				b.WriteString(`[\s\x{00a0}-]*`)
			}
			q := regexp.QuoteMeta(part)
			q = strings.ReplaceAll(q, "'", `['’]`)
			b.WriteString(q)
		}
	}
	return regexp.Compile(b.String())
}

// phraseKeywords are the words a phrase cannot match without.
func phraseKeywords(phrase string) []keyword {
	ws := words(phrase)
	bestW := ""
	for _, w := range ws {
		if len(w) > len(bestW) {
			bestW = w
		}
	}
	if len(bestW) < 2 {
		return nil
	}
	// a hyphenated word may be written as one ("bestinclass" is not, but
	// "industryleading" could be): the prefilter keys on whole tokens, so
	// a hyphenless compound is missed only for phrases written joined.
	return []keyword{{word: bestW}}
}
