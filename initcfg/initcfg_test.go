package initcfg_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/initcfg"
	"github.com/msglint/msglint/internal/golden"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/schema"
)

// corpus writes a small content repo with known name variants:
//
//	PostHog 9x, Posthog 3x, Post Hog 1x     -> PostHog, variants Posthog, Post Hog
//	Acme CloudSync 8x, Acme Cloud Sync 2x   -> Acme CloudSync, variant Acme Cloud Sync
//	DataVault® 4x (always with the sign)    -> DataVault, single form, trademark hint
//	noise: sentence-initial common words, Title Case headings, ordinary
//	capitalised words ("Customer Success"), acronyms, code and URLs.
func corpus(t *testing.T) string {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	for i := 1; i <= 3; i++ {
		write(fmt.Sprintf("blog/post-%d.md", i), fmt.Sprintf(`---
title: Getting Started With Product Analytics Part %d
---

# How Teams Use PostHog And Acme CloudSync

The analytics team moved to PostHog last year. We like how PostHog works,
and our customer success people use Acme CloudSync every day with PostHog.
The Customer Success team says the customer success playbook is in Acme CloudSync.
Read the API docs at https://example.com/Posthog or run `+"`posthog-cli`"+`.
`, i))
	}
	write("blog/typos.md", `# Notes

We still see Posthog in old posts, and Posthog in a deck. Post Hog too.
Acme Cloud Sync is the old spelling; Acme Cloud Sync appears twice.
`)
	write("customers/globex.md", `# Globex story

Globex runs DataVault® with Acme CloudSync and Posthog.
They store backups in DataVault® and sync with Acme CloudSync.
`)
	write("sales/decks/pitch.html", `<html><head><title>Pitch</title></head><body>
<h1>Why DataVault</h1>
<p>Our pitch: DataVault® keeps data safe. DataVault® and Acme CloudSync work with PostHog.</p>
</body></html>`)
	write("docs/setup.txt", "Install PostHog. Then connect PostHog to Acme CloudSync.\n")
	write("enablement/training.md", "# Training\n\nThe environment is ready. The Environment page explains it. Your environment matters.\n")
	return dir
}

func TestProposeGolden(t *testing.T) {
	dir := corpus(t)
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 2})
	require.NoError(t, err)
	y := p.YAML("")
	golden.Check(t, filepath.Join("testdata", "corpus.yaml.golden"), y)
	require.True(t, strings.HasPrefix(string(y), "# yaml-language-server: $schema="+schema.URL+"\n"))
}

// TestConfigFlagsTheVariants: the written config loads, and check flags
// exactly the minority forms it lists, as often as it says.
func TestConfigFlagsTheVariants(t *testing.T) {
	dir := corpus(t)
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 2})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), p.YAML(""), 0o644))

	proj, err := project.Load(dir, "")
	require.NoError(t, err)
	res, err := proj.Run(project.Options{Paths: []string{dir}, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)

	want := map[string]int{}
	for _, n := range p.Names {
		for _, f := range n.Forms[1:] {
			want[f.Text+" -> "+n.Canonical()] = f.Count
		}
	}
	require.Equal(t, map[string]int{
		"Posthog -> PostHog":                3,
		"Post Hog -> PostHog":               1,
		"Acme Cloud Sync -> Acme CloudSync": 2,
	}, want)
	got := map[string]int{}
	var other []string
	for _, d := range res.Findings {
		switch d.Rule {
		case "naming/variant":
			got[d.Match+" -> "+d.Fix.Replacement]++
		case "naming/inconsistent", "naming/undeclared-variant", "naming/case", "naming/near-miss", "naming/deprecated":
			other = append(other, fmt.Sprintf("%s:%d %s %q", d.Path, d.Line, d.Rule, d.Match))
		}
	}
	require.Equal(t, want, got)
	sort.Strings(other)
	require.Empty(t, other)

	// the proposed path rules and teams
	require.Equal(t, []string{"blog/**"}, proj.Config.Funnel.Paths["awareness"])
	require.Equal(t, []string{"customers/**", "sales/decks/**"}, proj.Config.Funnel.Paths["decision"])
	require.Equal(t, []string{"docs/**"}, proj.Config.Funnel.Paths["retention"])
	require.Equal(t, []string{"blog/**"}, proj.Config.Teams["marketing"])
	require.Equal(t, []string{"sales/**"}, proj.Config.Teams["sales"])
	require.Equal(t, []string{"enablement/**"}, proj.Config.Teams["enablement"])
}

func TestEmptyCorpus(t *testing.T) {
	dir := t.TempDir()
	p, err := initcfg.Propose(initcfg.Options{Root: dir})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "msglint.yaml"), p.YAML(""), 0o644))
	_, err = project.Load(dir, "")
	require.NoError(t, err)
}

// TestUnreadableFiles: a file that cannot be read adds no names but
// counts, and its folder still counts for the path rules.
func TestUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "blog"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "blog", "a.md"), []byte("PostHog and PostHog and PostHog.\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "blog", "b.html"), []byte("<p>Posthog\x00</p>"), 0o644))
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 2})
	require.NoError(t, err)
	require.Equal(t, 2, p.Files)
	require.Equal(t, 1, p.Unreadable)
	require.Len(t, p.Names, 1)
	require.Equal(t, []initcfg.Form{{Text: "PostHog", Count: 3, Files: 1}}, p.Names[0].Forms)
	require.Equal(t, []initcfg.PathRule{{Key: "awareness", Glob: "blog/**", Files: 2}}, p.Stages)
}
