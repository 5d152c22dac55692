package initcfg

import (
	"path"
	"sort"
	"strings"
)

// PathRule is a proposed glob for a funnel stage or a team.
type PathRule struct {
	Key   string // stage or team
	Glob  string
	Files int
}

// stageOrder is the order of the default funnel stages.
var stageOrder = []string{"awareness", "consideration", "decision", "retention"}

// stageFolders maps a folder name (or a word of it) to the funnel stage
// its assets usually serve.
var stageFolders = map[string]string{
	"blog": "awareness", "blogs": "awareness", "posts": "awareness", "articles": "awareness",
	"news": "awareness", "guides": "awareness", "ebooks": "awareness", "ebook": "awareness",
	"learn": "awareness", "podcast": "awareness", "podcasts": "awareness", "press": "awareness",

	"webinars": "consideration", "webinar": "consideration", "events": "consideration",
	"compare": "consideration", "comparison": "consideration", "comparisons": "consideration",
	"alternatives": "consideration", "vs": "consideration", "features": "consideration",
	"solutions": "consideration", "integrations": "consideration", "templates": "consideration",
	"whitepapers": "consideration", "whitepaper": "consideration",
	"use-cases": "consideration", "usecases": "consideration",

	"customers": "decision", "customer-stories": "decision", "case-studies": "decision",
	"case_studies": "decision", "casestudies": "decision", "stories": "decision",
	"testimonials": "decision", "pricing": "decision", "proposals": "decision",
	"decks": "decision", "demo": "decision", "roi": "decision",

	"docs": "retention", "documentation": "retention", "changelog": "retention",
	"changelogs": "retention", "release-notes": "retention", "releases": "retention",
	"help": "retention", "support": "retention", "kb": "retention", "knowledge-base": "retention",
	"onboarding": "retention", "admin": "retention", "troubleshooting": "retention",
}

// teamOrder is the order teams are written in.
var teamOrder = []string{"marketing", "sales", "enablement", "product"}

// teamFolders maps a folder name (or a word of it) to the team that owns it.
var teamFolders = map[string]string{
	"marketing": "marketing", "site": "marketing", "website": "marketing", "www": "marketing",
	"blog": "marketing", "blogs": "marketing", "campaigns": "marketing", "webinars": "marketing",
	"press": "marketing", "landing": "marketing",

	"sales": "sales", "presales": "sales", "pre-sales": "sales", "decks": "sales",
	"proposals": "sales", "battlecards": "sales", "deals": "sales",

	"enablement": "enablement", "training": "enablement", "curriculum": "enablement",
	"playbooks": "enablement", "handbook": "enablement", "onboarding": "enablement",

	"docs": "product", "documentation": "product", "changelog": "product", "release-notes": "product",
}

// folderKey returns the value for a folder name: the whole name first,
// then any of its words (split on - _ . and spaces).
func folderKey(name string, m map[string]string) (string, bool) {
	n := strings.ToLower(name)
	if v, ok := m[n]; ok {
		return v, true
	}
	for _, w := range strings.FieldsFunc(n, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		if v, ok := m[w]; ok {
			return v, true
		}
	}
	return "", false
}

// pathRules proposes `folder/**` globs: the outermost folder on each
// file's path whose name maps to a key. A folder inside another folder
// that already maps to the same key adds nothing.
//
// With one set, only the outermost matching folder counts (a file has one
// team: sales/onboarding/** stays with sales); otherwise a nested folder
// of another key is proposed too (blog/customers/** for decision).
func pathRules(rels []string, m map[string]string, order []string, one bool) []PathRule {
	count := map[[2]string]int{}
	for _, rel := range rels {
		if strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, "..") {
			continue // outside the config's folder: globs cannot name it
		}
		dirs := strings.Split(path.Dir(rel), "/")
		if len(dirs) == 1 && dirs[0] == "." {
			continue
		}
		seen := map[string]bool{}
		for i, d := range dirs {
			key, ok := folderKey(d, m)
			if !ok || seen[key] {
				continue
			}
			seen[key] = true
			count[[2]string{key, strings.Join(dirs[:i+1], "/") + "/**"}]++
			if one {
				break
			}
		}
	}
	rank := map[string]int{}
	for i, k := range order {
		rank[k] = i
	}
	var out []PathRule
	for k, n := range count {
		out = append(out, PathRule{Key: k[0], Glob: k[1], Files: n})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if rank[a.Key] != rank[b.Key] {
			return rank[a.Key] < rank[b.Key]
		}
		return a.Glob < b.Glob
	})
	return out
}
