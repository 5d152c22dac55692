package coverage

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/rules/funnel"
	"github.com/msglint/msglint/rules/naming"
)

// Usage is what the alignment section needs beyond the asset records:
// path -> product key -> surface forms of the product's name, and path ->
// product key -> registered claim ids used. A nil map means the usage was
// not collected (the section then says nothing about it).
type Usage struct {
	Forms  map[string]map[string][]string
	Claims map[string]map[string][]string
}

// docUsage is one document's forms and claims by product key.
type docUsage struct {
	forms, claims map[string][]string
}

// UsageAnalysis collects the Usage of a run: `msglint report` adds it to
// the driver's analyses; `check` does not pay for it.
var UsageAnalysis = &lint.CorpusAnalysis[*docUsage, *Usage]{
	Name: "coverage/usage",
	Doc: &lint.Analysis[*docUsage]{
		Name:     "coverage/usage.doc",
		Doc:      "the surface forms of product names and the registered claims one document uses, by product",
		Requires: []lint.Requirement{naming.Matches, funnel.Tags},
		Run:      docUsageOf,
	},
	Finish: func(c *lint.CorpusPass, docs []*docUsage) *Usage {
		u := &Usage{Forms: map[string]map[string][]string{}, Claims: map[string]map[string][]string{}}
		for i, d := range docs {
			if d == nil {
				continue
			}
			if len(d.forms) > 0 {
				u.Forms[c.Files[i].Path] = d.forms
			}
			if len(d.claims) > 0 {
				u.Claims[c.Files[i].Path] = d.claims
			}
		}
		return u
	},
}

func docUsageOf(p *lint.Pass) *docUsage {
	forms := map[string][]string{}
	if ix := p.Env.Index; ix != nil {
		lint.ResultOf(p, naming.Matches).MatchesOf(func(block int, m match.Match) {
			t := ix.Terms[m.Term]
			if t.Kind != config.KindProduct && t.Kind != config.KindFeature {
				return
			}
			f := surface(p.Doc.Blocks[block].Text[m.Start:m.End], m.Suffix)
			if f != "" && !slices.Contains(forms[t.Key], f) {
				forms[t.Key] = append(forms[t.Key], f)
			}
		})
	}
	claims := map[string][]string{}
	if cfg := p.Env.Config; cfg != nil && len(cfg.Claims) > 0 {
		res, sizes := claimPatterns(p.Env), claimPatternSizes(p.Env)
		for ci := range cfg.Claims {
			c := &cfg.Claims[ci]
			re := res[ci]
			if re == nil || c.ID == "" {
				continue
			}
			used := false
			for bi := range p.Doc.Blocks {
				p.Doc.Budget.Regex(sizes[ci], len(p.Doc.Blocks[bi].Text))
				if re.MatchString(p.Doc.Blocks[bi].Text) {
					used = true
					break
				}
			}
			if !used {
				continue
			}
			prods := c.Products
			if len(prods) == 0 {
				prods = lint.ResultOf(p, funnel.Tags).Products
			}
			for _, pr := range prods {
				if !slices.Contains(claims[pr], c.ID) {
					claims[pr] = append(claims[pr], c.ID)
				}
			}
		}
	}
	for _, m := range []map[string][]string{forms, claims} {
		for k := range m {
			sort.Strings(m[k])
		}
	}
	return &docUsage{forms: forms, claims: claims}
}

// surface is a matched name without its plural or possessive ending.
func surface(s, suffix string) string {
	s = match.NormalizeSpace(s)
	for _, end := range []string{"'s", "’s"} {
		s = strings.TrimSuffix(s, end)
	}
	if suffix != "" && strings.HasSuffix(s, suffix) && len(s) > len(suffix) {
		s = s[:len(s)-len(suffix)]
	}
	return s
}

// claimPatterns compiles each claim's pattern once per run (nil where a
// claim has no usable pattern). A claim without a pattern matches its
// approved text.
func claimPatterns(env *lint.Env) []*regexp.Regexp {
	v, _ := lint.MemoOf(env, claimPatternsMemo, func() ([]*regexp.Regexp, error) {
		var out []*regexp.Regexp
		for _, c := range env.Config.Claims {
			pat := c.Pattern
			if pat == "" && c.Text != "" {
				pat = regexp.QuoteMeta(c.Text)
			}
			if pat != "" && !c.CaseSensitive {
				pat = "(?i)" + pat
			}
			re, err := regexp.Compile(pat)
			if pat == "" || err != nil {
				re = nil
			}
			out = append(out, re)
		}
		return out, nil
	})
	return v
}

// claimPatternSizes are claimPatterns' program sizes (config.ProgramSize),
// charged to the file's budget per byte matched.
func claimPatternSizes(env *lint.Env) []int {
	v, _ := lint.MemoOf(env, claimSizesMemo, func() ([]int, error) {
		res := claimPatterns(env)
		out := make([]int, len(res))
		for i, re := range res {
			if re != nil {
				out[i] = config.ProgramSize(re.String())
			}
		}
		return out, nil
	})
	return v
}

var claimSizesMemo = &lint.Memo[[]int]{Name: "coverage/usage.claimSizes"}

// claimPatternsMemo holds the run's compiled claim patterns.
var claimPatternsMemo = &lint.Memo[[]*regexp.Regexp]{Name: "coverage/usage.claims"}
