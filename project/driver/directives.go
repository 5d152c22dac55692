// The directives step of the policy chain: which inline directives cover a finding, and the findings about directives themselves.

package driver

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// directives are a document's inline rule toggles, in document order;
// suppressed scans them all for each finding (a document has a handful).
type directives []content.Directive

// fileDirectives are one file's directives, which of them suppressed a
// finding (the directives step sets used), and where each stands.
type fileDirectives struct {
	list  directives
	used  []bool
	sites []lint.Site
	index *dirIndex // built on the first finding (dirindex.go)
}

// newFileDirectives returns doc's directives with their sites (nil when
// it has none): a text format's directive is at its line, at the column
// of its first rule (or of "msglint"), with the source line; an office
// one at its location.
func newFileDirectives(path string, doc *content.Document) *fileDirectives {
	if len(doc.Directives) == 0 {
		return nil
	}
	fd := &fileDirectives{list: directives(doc.Directives), used: make([]bool, len(doc.Directives)), sites: make([]lint.Site, len(doc.Directives))}
	for i, d := range doc.Directives {
		site := lint.Site{Path: path, Line: max(d.Line, 1), Loc: d.Loc}
		if d.Loc == "" && d.Line > 0 && len(doc.Src) > 0 && doc.LineLen(d.Line) <= lint.MaxLineText {
			site.LineText = doc.LineText(d.Line)
		}
		fd.sites[i] = site
	}
	return fd
}

// siteOf is where directive i stands, with the column of word (a rule it
// names) or, when word is "" or not on its line, of "msglint".
func (fd *fileDirectives) siteOf(i int, word string) lint.Site {
	return wordSite(fd.sites[i], word)
}

// wordSite is site at the column of word on its line (or of "msglint").
func wordSite(site lint.Site, word string) lint.Site {
	at, tok := -1, word
	if word != "" {
		at = strings.Index(site.LineText, word)
	}
	if at < 0 {
		// the directive's keyword: "msglint-disable-next-line", "msglint:"
		at = strings.Index(site.LineText, "msglint")
		if at >= 0 {
			tok = site.LineText[at:]
			if end := strings.IndexAny(tok, " \t"); end >= 0 {
				tok = tok[:end]
			}
		}
	}
	if at >= 0 {
		site.Col = utf8.RuneCountInString(site.LineText[:at]) + 1
		site.Match, site.EndLine, site.EndCol = tok, site.Line, site.Col+utf8.RuneCountInString(tok)
	}
	return site
}

// maxListLines is how many lines after a front-matter directive's key its
// rules are looked for (to point at a misspelt one).
const maxListLines = 20

// checkDirectiveRules takes an input/directive finding through the chain for each
// rule a directive names that does not exist (Policy.KnownRule).
func (s *sink) checkDirectiveRules() {
	if s.dirs == nil || s.pol.KnownRule == nil {
		return
	}
	for i, d := range s.dirs.list {
		for _, r := range d.Rules {
			if s.pol.KnownRule(r) {
				continue
			}
			hint := ""
			if s.pol.Suggest != nil {
				hint = s.pol.Suggest(r)
			}
			site := s.dirs.siteOf(i, r)
			if site.Match != r && d.Kind == "disable-file" && s.doc != nil {
				// front matter: the rule may stand on a later line of the list
				for l := d.Line + 1; l <= d.Line+maxListLines; l++ {
					n := s.doc.LineLen(l)
					if n > lint.MaxLineText {
						continue
					}
					if text := s.doc.LineText(l); strings.Contains(text, r) {
						site = wordSite(lint.Site{Path: s.path, Line: l, LineText: text}, r)
						break
					}
				}
			}
			s.directiveFinding(content.RuleDirective, site,
				fmt.Sprintf("%s names an unknown rule %q%s (see `msglint rules`); it suppresses nothing", directiveName(d), r, hint))
		}
	}
}

