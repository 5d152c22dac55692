package funnel

import (
	"testing"

	"github.com/msglint/msglint/content"
)

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

func TestSourceShapes(t *testing.T) {
	for _, tc := range []struct {
		src         string
		code, steps int
	}{
		{"# Install\n\n1. Open Settings.\n2. Click Add.\n3) Save.\n", 0, 3},
		{"text\n```\n1. not a step\ncode\n```\n", 80, 0},
		{"<ol>\n<li>One</li><li>Two</li>\n<li>Three</li>\n</ol>\n<ul><li>x</li></ul>\n", 0, 3},
		{"2024. A year.\n10 tips\n", 0, 0},
	} {
		code, steps := sourceShapes(&content.Document{Src: []byte(tc.src)})
		if code != tc.code || steps != tc.steps {
			t.Errorf("%q: code %d steps %d, want %d %d", tc.src, code, steps, tc.code, tc.steps)
		}
	}
}
