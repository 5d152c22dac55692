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
