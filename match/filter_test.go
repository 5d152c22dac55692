package match

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWordFilter(t *testing.T) {
	var f WordFilter
	words := []string{"pricing", "demo", "roi", "a", "averyveryverylongwordthatgoesonandon"}
	for _, w := range words {
		f.Add(w)
	}
	for _, w := range words {
		assert.True(t, f.MayContain([]byte(w)), w) // never a false negative
	}
	assert.False(t, f.MayContain([]byte("zebra")))
	assert.False(t, f.MayContain(nil))
	rejected := 0
	for _, w := range []string{"teams", "ship", "faster", "with", "fewer", "handoffs", "and", "clear", "ownership"} {
		if !f.MayContain([]byte(w)) {
			rejected++
		}
	}
	assert.Greater(t, rejected, 6, "most unrelated words are rejected without a map lookup")
}

func TestMaxTokensBoundsTokenize(t *testing.T) {
	for _, s := range []string{"", "a", "a b", "the Acme best-in-class word ", "héllo wörld", "日本語のテキスト", "a\uFFFCb", "x.y/z@w", "über-ñ 12ab", "\xff\xfe a", "e\u0301e\u0301 ﬁ"} {
		n := len(Tokenize(s, nil))
		if m := MaxTokens(s); m < n {
			t.Errorf("MaxTokens(%q) = %d, Tokenize finds %d", s, m, n)
		}
	}
}
