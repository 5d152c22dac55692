package initcfg

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/match"
)

// Kinds from how a name is used (docs/init.md, "Kinds"):
//
//   - front matter that declares it: `product:`/`products:` make a
//     product, `competitor:`/`competitors:` (and `alternative(s):`,
//     `vs:`) a competitor, `integration(s):`/`partner(s):` a partner;
//   - "our X", in a quarter of X's mentions or more, makes a product;
//   - the titles and headings that compare (a page in a compare,
//     comparison, alternatives or vs folder; "A vs B"; "alternatives to
//     A") name competitors: the names they set against the company.

// declaredFields maps a front-matter key to the kind it declares.
var declaredFields = map[string]string{
	"product": declProduct, "products": declProduct,
	"competitor": declCompetitor, "competitors": declCompetitor, "alternative": declCompetitor,
	"alternatives": declCompetitor, "vs": declCompetitor, "versus": declCompetitor,
	"integration": declPartner, "integrations": declPartner, "partner": declPartner, "partners": declPartner,
}

const (
	declProduct    = "product"
	declCompetitor = "competitor"
	declPartner    = "partner"
)

// initFrontMatter are the front-matter keys init reads: msglint's default
// prose keys and those that declare kinds.
func initFrontMatter(base []string) []string {
	out := append([]string(nil), base...)
	for k := range declaredFields {
		out = append(out, k)
	}
	return out
}

// declared is a name a front-matter field declares.
type declared struct {
	text, kind string
}

// compareFolders are the folder names (or words of them) of compare pages.
var compareFolders = map[string]bool{"compare": true, "comparison": true, "comparisons": true,
	"alternative": true, "alternatives": true, "vs": true, "versus": true}

func comparePage(path string) bool {
	dirs := strings.Split(path, "/")
	for _, d := range dirs[:len(dirs)-1] {
		for _, w := range strings.FieldsFunc(strings.ToLower(d), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			if compareFolders[w] {
				return true
			}
		}
	}
	return false
}

// compareSep splits a title that compares into its sides.
var compareSep = regexp.MustCompile(`(?i)\s+(?:vs\.?|versus|compared (?:to|with)|or|and|&)\s+|\s*[,:|–—]\s*|\s+-\s+|(?:^|\s+)(?:the\s+)?(?:best\s+)?(?:alternatives?|comparisons?)(?:\s+(?:to|for))?(?:\s+|$)`)

// compareTitle reports whether a title or heading compares names.
var compareTitle = regexp.MustCompile(`(?i)\b(?:vs\.?|versus|alternatives?|compared (?:to|with))(?:\s|$)`)

// comparedSides returns the loose keys of the sides a title compares, or
// nil when it compares nothing (outside compare pages, it must say so).
func comparedSides(text string, page bool) []string {
	if !page && !compareTitle.MatchString(text) {
		return nil
	}
	var keys []string
	for _, side := range compareSep.Split(text, -1) {
		side = strings.TrimSpace(side)
		if k := match.LooseKey(side); k != "" && len(strings.Fields(side)) <= 3 {
			keys = append(keys, k)
		}
	}
	return keys
}

// scanUsage records a block's declarations and compared names.
func (s *docScan) scanUsage(b *content.Block, page bool) {
	switch {
	case b.Scope == content.ScopeFrontMatter && declaredFields[strings.ToLower(b.Field)] != "":
		kind := declaredFields[strings.ToLower(b.Field)]
		for _, v := range strings.Split(b.Text, ",") {
			if v = match.NormalizeSpace(strings.TrimSpace(v)); v != "" && len(v) <= 60 {
				s.declared = append(s.declared, declared{text: v, kind: kind})
			}
		}
	case b.Scope == content.ScopeTitle || b.Scope == content.ScopeHeading ||
		(b.Scope == content.ScopeFrontMatter && strings.EqualFold(b.Field, "title")):
		if sides := comparedSides(b.Text, page); len(sides) > 0 {
			s.compared = append(s.compared, comparison{sides: sides, page: page})
		}
	}
}

// comparison is one title or heading that compares: on a compare page
// every side counts; elsewhere only when the company is one of the sides.
type comparison struct {
	sides []string
	page  bool
}

// usage is what the corpus says about one group's kind.
type usage struct {
	our      int          // mentions right after "our"
	ourFiles map[int]bool // files with such a mention
	declared map[string]int
}

