package claims_test

import (
	"strings"
	"testing"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// FuzzRules runs every claims rule and the funnel tagger on hostile text
// (split into blocks at '|'): none of them may panic.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"Teams see 38% higher sales win rates.|Acme CloudSync is #1 (Source: G2).",
		"Trusted by 10,000+ customers|$49 per user per month|€1,200|£9.99|✓|yes",
		"It cuts onboarding time by 50%, up from 40% last year.|Rival makes it 3x faster, going forward 2x.",
		"one two three twice|#1|No. 1|number one priority|1.2.3 v2 24/7 10:30",
		"\uFFFC 5 \uFFFC%|İnstead of 5 hours, now 3 hours|\xff\xfe 7 ×",
		"What is pricing? Book a demo. Release notes v1.2|2021-03-14|our roadmap",
	} {
		f.Add(s)
	}
	cfg := config.Default(".")
	cfg.Terms = []config.Term{{Name: "Acme CloudSync", Kind: config.KindProduct, Variants: []string{"Cloudsync"}}}
	cfg.Competitors = []string{"Rival", "Other Co"}
	v := 38.0
	cfg.Claims = []config.Claim{{ID: "win", Text: "38% higher win rates", Pattern: `(\d+)\s*% higher (?:sales )?win rates?`, Value: &v, Citation: "required", Expires: "2020-01-01"}}
	cfg.Disclaimers = []config.Disclaimer{{ID: "roadmap", When: []string{`\broadmap\b`}, Text: "Features on the roadmap are subject to change."}}
	ix, err := match.Compile(cfg.Terms)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &content.Document{Path: "f.md", Format: content.FormatMarkdown, Meta: map[string]any{"title": "T", "tags": []any{"a_b", s}}}
		for i, part := range strings.Split(s, "|") {
			scope := content.ScopeParagraph
			switch i % 4 {
			case 1:
				scope = content.ScopeHeading
			case 2:
				scope = content.ScopeTableCell
			}
			d.Blocks = append(d.Blocks, content.Block{Scope: scope, Text: part})
		}
		env := &lint.Env{Config: cfg, Index: ix, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
		res := driver.Run([]driver.Input{{Path: d.Path, Format: d.Format, Load: func() (*content.Document, error) { return d, nil }}},
			driver.Options{Env: env, Rules: all, Analyses: []lint.Corpus{funnel.Stages}, Jobs: 1})
		for _, dg := range res.Findings {
			if strings.Contains(dg.Message, "internal error") {
				t.Fatalf("%q: %s", s, dg.Message)
			}
		}
	})
}
