package initcfg_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/initcfg"
	"github.com/msglint/msglint/initcfg/glossary"
	"github.com/msglint/msglint/project"
)

// brandCorpus is the site of a fictional company, Zentrio (zentrio.io):
//
//	Zentrio: one capitalised word in every file, never CamelCase -> the company, kind product
//	Zentrio Inc (legal pages)                -> never a term ("Zentrio in" is no near-miss)
//	Zentrio Relay™                           -> a product (trademark sign)
//	Pagerduty 6x in 3 files, PagerDuty 2x    -> PagerDuty (inner capitals are deliberate)
//	Duck Duck Go 2x, DuckDuckGo 1x, one file each -> DuckDuckGo
//	Slack, written mid-sentence and never in lower case -> a single-word name, no kind
//	Monitoring, Title Case in headings only  -> nothing
func brandCorpus(t *testing.T) string {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	for i := 1; i <= 4; i++ {
		write(fmt.Sprintf("blog/post-%d.md", i), fmt.Sprintf(`---
title: Better Uptime Monitoring Part %d
---

# Uptime Monitoring With Zentrio

With Zentrio you watch every endpoint. Teams pick Zentrio because Zentrio alerts
them in Slack before customers notice. Our checks post to Slack and to Pagerduty.
Sign up at zentrio.io and connect Slack in a minute; monitoring is easy.
`, i))
	}
	write("docs/alerts.md", `# Alerts

Zentrio sends alerts to Pagerduty and Slack. Zentrio Relay™ forwards them.
## PagerDuty

Create a service in PagerDuty first, then paste the key into Zentrio.
`)
	write("docs/search.md", `# Search checks

Zentrio can open Duck Duck Go and search. Duck Duck Go returns results fast.
Zentrio Relay™ keeps the results. See zentrio.io for more.
`)
	write("docs/search-2.md", "# More search\n\nThe check opens DuckDuckGo with Zentrio, and Zentrio Relay™ keeps it.\n")
	for _, name := range []string{"terms", "privacy", "imprint"} {
		write("legal/"+name+".md", `# Legal

These terms are an agreement between you and Zentrio Inc. with its office in Berlin.
Data collected by Zentrio in the EU stays there. Contact Zentrio Inc. at zentrio.io.
`)
	}
	return dir
}

func TestProposeBrands(t *testing.T) {
	dir := brandCorpus(t)
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 2})
	require.NoError(t, err)
	got := map[string]string{}
	for _, n := range p.Names {
		var forms []string
		for _, f := range n.Forms {
			forms = append(forms, f.Text)
		}
		got[strings.Join(forms, ",")] = n.Kind
	}
	require.Equal(t, map[string]string{
		"Zentrio":                 "product",
		"Zentrio Relay":           "product",
		"PagerDuty,Pagerduty":     "",
		"DuckDuckGo,Duck Duck Go": "",
		"Slack":                   "",
	}, got)
	require.True(t, p.Names[0].Company)
	require.Contains(t, p.Names[0].Why, "the domain name")

	y := string(p.YAML(""))
	require.Contains(t, y, "# why: inner capitals are written on purpose")
	require.NotContains(t, y, "Inc")
	s := p.Summary("msglint.yaml")
	require.Contains(t, s, "2 products, 3 other terms (2 variants)")
	require.Contains(t, s, `"Zentrio" is taken as the company's name`)
	require.Contains(t, s, `"PagerDuty" over "Pagerduty"`)

	// the config loads, and check flags only the variants: nothing on
	// "Zentrio in", no lower-case product mention, no canonical form
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), p.YAML(""), 0o644))
	proj, err := project.Load(dir, "")
	require.NoError(t, err)
	res, err := proj.Run(project.Options{Paths: []string{dir}, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	var naming []string
	for _, d := range res.Findings {
		if strings.HasPrefix(d.Rule, "naming/") {
			naming = append(naming, fmt.Sprintf("%s %s %q", d.Path, d.Rule, d.Match))
		}
	}
	require.ElementsMatch(t, []string{
		`blog/post-1.md naming/variant "Pagerduty"`, `blog/post-2.md naming/variant "Pagerduty"`,
		`blog/post-3.md naming/variant "Pagerduty"`, `blog/post-4.md naming/variant "Pagerduty"`,
		`docs/alerts.md naming/variant "Pagerduty"`,
		`docs/search.md naming/variant "Duck Duck Go"`, `docs/search.md naming/variant "Duck Duck Go"`,
	}, naming)
}

// TestImportReplacesProposals: an imported term replaces the proposed
// name it covers, and the config written loads.
func TestImportReplacesProposals(t *testing.T) {
	dir := brandCorpus(t)
	csv := filepath.Join(dir, "terms.csv")
	require.NoError(t, os.WriteFile(csv, []byte("Term,Variants,Avoid,Kind\nPagerDuty,,Pager Duty,term\nZentrio,,ZenTrio,product\n"), 0o644))
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 2, From: []string{csv}})
	require.NoError(t, err)
	require.Len(t, p.Imported.Terms, 2)
	for _, n := range p.Names {
		require.NotContains(t, []string{"PagerDuty", "Zentrio"}, n.Canonical())
	}
	y := string(p.YAML(""))
	require.Contains(t, y, "  - name: \"PagerDuty\"\n    kind: term\n    deprecated:\n      - \"Pager Duty\"\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), p.YAML(""), 0o644))
	_, err = project.Load(dir, "")
	require.NoError(t, err)

	_, err = initcfg.Propose(initcfg.Options{Root: dir, From: []string{filepath.Join(dir, "blog", "post-1.md")}})
	require.ErrorContains(t, err, "a Markdown file with no table")
}

