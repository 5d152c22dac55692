package initcfg_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/initcfg"
)

// A fictional company, Zentrio (zentrio.io), whose site declares its
// products and competitors in front matter, writes "our Beaconly", and
// compares itself with Plinkr on a compare page and with QuorvoHQ in a
// blog title; HubSpot is a tool it uses ("our HubSpot", but rarely so).
func TestProposeKindsFromUsage(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	for _, n := range []string{"a", "b", "c"} {
		write("features/"+n+".md", `---
title: Feature `+n+`
product: Zentrio Pulse
competitors: [Grindle]
---

Zentrio watches uptime. Start with our Beaconly agent; our Beaconly reports to Zentrio.
Zentrio Pulse and Beaconly post to HubSpot. HubSpot gets the alert, and HubSpot shows it.
Sign up at zentrio.io. Teams that used Grindle switch to Zentrio.
`)
	}
	write("compare/plinkr.md", "# Plinkr\n\nZentrio or Plinkr? Plinkr is slower, Plinkr costs more, and Zentrio has Beaconly.\n")
	write("blog/quorvo.md", "# Zentrio vs. QuorvoHQ\n\nQuorvoHQ checks less. QuorvoHQ is fine. QuorvoHQ users like Zentrio, and our HubSpot board helps.\n")
	write("blog/tools.md", "# TestCafe vs WebdriverIO\n\nTestCafe and WebdriverIO run tests; TestCafe is older than WebdriverIO.\n")
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 1, MinCount: 2})
	require.NoError(t, err)
	kinds := map[string]string{}
	for _, n := range p.Names {
		switch {
		case n.Company:
			kinds[n.Canonical()] = "company"
		case n.Kind != "":
			kinds[n.Canonical()] = n.Kind
		case n.Competitor:
			kinds[n.Canonical()] = "competitor"
		default:
			kinds[n.Canonical()] = "term"
		}
	}
	for name, want := range map[string]string{
		"Zentrio":       "company",
		"Zentrio Pulse": "product", // front matter (and named after the company)
		"Beaconly":      "product", // "our Beaconly" in 6 of its 10 mentions, in 3 files
		"Grindle":       "competitor",
		"Plinkr":        "competitor", // a compare page
		"QuorvoHQ":      "competitor", // "Zentrio vs. QuorvoHQ"
		"HubSpot":       "term",       // "our HubSpot" once in 10 mentions
		"TestCafe":      "term",       // compared, but not with the company
		"WebdriverIO":   "term",
	} {
		require.Equal(t, want, kinds[name], name)
	}
	cs := p.Competitors()
	sort.Strings(cs)
	require.Equal(t, []string{"Grindle", "Plinkr", "QuorvoHQ"}, cs)
	require.Contains(t, string(p.YAML("")), "competitors:\n  - ")
}

// The page about a name (integrations/opsbell.md) that writes both forms,
// and mostly one, decides against the inner-capitals rule; a page about a
// name that writes one form only says nothing of the other.
func TestCanonicalFromItsOwnPage(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
	}
	write("integrations/opsbell.md", "# Opsbell\n\nSend alerts to Opsbell. In Opsbell, open the OpsBell key page. Opsbell then pages you, and Opsbell keeps it.\n")
	write("integrations/pagerbell.md", "# Pagerbell\n\nSend alerts to Pagerbell. Pagerbell pages you and Pagerbell keeps it.\n")
	write("docs/webhooks.md", "# Webhooks\n\nWebhooks go to OpsBell and OpsBell again, or to PagerBell and PagerBell.\n")
	write("docs/alerts.md", "# Alerts\n\nAlerts go to Opsbell or Pagerbell, and to Pagerbell.\n")
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 1})
	require.NoError(t, err)
	got := map[string]string{}
	for _, n := range p.Names {
		got[n.Canonical()] = n.Forms[1].Text
	}
	require.Equal(t, map[string]string{"Opsbell": "OpsBell", "PagerBell": "Pagerbell"}, got)
}

// The other names that start with a name vote for its spelling (Bitbin
// Server and Bitbin Cloud spell Bitbin, so BitBin's inner capital does
// not win); a form written 12 times beats one written once in as many
// files, where 3 against 1 would not.
func TestCanonicalSiblingsAndClearMajority(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, s string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, rel), []byte(s), 0o644))
	}
	write("a.md", "# A\n\nWe mirror Bitbin and Bitbin Server. Bitbin Server and Bitbin Cloud work, as does BitBin.\n")
	write("b.md", "# B\n\nConnect Bitbin, then Bitbin Server and Bitbin Cloud, and see BitBin.\n")
	write("c.md", "# C\n\nBitbin Server, Bitbin Cloud and Bitbin again; Bitbin.\n")
	write("d.md", "# D\n\nThe Alertkeeper runs. "+strings.Repeat("Then Alertkeeper fires. ", 11)+"\n")
	write("e.md", "# E\n\nSee AlertKeeper, and the Snapzy tool, the Snapzy app, the Snapzy page.\n")
	write("f.md", "# F\n\nOr SnapZy.\n")
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 1})
	require.NoError(t, err)
	got := map[string]string{}
	for _, n := range p.Names {
		if len(n.Forms) > 1 {
			got[n.Canonical()] = n.Forms[1].Text
		}
	}
	require.Equal(t, "BitBin", got["Bitbin"])
	require.Equal(t, "AlertKeeper", got["Alertkeeper"])
	require.Equal(t, "Snapzy", got["SnapZy"]) // 3 against 1: the inner capital still decides
}
