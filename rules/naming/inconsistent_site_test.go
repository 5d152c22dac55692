package naming

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/lint"
)

// TestInconsistentSite: a naming/inconsistent finding carries its source
// line and the text around it once filled from the source, as a
// per-document finding does; a line too long to keep gives the text
// around the match only.
func TestInconsistentSite(t *testing.T) {
	long := strings.Repeat("word ", lint.MaxLineText/5+10)
	for _, tc := range []struct {
		name      string
		src       string
		form      string
		nth       int // which occurrence of form in src (0: the first)
		line, col int32
		wantLine  string
		wantCtx   string
	}{
		{name: "first line", src: "Try Posthog today.\nPostHog is fine.\n", form: "Posthog", line: 1, col: 5,
			wantLine: "Try Posthog today.", wantCtx: "Try Posthog today."},
		{name: "later line, CRLF", src: "# Title\r\n\r\nWe use Posthog\r\n", form: "Posthog", line: 3, col: 8,
			wantLine: "We use Posthog", wantCtx: "We use Posthog"},
		{name: "two on one line", src: "a Posthog b Posthog c\n", form: "Posthog", nth: 1, line: 1, col: 13,
			wantLine: "a Posthog b Posthog c", wantCtx: "a Posthog b Posthog c"},
		{name: "a line over MaxLineText", src: long + "Posthog " + long + "\n", form: "Posthog", line: 1, col: int32(len(long) + 1),
			wantCtx: strings.Repeat("word ", 8) + "Posthog" + strings.Repeat(" word", 8)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := -1
			for i := 0; i <= tc.nth; i++ {
				at += 1 + strings.Index(tc.src[at+1:], tc.form)
			}
			occs := []occurrence{
				{srcStart: int32(strings.Index(tc.src, "#")), srcEnd: 0, line: 1, col: 1}, // a heading, or none
				{bits: 1 | occExact, line: tc.line, col: tc.col, srcStart: int32(at), srcEnd: int32(at + len(tc.form))},
			}
			if occs[0].srcStart < 0 {
				occs = occs[1:]
			} else {
				occs[0].srcEnd = occs[0].srcStart + 1
			}
			env := &lint.Env{}
			f := &nameFact{Packed: lint.Keep(env, packOccs(nil, occs)), N: len(occs), Long: longContexts([]byte(tc.src), occs, nil)}
			var got []occurrence
			var buf []byte
			for _, o := range f.occs(&buf) {
				got = append(got, o)
			}
			assert.Equal(t, occs, got, "packed and unpacked")
			s := f.site(len(occs)-1, &got[len(got)-1], "p.md", tc.form)
			// the driver fills the line and the text around it after the run
			s.FillSource(lint.NewSource([]byte(tc.src)), true)
			assert.Equal(t, tc.wantLine, s.LineText)
			assert.Equal(t, tc.wantCtx, s.Context)
			assert.Equal(t, tc.form, s.Match)
			assert.Equal(t, int(tc.col)+len(tc.form), s.EndCol)
			assert.True(t, s.Exact)
		})
	}
}
