package funnel

import (
	"strings"
	"testing"
	"unicode/utf8"
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
	"yeſ", "NO\u0130", "maybe", "\u212a"}

func TestFastPaths(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPaths(t, s)
	}
}

func checkFastPaths(t *testing.T, s string) {
	if got, want := currencyAmounts(s), currencyAmountsRef(s); got != want {
		t.Errorf("currencyAmounts(%q) = %d, want %d", s, got, want)
	}
	if got, want := isMark(s), isMarkRef(s); got != want {
		t.Errorf("isMark(%q) = %v, want %v", s, got, want)
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}
