package funnel

import "testing"

func TestStopwordFilter(t *testing.T) {
	for w := range stopwords {
		if !isStopword([]byte(w)) {
			t.Errorf("%q not found", w)
		}
	}
	for _, w := range []string{"pricing", "demo", "thee", "yours2", "abcdefghijkl"} {
		if isStopword([]byte(w)) {
			t.Errorf("%q found", w)
		}
	}
}
