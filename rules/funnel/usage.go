package funnel

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/rules/naming"
)

// Usage collects, during one run, what the report's alignment section
// needs beyond the asset records: per asset and product, the surface forms
// of the product's name and the registered claims used. `msglint report`
// adds Usage.Rule() to the rule list; `check` does not pay for it.
//
// (It is a collector rather than Asset fields because lint.Asset has no
// place for them; see docs/funnel.md.)
type Usage struct {
	mu sync.Mutex
	// Forms: path -> product key -> surface forms used, sorted.
	Forms map[string]map[string][]string
	// Claims: path -> product key -> claim ids used, sorted.
	Claims map[string]map[string][]string
}

// NewUsage returns an empty collector.
func NewUsage() *Usage {
	return &Usage{Forms: map[string]map[string][]string{}, Claims: map[string]map[string][]string{}}
}

// Rule returns the collecting rule. It reports nothing.
func (u *Usage) Rule() *lint.Rule {
	return &lint.Rule{
		Name:    "report/usage",
		Summary: "collects name forms and claims per asset for `msglint report` (reports nothing)",
		Default: lint.Info,
		Run:     u.run,
	}
}

func (u *Usage) run(p *lint.Pass) error {
	forms := map[string][]string{}
	if ix := p.Env.Index; ix != nil {
		naming.Analyze(p).MatchesOf(func(block int, m match.Match) {
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
		res := claimPatterns(p.Env)
		for ci := range cfg.Claims {
			c := &cfg.Claims[ci]
			re := res[ci]
			if re == nil || c.ID == "" {
				continue
			}
			used := false
			for bi := range p.Doc.Blocks {
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
				prods = p.Asset.Products
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
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(forms) > 0 {
		u.Forms[p.Doc.Path] = forms
	}
	if len(claims) > 0 {
		u.Claims[p.Doc.Path] = claims
	}
	return nil
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
	v, _ := env.Memo("funnel.claims", func() (any, error) {
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
	return v.([]*regexp.Regexp)
}
