package funnel

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// The fast paths answer as the plain definitions they replace.
func currencyAmountsRef(s string) int {
	n := 0
	for i, r := range s {
		if r == '$' || r == '€' || r == '£' {
			rest := s[i+utf8.RuneLen(r):]
			rest = strings.TrimLeft(rest, " ")
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				n++
			}
		}
	}
	return n
}

func isMarkRef(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "✓", "✔", "✔️", "✅", "✗", "✘", "❌", "yes", "no":
		return true
	}
	return false
}

var fastPathSeeds = []string{"", "$", "$5", "$ 5", "$$5", "costs €1,200 or £9.99 a month", "€", "£ x", "12345678$9",
	"abcdefgh$1 abcdefgh", "naïve café $ 49 and ₤5", "\xe2\x82$1", "\xc2$2\xe2\x82\xac3", " yes ", "No", "YES", "✔️", " ✓",
	"yeſ", "NO\u0130", "maybe", "\u212a", "a$5 b$ 6 c€7x £8.5 $\u00a09 $\uFFFC1 $\t2 $0x1f US$5 5$ $-3",
	"\t yes\n", "  ✔️  ", "yes \u00a0", "\u00a0no", "ye\u0301s", " YES!", "✅✅✅",
	// source shapes: fences, <pre>, numbered lines, <ol> and <li> on one line or several
	"```go\nx := 1\n```\n1. one\n2) two\n 3. three\n", "~~~\ncode\n~~~", "<pre>\n1. not a step\n</pre>\n<ol><li>a<li>b</ol>",
	"<ol>\n<li>a</li>\n  <li>b</li>\n</ol>\n<li>c", "a<\n<\n\n<ol", "\t<pre>x</pre> <ol> <li><li>\n<", "10. ten\n999) x\n1000. no"}

var fastPathModel = buildModel(nil)

func TestFastPaths(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPaths(t, s)
	}
}

func checkFastPaths(t *testing.T, s string) {
	want := currencyAmountsRef(s)
	if got := currencyAmounts(s); got != want {
		t.Errorf("currencyAmounts(%q) = %d, want %d", s, got, want)
	}
	// scan counts them in every block, with or without phrases
	for _, md := range []*model{fastPathModel, {m: newMatcher()}} {
		sc := md.getScores()
		d := &content.Document{Blocks: []content.Block{{Scope: content.ScopeParagraph, Text: s}, {Scope: content.ScopeHeading, Text: s}}}
		md.scan(sc, d, -1, func(int) []match.Token { return nil }, func(int) *lint.Words { return nil })
		got := sc.prices
		md.release(sc)
		if got != 2*want {
			t.Errorf("scan(%q) counts %d currency amounts in two blocks, want %d (%d phrases)", s, got, 2*want, len(md.m.phrases))
		}
	}
	if got, want := isMark(s), isMarkRef(s); got != want {
		t.Errorf("isMark(%q) = %v, want %v", s, got, want)
	}
	d := &content.Document{Src: []byte(s)}
	gc, gs := sourceShapes(d)
	wc, ws := refSourceShapes(d)
	if gc != wc || gs != ws {
		t.Errorf("sourceShapes(%q) = %d, %d; want %d, %d", s, gc, gs, wc, ws)
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}