// TestEvidenceOrder: a form in three times as many files beats a form
// with a trademark sign; a subdomain (pages.zentrio.io) names the company
// by its registrable label.
func TestEvidenceOrder(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 8; i++ {
		body := "Teams run Zentrio every day, and Zentrio alerts them. Docs live at pages.zentrio.io and code at github.com.\n"
		if i == 0 {
			body += "Zen Trio™ was the old logo. Zen Trio™ again.\n"
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.md", i)), []byte(body), 0o644))
	}
	p, err := initcfg.Propose(initcfg.Options{Root: dir})
	require.NoError(t, err)
	require.NotEmpty(t, p.Names)
	n := p.Names[0]
	require.Equal(t, "Zentrio", n.Canonical())
	require.Equal(t, "the company's name: in 8 of 8 files, and the domain name; the form in the most files (8 of 8)", n.Why)
	require.Equal(t, "Zen Trio", n.Forms[1].Text)
}

// TestImportCaseForms: forms that differ only in case, as a handbook lists
// them ("sourcegraph", "SourceGraph"), are one form to the config: the
// config written keeps the first and loads.
func TestImportCaseForms(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "terms.md")
	require.NoError(t, os.WriteFile(md, []byte("| Use this | Not this |\n|---|---|\n| Zentrio | \"zentrio\", \"ZenTrio\", or \"zt\" |\n| GitHub | Github, GITHUB |\n"), 0o644))
	csv := filepath.Join(dir, "terms.csv")
	require.NoError(t, os.WriteFile(csv, []byte("Term,Variants\nGitHub,Github;GITHUB\n"), 0o644))
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 1, From: []string{md, csv}})
	require.NoError(t, err)
	require.Equal(t, []string{"zentrio", "zt"}, p.Imported.Terms[0].Deprecated)
	// a form deprecated by one source is not a variant from another
	require.Equal(t, []string{"Github"}, p.Imported.Terms[1].Deprecated)
	require.Empty(t, p.Imported.Terms[1].Variants)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), p.YAML(""), 0o644))
	_, err = project.Load(dir, "")
	require.NoError(t, err)
}

func TestImportDropsPlainWords(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "terms.md")
	require.NoError(t, os.WriteFile(md, []byte("| Use this | Not this |\n|---|---|\n"+
		"| organization | company, team, Org |\n| Zentrio | zentrio, Zen Trio |\n"), 0o644))
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 1, From: []string{md}})
	require.NoError(t, err)
	var org, zen *glossary.Term
	for i := range p.Imported.Terms {
		switch p.Imported.Terms[i].Name {
		case "organization":
			org = &p.Imported.Terms[i]
		case "Zentrio":
			zen = &p.Imported.Terms[i]
		}
	}
	require.NotNil(t, org)
	require.NotNil(t, zen)
	// "company" and "team" would flag every use of the words
	forms := append(append([]string{}, org.Variants...), org.Deprecated...)
	assert.NotContains(t, forms, "company")
	assert.NotContains(t, forms, "team")
	// the name in another case and coined words stay
	zforms := append(append([]string{}, zen.Variants...), zen.Deprecated...)
	assert.Contains(t, zforms, "zentrio")
	assert.Contains(t, zforms, "Zen Trio")
	var msgs []string
	for _, pr := range p.Imported.Problems {
		msgs = append(msgs, pr.Msg)
	}
	assert.Contains(t, strings.Join(msgs, "\n"), `"team" is a common English word, not a form of "organization"`)
	assert.Contains(t, strings.Join(msgs, "\n"), `"company" is a common English word, not a form of "organization"`)
}
