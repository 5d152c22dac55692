package markup

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

// FuzzExtractHTML checks that no input panics the HTML extractor, that every
// block keeps the Seg invariants (in bounds, ordered, exact Segs equal to
// the source), and that the attribute scanner and entity decoder agree with
// the tokenizer. Seeds: the golden fixtures, a few edge cases, and the
// corpus in testdata/fuzz/FuzzExtractHTML/.
func FuzzExtractHTML(f *testing.F) {
	files, _ := filepath.Glob("testdata/html/*.html")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"", "<", "&", "<p>&amp", "<a b='", "<!--", "<!-- msglint-disable", "<title>x", "<script>",
		"<p><b>Acme</b>&nbsp;CloudSync</p>", "<p>a<code>b<p>c</code>d", "\xEF\xBB\xBF<p>x</p>",
		"<svg><p/>x</svg>y", "<table><td>a<td>b</table>", "<p>\xff\xfe&#0;&#128;&#x110000;</p>",
		"<img alt=&ampx title=\"&notit;\">", "<plaintext><p>x", "<ul><li>a<li>b</ul>", "</p></br></x>", "<p>&#0</p>", "<p>x <i>y</i> z <i>w",
	} {
		f.Add([]byte(s))
	}
	extracttest.AddNestingReproducers(f)
	opts := &shared.Options{HTMLIgnore: []string{"nav, footer", ".legal", "#promo", "tbody", "[title]", "i"}}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, o := range []*shared.Options{nil, opts} {
			d, err := HTML("f.html", src, o)
			if err != nil {
				var ie *content.InputError
				if !errors.As(err, &ie) || ie.Rule != content.RuleUnreadable {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			htmlCheckSegs(t, d)
			for _, b := range d.Blocks {
				_, _, _ = b.SrcRange(0, len(b.Text))
			}
		}
		htmlCompareTokenizer(t, src)
	})
}
