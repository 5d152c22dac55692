// Choosing a name's canonical form and its kind from the evidence.

package initcfg

import (
	"fmt"

	"sort"
	"strings"

	"github.com/msglint/msglint/match"
)

// canonical orders n.Forms, the canonical form first, and says why. The
// evidence, strongest first: the form in three times as many files as
// another; the form written with ™ or ®; the form used
// in the most files; then in the most headings and titles; the joined
// spelling when the corpus writes the name as a domain (acmecloud.io);
// the most inner capitals; the most mentions. Then a form that differs
// from the winner only by its inner capitals (PagerDuty, Pagerduty) wins
// when it is written at least twice or in a heading, and in 5% of the
// mentions or more: nobody adds an inner capital by mistake, while
// dropping one is the usual slip.
func canonical(n *Name, g *group, domain bool) {
	joined := func(s string) bool { return !strings.ContainsAny(s, " -") }
	sort.Slice(n.Forms, func(i, j int) bool {
		a, b := n.Forms[i], n.Forms[j]
		if outnumbers(a.Files, b.Files) || outnumbers(b.Files, a.Files) {
			return a.Files > b.Files
		}
		if g.signForm[a.Text] != g.signForm[b.Text] {
			return g.signForm[a.Text] > g.signForm[b.Text]
		}
		if a.Files != b.Files {
			return a.Files > b.Files
		}
		if g.heading[a.Text] != g.heading[b.Text] {
			return g.heading[a.Text] > g.heading[b.Text]
		}
		if domain && joined(a.Text) != joined(b.Text) {
			return joined(a.Text)
		}
		if clearlyMore(a.Count, b.Count) || clearlyMore(b.Count, a.Count) {
			return a.Count > b.Count // one page writing it 12 times, another once
		}
		if ia, ib := innerCaps(a.Text), innerCaps(b.Text); ia != ib {
			return ia > ib
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Text < b.Text
	})
	if len(n.Forms) == 1 {
		return
	}
	w, r := n.Forms[0], n.Forms[1]
	switch {
	case outnumbers(w.Files, r.Files):
		n.Why = fmt.Sprintf("the form in the most files (%d of %d)", w.Files, n.Files)
	case g.signForm[w.Text] > g.signForm[r.Text]:
		n.Why = fmt.Sprintf("written with a trademark sign %s", times(g.signForm[w.Text]))
	case w.Files > r.Files:
		n.Why = fmt.Sprintf("the form in the most files (%d of %d)", w.Files, n.Files)
	case g.heading[w.Text] > g.heading[r.Text]:
		n.Why = fmt.Sprintf("the form of the headings and titles (%s)", times(g.heading[w.Text]))
	case domain && joined(w.Text) != joined(r.Text):
		n.Why = "spelt as the domain name is"
	case clearlyMore(w.Count, r.Count):
		n.Why = fmt.Sprintf("as many files each; the form written most (%s against %s)", times(w.Count), times(r.Count))
	case innerCaps(w.Text) > innerCaps(r.Text):
		n.Why = "as many files each; the form with inner capitals"
	default:
		n.Why = "as many files each; the form written most"
		n.Tie = w.Count == r.Count
	}
	for i, f := range n.Forms[1:] {
		if !strings.EqualFold(f.Text, w.Text) || innerCaps(f.Text) <= innerCaps(w.Text) ||
			(f.Count < 2 && g.heading[f.Text] == 0) || f.Count*20 < n.Total {
			continue
		}
		// the page about the name (integrations/acme.md) writes both forms
		// and mostly the winner's: dropping the capitals there is a choice
		if g.page[f.Text] > 0 && g.page[w.Text] >= 3*g.page[f.Text] {
			n.Why = fmt.Sprintf("the form of the page about it (%s against %s); %s", times(g.page[w.Text]), times(g.page[f.Text]), n.Why)
			break
		}
		copy(n.Forms[1:i+2], n.Forms[0:i+1])
		n.Forms[0] = f
		n.Why = fmt.Sprintf("inner capitals are written on purpose (%s in %s); dropping them is the usual slip",
			times(f.Count), files(f.Files))
		break
	}
	n.Review = n.Tie || n.Forms[0].Count < n.Forms[1].Count
}

// kinds marks the company and its products as products: the company is
// the single-word name the corpus writes as its domain (acme.io) and uses
// in a quarter of the files or more, else
// the single-word name in the most files when that is a third of them or
// more; its products are the names of two or more words that start with
// it and are seen in two files or more, and the names written with ™ or ®.
// It returns the company's loose key ("" for none).
func kinds(out []Name, groups map[string]*group, domains map[string]int, nfiles int) string {
	company := -1
	best := 0
	for i := range out {
		n := &out[i]
		key := match.LooseKey(n.Canonical())
		if strings.Contains(n.Canonical(), " ") || n.Files*4 < nfiles {
			continue // a partner's domain (github.com) names no company
		}
		for d, c := range domains {
			if strings.HasPrefix(d, key) && len(key)*2 > len(d) && c >= 2 && (company < 0 || n.Files > out[company].Files) {
				company, best = i, c
			}
		}
	}
	if company < 0 {
		for i := range out {
			n := &out[i]
			if strings.Contains(n.Canonical(), " ") || n.Files*3 < nfiles || n.Files < 2 {
				continue
			}
			if company < 0 || n.Files > out[company].Files {
				company = i
			}
		}
	}
	ckey := ""
	if company >= 0 {
		c := &out[company]
		c.Company, c.Kind = true, kindProduct
		ckey = match.Fold(c.Canonical())
		reason := fmt.Sprintf("the company's name: in %d of %d files, and the domain name", c.Files, nfiles)
		if best == 0 {
			reason = fmt.Sprintf("the name in the most files (%d of %d): the company's or its main product's", c.Files, nfiles)
		}
		if c.Why != "" {
			reason += "; " + c.Why
		}
		c.Why = reason
	}
	for i := range out {
		n := &out[i]
		if n.Kind != "" {
			continue
		}
		words := strings.Fields(n.Canonical())
		if ckey != "" && len(words) > 1 && match.Fold(words[0]) == ckey && n.Files >= 2 {
			rest := match.LooseKey(strings.Join(words[1:], " "))
			if g := groups[rest]; g == nil || !g.qualifies {
				n.Kind = kindProduct
				n.Why = joinWhy("named after the company", n.Why)
			}
			continue
		}
		if len(n.Signs) > 0 {
			n.Kind = kindProduct
			n.Why = joinWhy("written with a trademark sign", n.Why)
		}
	}
	if company < 0 {
		return ""
	}
	return match.LooseKey(out[company].Canonical())
}

func joinWhy(a, b string) string {
	if b == "" || strings.HasPrefix(b, "written with a trademark") {
		return a
	}
	return a + "; " + b
}

// kindProduct is config.KindProduct (initcfg does not import config).
const kindProduct = "product"

// firstWord is a form's first word (Bitbucket of "Bitbucket Server").
func firstWord(s string) string {
	if i := strings.IndexAny(s, " -"); i > 0 {
		return s[:i]
	}
	return s
}

// siblingVote revisits the canonical forms that differ from another form
// by their capitals only in the first word: the corpus' other names that
// start with that word (Bitbucket Server, Bitbucket Cloud for Bitbucket)
// vote for its spelling, and a form they write three times as often, five
// times or more, wins. A brand's product names spell it as the brand does.
func siblingVote(out []Name) {
	votes := map[string]map[string]int{} // folded first word -> its spellings in names -> mentions
	for i := range out {
		for _, f := range out[i].Forms {
			w := firstWord(f.Text)
			k := match.Fold(w)
			if votes[k] == nil {
				votes[k] = map[string]int{}
			}
			votes[k][w] += f.Count
		}
	}
	for i := range out {
		n := &out[i]
		if len(n.Forms) < 2 {
			continue
		}
		w := firstWord(n.Forms[0].Text)
		// the other names' votes: all votes less this name's own forms
		own := map[string]int{}
		for _, f := range n.Forms {
			own[firstWord(f.Text)] += f.Count
		}
		vote := func(s string) int { return votes[match.Fold(s)][s] - own[s] }
		for j, f := range n.Forms[1:] {
			alt := firstWord(f.Text)
			if alt == w || !strings.EqualFold(alt, w) || f.Text[len(alt):] != n.Forms[0].Text[len(w):] {
				continue
			}
			if v, vw := vote(alt), vote(w); v >= 5 && v >= 3*vw {
				copy(n.Forms[1:j+2], n.Forms[0:j+1])
				n.Forms[0] = f
				n.Why = fmt.Sprintf("spelt as the corpus' other names that start with it spell it (%s against %s)", times(v), times(vw))
				n.Review = true
				break
			}
		}
	}
}

// clearlyMore reports whether a form written a times outnumbers one
// written b times by more than chance: three times as often, and ten
// times or more (3 against 1 is too few to tell).
func clearlyMore(a, b int) bool { return outnumbers(a, b) && a >= 10 }