// reportUnused takes an input/unused-directive finding through the chain
// for each disable directive of the file that suppressed no finding. A
// directive is judged only when a rule it names (any rule, when it names
// none) is on for the file: a directive for a rule this run turned off
// (--rule, --disable, the config) may suppress findings in other runs.
func (s *sink) reportUnused() {
	if s.dirs == nil || s.pol.SeverityOf(content.RuleUnusedDirective, s.path) == lint.Off {
		return
	}
	for i, d := range s.dirs.list {
		if s.dirs.used[i] || d.Kind == "enable" || !s.pol.anyOn(d.Rules, s.path) {
			continue
		}
		s.directiveFinding(content.RuleUnusedDirective, s.dirs.siteOf(i, ""),
			fmt.Sprintf("unused directive: %s suppressed no finding; remove it", directiveName(d)))
	}
}

// anyOn reports whether a rule selected by one of sels is on for path.
// With no sels (a directive for every rule), it is false when --rule
// narrowed the run: the directive may suppress a rule left out.
func (p *Policy) anyOn(sels []string, path string) bool {
	if len(sels) == 0 && len(p.Only) > 0 {
		return false
	}
	for id := range p.Defaults {
		if strings.HasPrefix(id, "input/") {
			continue // the driver's own rules: never a directive's target worth judging
		}
		if len(sels) == 0 || coversRule(sels, id) {
			if p.SeverityOf(id, path) != lint.Off {
				return true
			}
		}
	}
	return false
}

// directiveName is how a directive is written: "msglint-disable-next-line
// naming/variant" (a front-matter one: "front matter msglint.disable").
func directiveName(d content.Directive) string {
	var name string
	switch d.Kind {
	case "disable-file":
		name = "front matter msglint.disable"
	case "disable-loc":
		name = "msglint-disable"
	default:
		name = "msglint-" + d.Kind
	}
	if len(d.Rules) > 0 && d.Kind != "disable-file" {
		name += " " + strings.Join(d.Rules, ",")
	}
	return name
}

// directiveFinding takes a finding about a directive, at site, through
// the chain (the directives step keeps it).
func (s *sink) directiveFinding(rule string, site lint.Site, msg string) {
	s.it = item{Finding: lint.Finding{Rule: rule, Site: site, Message: msg}, path: s.path, directive: true, resolved: true}
	s.add(&s.it)
}

func coversRule(rules []string, id string) bool {
	if len(rules) == 0 {
		return true
	}
	for _, r := range rules {
		if lint.Selects(r, id) {
			return true
		}
	}
	return false
}

// suppressed reports whether an inline directive turns rule id off at line
// (text formats) or loc (office formats). When used is not nil, it marks
// every directive that turns it off (for a disable region, the disable in
// force).
func (ds directives) suppressed(id string, line int, loc string, used []bool) bool {
	if len(ds) == 0 {
		return false
	}
	hit := false
	mark := func(i int) {
		hit = true
		if used != nil {
			used[i] = true
		}
	}
	region := -1 // the disable in force
	for i, d := range ds {
		switch d.Kind {
		case "disable-file":
			if coversRule(d.Rules, id) {
				mark(i)
			}
		case "disable-loc":
			if loc != "" && (loc == d.Loc || strings.HasPrefix(loc, d.Loc+" ")) && coversRule(d.Rules, id) {
				mark(i)
			}
		case "disable-next-line":
			if loc == "" && line == d.Line+1 && coversRule(d.Rules, id) {
				mark(i)
			}
		case "disable-line":
			if loc == "" && line == d.Line && coversRule(d.Rules, id) {
				mark(i)
			}
		case "disable":
			if loc == "" && d.Line <= line && coversRule(d.Rules, id) {
				region = i
			}
		case "enable":
			if loc == "" && d.Line <= line && coversRule(d.Rules, id) {
				region = -1
			}
		}
	}
	if region >= 0 {
		mark(region)
	}
	return hit
}
