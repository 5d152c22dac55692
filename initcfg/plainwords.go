package initcfg

import (
	_ "embed"
	"strings"
	"sync"
)

// wordlist/words.txt holds the common words of American English: the
// lower-case entries of SCOWL at size 35 (the sizes are commonness
// levels), as Debian's wamerican-small package ships them; see
// wordlist/README.md for how it was made and wordlist/LICENSE for its terms.
//
//go:embed wordlist/words.txt
var plainWordsText string

var (
	plainOnce  sync.Once
	plainWords map[string]struct{}
)

// plainWord reports whether a folded word is a common English word.
func plainWord(w string) bool {
	plainOnce.Do(func() {
		plainWords = make(map[string]struct{}, 40100)
		for _, l := range strings.Split(plainWordsText, "\n") {
			if l != "" {
				plainWords[l] = struct{}{}
			}
		}
	})
	_, ok := plainWords[w]
	return ok
}
