package claims

import (
	"testing"

	"github.com/msglint/msglint/match"
)

// The folded words are the tokens of match.Tokenize, folded.
func TestScanWordsMatchesTokenize(t *testing.T) {
	for _, s := range []string{
		"Acme CloudSync® cuts onboarding by 50% — see acme.io/docs or @acme.",
		"Ünïcode café naïve ﬁle 日本語 テキスト x86_64 --flag 3×faster",
		"a\uFFFCb c\u0301d 10,000+ $1.2M",
		"",
	} {
		var b blockInfo
		toks := match.Tokenize(s, nil)
		b.scanWords(s, toks, nil)
		if len(toks) != b.words() {
			t.Fatalf("%q: %d words, %d tokens", s, b.words(), len(toks))
		}
		for i, tk := range toks {
			if got, want := string(b.word(i)), match.Fold(s[tk.Start:tk.End]); got != want {
				t.Errorf("%q: word %d = %q, want %q", s, i, got, want)
			}
		}
	}
}

func FuzzScanWords(f *testing.F) {
	f.Add("Acme CloudSync cuts onboarding by 50%.")
	f.Fuzz(func(t *testing.T, s string) {
		var b blockInfo
		toks := match.Tokenize(s, nil)
		b.scanWords(s, toks, nil)
		if len(toks) != b.words() {
			t.Fatalf("%q: %d words, %d tokens", s, b.words(), len(toks))
		}
		for i, tk := range toks {
			if got, want := string(b.word(i)), match.Fold(s[tk.Start:tk.End]); got != want {
				t.Fatalf("%q: word %d = %q, want %q", s, i, got, want)
			}
		}
	})
}
