package claims

import (
	"strings"
	"testing"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// foldBlock folds the tokens of text as lint.Pass.Words does.
func foldBlock(text string, toks []match.Token) *lint.Words {
	words := &lint.Words{Arena: make([]byte, 0, len(text)), Offs: make([]int32, 1, len(toks)+1)}
	for _, tk := range toks {
		words.Arena = match.AppendFolded(words.Arena, text[tk.Start:tk.End], tk.Flags&match.FlagNonASCII != 0)
		words.Offs = append(words.Offs, int32(len(words.Arena)))
	}
	return words
}

// The folded words (match.AppendFolded, as lint.Pass.Words folds them) are
// the tokens of match.Tokenize, folded.
func TestScanWordsMatchesTokenize(t *testing.T) {
	for _, s := range []string{
		"Acme CloudSync® cuts onboarding by 50% — see acme.io/docs or @acme.",
		"Ünïcode café naïve ﬁle 日本語 テキスト x86_64 --flag 3×faster",
		"a\uFFFCb c\u0301d 10,000+ $1.2M",
		"",
	} {
		toks := match.Tokenize(s, nil)
		b := blockInfo{toks: toks, w: foldBlock(s, toks)}
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
		toks := match.Tokenize(s, nil)
		b := blockInfo{toks: toks, w: foldBlock(s, toks)}
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

// The byte-level fast paths answer as the plain definitions they replace.
func quickRankingRef(text string) bool {
	return strings.Contains(text, "#1") || strings.Contains(text, ". 1") || strings.Contains(text, ".1")
}

func hasChangePhraseRef(sentence string) bool {
	sentence = strings.ToLower(sentence)
	for _, ph := range changePhrase {
		if strings.Contains(sentence, ph) {
			return true
		}
	}
	return false
}

var fastPathSeeds = []string{"", "1", "#1", ".1", ". 1", "a. 1", "1.", "11", " 1", "x#", "#2 and .1", "no 1", "No. 1 vendor",
	"v1.1", ". ", "1#1", "a 1 b.1", "Going Forward, you get 20", "was 5", "NO LONGER", "İnstead of", "\u212aa", "up fro",
	"We CHANGED it", "Restarting", "café: down from 10", "STARTİNG", "effectıve"}

func TestFastPaths(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkFastPaths(t, s)
	}
}

func checkFastPaths(t *testing.T, s string) {
	if got, want := quickRanking(s), quickRankingRef(s); got != want {
		t.Errorf("quickRanking(%q) = %v, want %v", s, got, want)
	}
	if got, want := hasChangePhrase(s), hasChangePhraseRef(s); got != want {
		t.Errorf("hasChangePhrase(%q) = %v, want %v", s, got, want)
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}
