package funnel_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/funnel"
)

// BenchmarkAnnotate tags 1,000 documents of 40 blocks each per iteration
// with a 200-term glossary and 60 audience/objection keywords.
func BenchmarkAnnotate(b *testing.B) {
	cfg := config.Default(".")
	for i := range 200 {
		cfg.Terms = append(cfg.Terms, config.Term{Name: fmt.Sprintf("Acme Product%d", i), Kind: config.KindProduct})
	}
	cfg.Audiences, cfg.Objections = map[string][]string{}, map[string][]string{}
	for i := range 30 {
		cfg.Audiences[fmt.Sprintf("a%d", i)] = []string{fmt.Sprintf("audience phrase %d", i)}
		cfg.Objections[fmt.Sprintf("o%d", i)] = []string{fmt.Sprintf("objection %d", i)}
	}
	ix, err := match.Compile(cfg.Terms)
	if err != nil {
		b.Fatal(err)
	}
	para := strings.Repeat("Teams compare Acme Product7 with the alternative, read the release notes and ask about pricing per user. ", 4)
	var inputs []driver.Input
	for i := range 1000 {
		d := &content.Document{Format: content.FormatMarkdown, Meta: map[string]any{"title": "Pricing guide"}}
		d.Blocks = append(d.Blocks, content.Block{Scope: content.ScopeHeading, Text: "How it works"})
		for range 39 {
			d.Blocks = append(d.Blocks, content.Block{Scope: content.ScopeParagraph, Text: para})
		}
		path := fmt.Sprintf("doc%d.md", i)
		inputs = append(inputs, driver.Input{Path: path, Load: func() (*content.Document, error) { return d, nil }})
	}
	b.ResetTimer()
	for range b.N {
		driver.Run(inputs, driver.Options{Env: &lint.Env{Config: cfg, Index: ix}, Analyses: []lint.Corpus{funnel.Stages}, Jobs: 1})
	}
}