func (g *group) use() *usage {
	if g.usage == nil {
		g.usage = &usage{ourFiles: map[int]bool{}, declared: map[string]int{}}
	}
	return g.usage
}

// ourProduct reports whether "our X" says X is the company's own: in a
// quarter of its mentions or more, three times in two files, and X is a
// coined name, not common words only (a handbook's "our Medical Leave
// policy" or "our Careers Page").
func (u *usage) ourProduct(name string, total int) bool {
	if u == nil || u.our < 3 || len(u.ourFiles) < 2 || u.our*4 < total {
		return false
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if !plainWord(match.Fold(w)) {
			return true
		}
	}
	return false
}

// usageKinds marks products and competitors from how the corpus uses
// them, once kinds has found the company (ckey, its loose key, or "").
// compared lists every file's comparisons.
func usageKinds(out []Name, groups map[string]*group, compared [][]comparison, ckey string) {
	against := map[string]int{} // loose key -> files comparing it with the company
	for _, cs := range compared {
		seen := map[string]bool{}
		for _, c := range cs {
			withCompany := false
			for _, k := range c.sides {
				withCompany = withCompany || (ckey != "" && k == ckey)
			}
			if !c.page && !withCompany {
				continue
			}
			for _, k := range c.sides {
				if (ckey == "" || !strings.HasPrefix(k, ckey)) && !seen[k] { // not the company's own
					seen[k] = true
					against[k]++
				}
			}
		}
	}
	for i := range out {
		n := &out[i]
		key := match.LooseKey(n.Canonical())
		var u *usage
		if g := groups[key]; g != nil {
			u = g.usage
		}
		if n.Company {
			continue
		}
		switch {
		case u != nil && u.declared[declProduct] > 0:
			n.Kind = kindProduct
			n.Why = joinWhy(fmt.Sprintf("declared in `product:` front matter (%s)", times(u.declared[declProduct])), n.Why)
			continue
		case n.Kind == "" && u.ourProduct(n.Canonical(), n.Total):
			n.Kind = kindProduct
			n.Why = joinWhy(fmt.Sprintf("written as \"our %s\" (%s of %d)", n.Canonical(), times(u.our), n.Total), n.Why)
			continue
		}
		if n.Kind != "" {
			continue
		}
		switch {
		case u != nil && u.declared[declCompetitor] > 0:
			n.Competitor = true
			n.Why = joinWhy(fmt.Sprintf("declared a competitor in front matter (%s)", times(u.declared[declCompetitor])), n.Why)
		case against[key] > 0:
			n.Competitor = true
			n.Why = joinWhy(fmt.Sprintf("compared with in the titles of %s", files(against[key])), n.Why)
		}
	}
}

// Competitors are the imported terms a sheet calls competitors, then the
// canonical forms of the names marked competitors.
func (p *Proposal) Competitors() []string {
	var out []string
	if p.Imported != nil {
		for _, t := range p.Imported.Terms {
			if t.Competitor {
				out = append(out, t.Name)
			}
		}
	}
	for _, n := range p.Names {
		if n.Competitor {
			out = append(out, n.Canonical())
		}
	}
	return out
}

// comparedNames makes names of the sides a compare page's titles name
// when the corpus writes them capitalised mid-sentence twice or more and
// seldom in lower case, and they are not common words ("Features").
func comparedNames(cs []comparison, groups map[string]*group, lower map[string]int) {
	for _, c := range cs {
		if !c.page {
			continue
		}
		for _, k := range c.sides {
			if g := groups[k]; g != nil && g.prose >= 2 && lower[k]*brandLowerRatio <= g.prose && !plainWord(k) {
				g.qualifies = true
			}
		}
	}
}

// pageKeyOf is the loose key of a file's base name without its extension
// (integrations/acme-cloud.md: "acmecloud"); an index page
// (acme/_index.md, acme/index.md) is named by its folder.
func pageKeyOf(p string) string {
	dir, base := path.Split(p)
	base = strings.TrimSuffix(base, path.Ext(base))
	if b := strings.ToLower(base); b == "index" || b == "_index" || b == "readme" {
		base = path.Base(strings.TrimSuffix(dir, "/"))
	}
	return match.LooseKey(strings.NewReplacer("_", " ", "-", " ").Replace(base))
}
