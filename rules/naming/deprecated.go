package naming

import (
	"path"
	"strings"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// Why a deprecated name's fix waits for --heuristic.
const (
	whyRenaming  = "the sentence speaks of the renaming"
	whyBothNames = "the sentence names the current name too"
	whyChangelog = "release notes and changelogs name old products on purpose"
)

// deprecatedFixSafety lowers a deprecated name's fix to heuristic where
// the old name is likely meant: a sentence about the renaming, or one that
// names the new name as well, and changelogs and release notes.
func deprecatedFixSafety(p *lint.Pass, a *Analysis, bi int, m match.Match) (lint.FixSafety, string) {
	if changelog(p.Doc) {
		return lint.FixHeuristic, whyChangelog
	}
	text := p.Doc.Blocks[bi].Text
	from, to := sentenceBounds(text, m.Start, m.End)
	for _, o := range a.matches(bi) {
		if o.Term == m.Term && o.Class != match.IsDeprecated && o.Start >= from && o.End <= to {
			return lint.FixHeuristic, whyBothNames
		}
	}
	if speaksOfRenaming(text[from:to]) {
		return lint.FixHeuristic, whyRenaming
	}
	return lint.FixNone, ""
}

// sentenceBounds returns the sentence of text around [start, end): from
// after the last '.', '!' or '?' followed by a space before start, to the
// next one at or after end.
func sentenceBounds(text string, start, end int) (int, int) {
	from := 0
	for i := start - 1; i > 0; i-- {
		if isSpace(text[i]) && isStop(text[i-1]) {
			from = i + 1
			break
		}
	}
	to := len(text)
	for i := end; i < len(text); i++ {
		if isStop(text[i]) && (i+1 == len(text) || isSpace(text[i+1])) {
			to = i + 1
			break
		}
	}
	return from, to
}

func isStop(c byte) bool  { return c == '.' || c == '!' || c == '?' }
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// renamingWords are words and phrases that speak of a renaming, matched
// as whole words, case-insensitively.
var renamingWords = []string{
	"renamed", "rename", "renames", "renaming", "rebrand", "rebranded", "rebranding",
	"formerly", "previously", "was", "were", "used to be", "now called", "now named",
	"now known as", "known as", "aka", "a.k.a", "old name", "new name", "former",
	"replaced", "replaces", "successor", "legacy", "retired", "deprecated",
}

func speaksOfRenaming(sentence string) bool {
	s := strings.ToLower(sentence)
	for _, w := range renamingWords {
		for at := 0; ; {
			i := strings.Index(s[at:], w)
			if i < 0 {
				break
			}
			i += at
			j := i + len(w)
			if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
				return true
			}
			at = i + 1
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// changelogNames are file and folder names (lower case, without the
// extension) of changelogs and release notes.
var changelogNames = map[string]bool{
	"changelog": true, "changelogs": true, "change-log": true, "changes": true, "history": true,
	"news": true, "release-notes": true, "releasenotes": true, "release_notes": true,
	"releases": true, "whats-new": true, "whatsnew": true,
}

// changelog reports whether doc is a changelog or release notes, by its
// path (a file or folder so named) or its title.
func changelog(doc *content.Document) bool {
	dir, file := path.Split(doc.Path)
	base := strings.ToLower(strings.TrimSuffix(file, path.Ext(file)))
	if changelogNames[base] {
		return true
	}
	for _, seg := range strings.Split(strings.ToLower(strings.Trim(dir, "/")), "/") {
		if changelogNames[seg] && seg != "news" && seg != "history" && seg != "changes" {
			return true
		}
	}
	title, _ := doc.Meta["title"].(string)
	if title == "" {
		for i := range doc.Blocks {
			if b := &doc.Blocks[i]; b.Scope == content.ScopeHeading || b.Scope == content.ScopeTitle {
				title = b.Text
				break
			}
		}
	}
	t := strings.ToLower(title)
	return strings.Contains(t, "release notes") || strings.Contains(t, "changelog") || strings.Contains(t, "what's new") ||
		strings.Contains(t, "what’s new")
}
