package funnel

import (
	"strings"
)

// Path conventions: the folder and file names content repositories use,
// and the stage each suggests. They are evidence with a weight, not a
// verdict: the content can outvote them (a release post in blog/ reads as
// retention). The config's funnel.paths, by contrast, is a verdict.
//
// A segment matches in any folder depth, case-insensitively, with '-',
// '_' and ' ' treated alike and a leading '_' or '.' ignored; the file's
// own name (without extension) counts as a segment too. When several
// segments match, the deepest one counts.
//
// Keep the table generic: it describes kinds of go-to-market content,
// never a particular site.
var pathConventions = []pathConvention{
	// awareness: reading for people who are not looking for a product yet
	{"awareness", strong, []string{"blog", "blogs", "articles", "article",
		"learn", "learning", "resources", "ebook", "ebooks", "e-books", "whitepaper", "whitepapers",
		"white-papers", "glossary", "insights", "podcast", "podcasts", "events", "press",
		"about", "company", "careers", "jobs"}},
	// news and posts: mostly awareness, but product news is retention
	{"awareness", weak, []string{"posts", "post", "news", "newsroom"}},
	// consideration: what a product does and how it compares
	{"consideration", strong, []string{"product", "products", "feature", "features", "solution", "solutions",
		"use-case", "use-cases", "usecases", "integration", "integrations", "compare", "comparison",
		"comparisons", "vs", "versus", "alternative", "alternatives", "webinar", "webinars", "template",
		"templates", "industries", "industry", "connectors", "plugins", "marketplace",
		"partners", "how-it-works", "tour", "product-tour", "datasheets", "datasheet", "solution-briefs"}},
	// decision: price, proof and risk, for a buyer about to choose
	{"decision", strong, []string{"pricing", "price", "prices", "plans", "plan", "customers", "customer",
		"case-study", "case-studies", "casestudies", "customer-stories", "success-stories", "stories",
		"testimonials", "security", "trust", "trust-center", "compliance", "demo", "request-demo",
		"book-demo", "contact-sales", "enterprise", "free-trial", "trial", "roi", "buy", "quote",
		"proposals", "procurement", "sla"}},
	// retention: for people who already use the product
	{"retention", strong, []string{"docs", "doc", "documentation", "help", "help-center", "support", "kb",
		"knowledge-base", "knowledgebase", "changelog", "changelogs", "change-log", "release-notes",
		"releasenotes", "releases", "release", "whats-new", "updates", "onboarding", "admin", "administration",
		"api", "api-reference", "reference", "references", "manual", "manuals", "tutorials",
		"tutorial", "how-to", "howto", "getting-started", "quickstart", "troubleshooting", "faq", "faqs",
		"migration", "migrations", "upgrade", "upgrading", "install", "installation", "academy"}},
}

// pathConvention lists the segments that suggest a stage.
type pathConvention struct {
	stage    string
	weight   float64
	segments []string
}

// A convention's weight, in log-odds added to its stage (times PathWeight).
const (
	strong = 1.0
	weak   = 0.5
)

// containers are the retention folders whose whole subtree is for
// users: a product, integration or template page inside docs/ documents
// it. A decision segment inside them still counts (pricing, compliance).
var containers = map[string]bool{"docs": true, "doc": true, "documentation": true, "help": true,
	"help-center": true, "kb": true, "knowledge-base": true, "knowledgebase": true, "support": true,
	"manual": true, "manuals": true, "api-reference": true}

// PathWeight scales every convention weight (tuned leave-one-site-out;
// see docs/funnel.md).
var PathWeight = 1.5

// pathIndex maps a normalised segment to its stage and weight.
var pathIndex = func() map[string]pathConvention {
	m := map[string]pathConvention{}
	for _, c := range pathConventions {
		for _, s := range c.segments {
			k := normSegment(s)
			if _, dup := m[k]; !dup {
				m[k] = pathConvention{stage: c.stage, weight: c.weight, segments: []string{s}}
			}
		}
	}
	return m
}()

// normSegment lower-cases s and writes '_' and ' ' as '-', without a
// leading '_', '.' or '-'.
func normSegment(s string) string {
	s = strings.ToLower(strings.TrimLeft(s, "_.-"))
	return strings.Map(func(r rune) rune {
		if r == '_' || r == ' ' {
			return '-'
		}
		return r
	}, s)
}

// normInto is normSegment(s) written into buf, for a lookup that makes
// no string (m[string(b)]); ok is false when s is too long for buf or
// not ASCII (normSegment then).
func normInto(buf []byte, s string) (b []byte, ok bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return nil, false
		case n == 0 && (c == '_' || c == '.' || c == '-'):
			continue // leading
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '_' || c == ' ':
			c = '-'
		}
		buf[n] = c
		n++
	}
	return buf[:n], true
}

// lookupSegment is pathIndex[normSegment(s)].
func lookupSegment(s string) (pathConvention, bool) {
	var buf [40]byte
	if b, ok := normInto(buf[:], s); ok {
		c, ok := pathIndex[string(b)]
		return c, ok
	}
	c, ok := pathIndex[normSegment(s)]
	return c, ok
}

// isContainer is containers[normSegment(s)].
func isContainer(s string) bool {
	var buf [40]byte
	if b, ok := normInto(buf[:], s); ok {
		return containers[string(b)]
	}
	return containers[normSegment(s)]
}

// pathEvidence is the convention a path matches: its stage, weight and
// the segment as written ("customers/", "pricing"). ok is false when no
// segment matches.
type pathEvidence struct {
	stage   string
	weight  float64
	segment string
}

// conventionOf returns the deepest path segment of path (slash-separated,
// relative) that the conventions know.
func conventionOf(path string) (pathEvidence, bool) {
	// the segments from the last to the first, without splitting the
	// path (one call per asset)
	end := len(path)
	for last := true; end >= 0; last = false {
		start := strings.LastIndexByte(path[:end], '/') + 1
		seg := path[start:end]
		next := start - 1
		s := seg
		if last {
			if j := strings.LastIndexByte(s, '.'); j > 0 {
				s = s[:j]
			}
			if s == "index" || s == "_index" || s == "readme" || s == "README" {
				end = next
				continue
			}
		}
		c, ok := lookupSegment(s)
		if !ok {
			end = next
			continue
		}
		if c.stage == "consideration" || c.stage == "awareness" {
			// inside a docs container, the container decides
			for rest, more := path[:max(start-1, 0)], start > 0; more; {
				var outer string
				outer, rest, more = strings.Cut(rest, "/")
				if isContainer(outer) {
					seg, last = outer, false
					c, _ = lookupSegment(outer)
					break
				}
			}
		}
		shown := seg
		if !last {
			shown += "/"
		}
		return pathEvidence{stage: c.stage, weight: c.weight * PathWeight, segment: shown}, true
	}
	return pathEvidence{}, false
}

// AddPathScore adds the path conventions' weight for path to scores (one
// per stage of stages). For the training program's calibration.
func AddPathScore(path string, stages []string, scores []float64) {
	if pe, ok := conventionOf(path); ok {
		for i, s := range stages {
			if s == pe.stage {
				scores[i] += pe.weight
			}
		}
	}
}
