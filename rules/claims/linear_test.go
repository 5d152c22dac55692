package claims

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/msglint/msglint/match"
)

// The references are the linear scans that pathLikeAt, negatedBefore,
// rankingNounBefore and sentenceAround replaced (issue 16: a paragraph
// with many matches made them quadratic); the binary searches must answer
// the same.

func pathLikeAtRef(toks []match.Token, s, e int) bool {
	for _, t := range toks {
		if int(t.End) <= s {
			continue
		}
		if int(t.Start) >= e {
			break
		}
		if t.Flags&match.FlagPathLike != 0 {
			return true
		}
	}
	return false
}

func negatedBeforeRef(text string, toks []match.Token, s int) bool {
	n := 0
	for i := len(toks) - 1; i >= 0 && n < 2; i-- {
		if int(toks[i].Start) >= s {
			continue
		}
		n++
		switch strings.ToLower(text[toks[i].Start:toks[i].End]) {
		case "no", "not", "cannot", "never", "without", "t":
			return true
		}
	}
	return false
}

func rankingNounBeforeRef(text string, toks []match.Token, s int) bool {
	for i := len(toks) - 1; i >= 0; i-- {
		if int(toks[i].End) > s {
			continue
		}
		return notQuantity[strings.ToLower(text[toks[i].Start:toks[i].End])] || itemNouns[strings.ToLower(text[toks[i].Start:toks[i].End])]
	}
	return false
}

func sentenceAroundRef(text string, toks []match.Token, pos int) (int, int) {
	s, e := 0, len(text)
	for _, t := range toks {
		if t.Flags&match.FlagSentence == 0 {
			continue
		}
		if int(t.Start) <= pos {
			s = int(t.Start)
		} else {
			e = int(t.Start)
			break
		}
	}
	return s, e
}

func TestTokenSearchesMatchScans(t *testing.T) {
	words := []string{"no", "not", "step", "cause", "#1", "the", "Acme", "best-in-class", "src/main.go", "https://x.io",
		"v1.2", "never", "can't", ".", "!", "?", " ", "  ", "Source:", "x_y", "1", "priority", "\n", "É"}
	r := rand.New(rand.NewPCG(16, 1))
	for range 300 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		toks := match.Tokenize(text, nil)
		for s := 0; s <= len(text); s++ {
			if got, want := negatedBefore(text, toks, s), negatedBeforeRef(text, toks, s); got != want {
				t.Fatalf("negatedBefore(%q, %d) = %v, want %v", text, s, got, want)
			}
			if got, want := rankingNounBefore(text, toks, s), rankingNounBeforeRef(text, toks, s); got != want {
				t.Fatalf("rankingNounBefore(%q, %d) = %v, want %v", text, s, got, want)
			}
			gs, ge := sentenceAround(text, toks, s)
			ws, we := sentenceAroundRef(text, toks, s)
			if gs != ws || ge != we {
				t.Fatalf("sentenceAround(%q, %d) = %d, %d, want %d, %d", text, s, gs, ge, ws, we)
			}
			for e := s; e <= len(text) && e < s+40; e++ {
				if got, want := pathLikeAt(toks, s, e), pathLikeAtRef(toks, s, e); got != want {
					t.Fatalf("pathLikeAt(%q, %d, %d) = %v, want %v", text, s, e, got, want)
				}
			}
		}
	}
}
