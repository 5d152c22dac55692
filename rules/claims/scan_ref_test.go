package claims

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
)

// scanBlock (one walk of a block's words for every prefilter and the
// number test) answers as the separate walks it replaced, kept here as
// references: candidatesRef per prefilter, hasNumRef.

func (pf *prefilter) candidatesRef(w *lint.Words, dst []bool, list []int32) []int32 {
	list = list[:0]
	mark := func(e int32) {
		if !dst[e] {
			dst[e] = true
			list = append(list, e)
		}
	}
	for _, e := range pf.always {
		mark(e)
	}
	if len(pf.exact) > 0 || len(pf.prefix) > 0 {
		arena, offs := w.Arena, w.Offs
		for i := 0; i+1 < len(offs); i++ {
			buf := arena[offs[i]:offs[i+1]]
			if !pf.exactF.MayContain(buf) {
				// not a keyword
			} else if es, ok := pf.exact[string(buf)]; ok {
				for _, e := range es {
					mark(e)
				}
			}
			if len(buf) >= 3 && pf.prefixF.MayContain(buf[:3]) {
				if es, ok := pf.prefix[string(buf[:3])]; ok {
					for _, e := range es {
						if len(buf) >= len(e.word) && string(buf[:len(e.word)]) == e.word {
							mark(e.entry)
						}
					}
				}
			}
		}
	}
	for _, e := range list {
		dst[e] = false
	}
	slices.Sort(list)
	return list
}

func hasNumRef(toks []match.Token, words *lint.Words) bool {
	arena, offs := words.Arena, words.Offs
	for i, tk := range toks {
		if tk.Flags&match.FlagDigit != 0 || isNumberWord(arena[offs[i]:offs[i+1]]) {
			return true
		}
	}
	return false
}

// scanRefConfig has claims with exact and prefix keywords and none,
// forbidden phrases and patterns (with the defaults) and triggers.
func scanRefConfig() *config.Config {
	v := 38.0
	return &config.Config{
		Claims: []config.Claim{
			{ID: "win", Pattern: `(\d+)\s*% higher (?:sales )?win rates?`, Value: &v},
			{ID: "any", Pattern: `(\d+)x`, Value: &v},
			{ID: "save", Pattern: `saves? (\d+) hours`},
			{ID: "alt", Pattern: `(?:faster|quicker) builds`},
		},
		Forbidden:   []config.Forbidden{{Phrase: "synergy"}, {Pattern: `\bseamless(?:ly)?\b`}, {Phrase: "game-changing"}},
		Disclaimers: []config.Disclaimer{{ID: "r", When: []string{`\broadmap\b`, `coming soon`, `\bbeta\w*`}, Text: "Subject to change."}},
	}
}

var scanRefWords = strings.Fields(`the 38% higher sales win rate rates ratesx 3x saves save 10 hours faster quicker builds synergy
	seamless seamlessly seamlessness game changing game-changing roadmap coming soon beta betas one two twice thrice twenty
	twentyone guarantee guaranteed guarantees unrivaled unrivalled unrival the only solution number one #1 No. 1 best-in-class
	world's leading industry-leading Ünïcode café x86 v1.2 ＳＹＮＥＲＧＹ Synergy ROADMAP`)

func TestScanBlockRef(t *testing.T) {
	c, err := build(&lint.Env{Config: scanRefConfig()})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(3))
	for range 3000 {
		var sb strings.Builder
		for range r.Intn(20) {
			sb.WriteString(scanRefWords[r.Intn(len(scanRefWords))])
			sb.WriteString([]string{" ", " ", "-", ". ", ", "}[r.Intn(5)])
		}
		checkScanBlock(t, c, sb.String())
	}
}

func checkScanBlock(t *testing.T, c *compiled, text string) {
	toks := match.Tokenize(text, nil)
	w := foldBlock(text, toks)
	sc := c.getScan()
	defer c.putScan(sc)
	got := c.scanBlock(sc, toks, w)
	if want := hasNumRef(toks, w); got != want {
		t.Fatalf("%q: hasNum = %v, want %v", text, got, want)
	}
	for k, pf := range c.prefilters() {
		want := pf.candidatesRef(w, make([]bool, pf.n), nil)
		if !slices.Equal(sc.lists[k], want) {
			t.Fatalf("%q: prefilter %d: candidates %v, want %v", text, k, sc.lists[k], want)
		}
	}
	for k := range sc.marks {
		if slices.Contains(sc.marks[k], true) {
			t.Fatalf("%q: marks left set", text)
		}
	}
}

func FuzzScanBlock(f *testing.F) {
	c, err := build(&lint.Env{Config: scanRefConfig()})
	if err != nil {
		f.Fatal(err)
	}
	for i, s := range scanRefWords {
		f.Add(fmt.Sprintf("%s %s", s, scanRefWords[(i*7)%len(scanRefWords)]))
	}
	f.Fuzz(func(t *testing.T, s string) { checkScanBlock(t, c, s) })
}

// mayStartFigure never rejects a token that starts a figure.
func TestMayStartFigure(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	words := append(strings.Fields(`5 38% 1,200 $1.2M €3 3x 10k twice thrice twenty twentyone Three TWELVE x86 v2 2FA 10th
		one-two ten.five 1.2.3 #1 No. 1 per cent percent times million ＴＷＯ ｔｗｏ seven/eight acme.io/5 @five five_six`), scanRefWords...)
	for range 5000 {
		var sb strings.Builder
		for range r.Intn(12) {
			sb.WriteString(words[r.Intn(len(words))])
			sb.WriteString([]string{" ", " ", "-", ". ", ", ", "/"}[r.Intn(6)])
		}
		checkMayStartFigure(t, sb.String())
	}
}

func checkMayStartFigure(t *testing.T, text string) {
	toks := match.Tokenize(text, nil)
	w := foldBlock(text, toks)
	var buf []byte
	for ti, tk := range toks {
		if mayStartFigure(text, tk, w.Word(ti)) {
			continue
		}
		if _, ok := quantityAtWord(text, toks, ti, w.Word(ti), &buf); ok || isDigit(text[tk.Start]) {
			t.Fatalf("%q: token %d (%q) starts a figure, but mayStartFigure says no", text, ti, text[tk.Start:tk.End])
		}
	}
}

func FuzzMayStartFigure(f *testing.F) {
	for _, s := range []string{"twice as fast", "three times", "5 x86 ＴＷＯ", "ten.five one-two"} {
		f.Add(s)
	}
	f.Fuzz(checkMayStartFigure)
}
