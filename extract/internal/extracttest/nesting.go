package extracttest

import (
	"errors"
	"strings"
	"testing"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/shared"
)

// Structure-aware fuzz targets for the hostile inputs of issue 16: the
// input is built from an opener, a closer, a nesting depth and a repeat
// count, so the fuzzer explores deep and wide nesting that byte mutations
// of small files never reach. The seeds are the reproducers (at a depth
// the target can afford). Limits are small, so that every run also
// crosses them.

// Nested is (open×depth + middle + close×depth) × count, cut at maxLen.
func Nested(open, middle, close string, depth, count uint16, maxLen int) string {
	var b strings.Builder
	for range max(int(count%64), 1) {
		for range int(depth) {
			if b.Len() > maxLen {
				return b.String()
			}
			b.WriteString(open)
		}
		b.WriteString(middle)
		for range int(depth) {
			if b.Len() > maxLen {
				return b.String()
			}
			b.WriteString(close)
		}
	}
	return b.String()
}

// FuzzNestLen bounds the input of a nesting fuzz target.
const FuzzNestLen = 64 << 10

// nestingSeeds are the reproducers: (open, middle, close, depth, count).
var nestingSeeds = []struct {
	open, middle, close string
	depth, count        uint16
}{
	{"[", "x", "]", 3000, 1},          // nested links
	{"[a", "", "](u)", 2000, 1},       // nested links with destinations
	{"*a ", "x", " a*", 2000, 1},      // nested emphasis
	{"**", "x", "**", 3000, 1},        // one long delimiter run
	{"_", "x", "_", 300, 40},          // many deep groups
	{">", "x\n", "", 5000, 1},         // nested block quotes, no spaces
	{"> ", "x\n", "y\n", 2000, 1},     // nested block quotes, lazy lines
	{"- ", "x\n", "", 3000, 1},        // nested lists
	{"1. ", "x\n", "", 2000, 1},       // nested ordered lists
	{"  ", "- x\n", "", 300, 30},      // indentation
	{"<div>", "x", "</div>", 3000, 1}, // nested HTML
	{"<b><i>", "x", "</i></b>", 1000, 4},
	{"<w:p>", "<w:r><w:t>x</w:t></w:r>", "</w:p>", 300, 10}, // office XML
	{"<w:p/>", "", "", 20000, 1},                            // element bomb
	{"{", "x", "}", 2000, 1},                                // MDX expressions
	{"<A>", "x", "</A>", 2000, 1},                           // JSX
	{"`", "x", "`", 1000, 2},
	{"<!--", "x", "-->", 1000, 2},
	{"<A>x</A> ", "", "", 5000, 1}, // inline HTML tags
	{"<table>\n", "<tr><td>a</td></tr>\n", "</table>\n", 1, 60},
}

// AddNestingReproducers adds the reproducers, at a depth and length a
// byte-mutating target affords, as one []byte seed each.
func AddNestingReproducers(f *testing.F) {
	for _, s := range nestingSeeds {
		f.Add([]byte(Nested(s.open, s.middle, s.close, min(s.depth, 400), min(s.count, 4), 8<<10)))
	}
}

// AddNestingSeeds adds the reproducers as structured seeds
// (open, middle, close, depth, count) of a nesting fuzz target.
func AddNestingSeeds(f *testing.F) {
	for _, s := range nestingSeeds {
		f.Add(s.open, s.middle, s.close, s.depth, s.count)
	}
}

// FuzzLimits are small enough that the seeds cross them.
var FuzzLimits = shared.Limits{MaxNestingDepth: 64, MaxElements: 20000, MaxXMLDepth: 64}

// RequireInputErr fails unless err is nil or an input finding that is not
// a recovered panic.
func RequireInputErr(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return true
	}
	var ie *content.InputError
	if !errors.As(err, &ie) || strings.Contains(err.Error(), "internal error") {
		t.Fatalf("unexpected error %v", err)
	}
	return false
}
