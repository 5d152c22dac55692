package funnel

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/msglint/msglint/config"
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

// fastPathModel has phrases (an audience's keywords): scan walks every
// block's tokens with it, and counts the prices on the way.
var fastPathModel = func() *model {
	cfg := config.Default(".")
	cfg.Audiences = map[string][]string{"developers": {"developer", "api"}}
	return buildModel(cfg)
}()

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
		d := &content.Document{Blocks: []content.Block{{Scope: content.ScopeParagraph, Text: s}, {Scope: content.ScopeHeading, Text: s}}}
		for _, tokens := range []func(int) []match.Token{
			func(int) []match.Token { return nil },
			func(int) []match.Token { return match.Tokenize(s, nil) }, // the gate on digits
		} {
			sc := md.getScores()
			md.scan(sc, d, -1, tokens, func(int) *lint.Words { return nil })
			got := sc.prices
			md.release(sc)
			if got != 2*want {
				t.Errorf("scan(%q) counts %d currency amounts in two blocks, want %d (%d phrases)", s, got, 2*want, len(md.m.phrases))
			}
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

// versionOrDateRef is versionOrDate without its digit count up front.
func versionOrDateRef(s string) bool {
	s = strings.TrimSpace(s)
	digits, dots, dashes := 0, 0, 0
	run := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			run++
			if run == 4 && len(s) >= 4 && yearAt(s) {
				return true
			}
			continue
		case r == '.':
			if run > 0 {
				dots++
			}
		case r == '-':
			if run > 0 {
				dashes++
			}
		}
		run = 0
	}
	return digits >= 2 && (dots >= 1 || dashes >= 2)
}

func checkVersionOrDate(t *testing.T, s string) {
	if got, want := versionOrDate(s), versionOrDateRef(s); got != want {
		t.Errorf("versionOrDate(%q) = %v, want %v", s, got, want)
	}
}

func TestVersionOrDate(t *testing.T) {
	for _, s := range []string{"", "v1.2", "0.8.0", "Release 2.1", "2021-03-14", "March 2021", "1", "1.", "a1b", " 12 ", "1-2-3",
		"Pricing", "v2", "1989", "1990", "2099 plans", "x1999x", "１２.３", "1\u00a02.0", "20245"} {
		checkVersionOrDate(t, s)
	}
}

func FuzzVersionOrDate(f *testing.F) {
	for _, s := range []string{"v1.2", "March 2021", "1-2-3", "x"} {
		f.Add(s)
	}
	f.Fuzz(checkVersionOrDate)
}
