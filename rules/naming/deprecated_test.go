package naming

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/content"
)

func TestSpeaksOfRenaming(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Back up with SafeStore today.", false},
		{"SafeStore was renamed in 2025.", true},
		{"Acme Vault, formerly SafeStore, keeps backups.", true},
		{"Previously SafeStore; now called Acme Vault.", true},
		{"SafeStore (a.k.a. the vault) is fast.", true},
		{"SafeStore washes nothing and wasn't renamed", true}, // "renamed"
		{"SafeStore washes every byte.", false},               // "was" only as a whole word
		{"SafeStore is unrenamed-ish", false},
	} {
		assert.Equal(t, tc.want, speaksOfRenaming(tc.text), tc.text)
	}
}

func TestSentenceBounds(t *testing.T) {
	text := "Back up with SafeStore. SafeStore was renamed! Use v2.1 of SafeStore now"
	for _, tc := range []struct {
		nth  int
		want string
	}{
		{0, "Back up with SafeStore."},
		{1, "SafeStore was renamed!"},
		{2, "Use v2.1 of SafeStore now"},
	} {
		at := -1
		for i := 0; i <= tc.nth; i++ {
			at += 1 + strings.Index(text[at+1:], "SafeStore")
		}
		from, to := sentenceBounds(text, at, at+len("SafeStore"))
		assert.Equal(t, tc.want, text[from:to])
	}
}

func TestChangelog(t *testing.T) {
	for _, tc := range []struct {
		path, title, heading string
		want                 bool
	}{
		{path: "CHANGELOG.md", want: true},
		{path: "docs/release-notes.md", want: true},
		{path: "site/releases/v4.md", want: true},
		{path: "whats-new/2026.mdx", want: true},
		{path: "NEWS", want: true},
		{path: "news/acme-raises.md", want: false}, // a press folder
		{path: "site/pricing.md", want: false},
		{path: "site/v4.md", title: "Acme 4.1 release notes", want: true},
		{path: "site/v4.md", heading: "What's new in 4.1", want: true},
		{path: "site/v4.md", heading: "Pricing", want: false},
	} {
		d := &content.Document{Path: tc.path, Meta: map[string]any{}}
		if tc.title != "" {
			d.Meta["title"] = tc.title
		}
		if tc.heading != "" {
			d.Blocks = []content.Block{{Scope: content.ScopeHeading, Text: tc.heading}}
		}
		assert.Equal(t, tc.want, changelog(d), tc.path)
	}
}
