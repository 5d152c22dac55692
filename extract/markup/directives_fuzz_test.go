package markup

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/msglint/msglint/extract/internal/shared"
)

// FuzzDirectives: inline directives (HTML comments, MDX comments) and
// front-matter ones (YAML and TOML), built around the fuzzed parts, in
// Markdown, MDX and HTML. Every directive read has a known kind, a line
// inside the file, non-empty rule names without separators, and the
// directives come in source order; the rest of the document stays sound.
// Seeds: testdata/fuzz/FuzzDirectives.
func FuzzDirectives(f *testing.F) {
	f.Add("msglint-disable naming/variant", "msglint-enable", "naming, claims/forbidden", uint8(0))
	f.Add("msglint-disable-next-line", " msglint-disable-line naming,,claims ", "true", uint8(1))
	f.Add("msglint-disable-next-line\n\n naming/variant", "msglint-disable\r\nclaims", "[naming/case]", uint8(2))
	f.Add("msglint-disable -->", "<!-- msglint-enable", "\"naming\"", uint8(3))
	f.Add(strings.Repeat("msglint-disable naming ", 100), "msglint-", "&a [*a, *a]", uint8(4))
	f.Fuzz(func(t *testing.T, a, b, fmRules string, shape uint8) {
		if len(a)+len(b)+len(fmRules) > 4096 {
			return
		}
		var src bytes.Buffer
		switch shape % 3 {
		case 0:
			src.WriteString("---\ntitle: T\nmsglint:\n  disable: " + fmRules + "\n---\n")
		case 1:
			src.WriteString("+++\ntitle = \"T\"\n[msglint]\ndisable = " + fmRules + "\n+++\n")
		}
		src.WriteString("# Head\n\n<!-- " + a + " -->\nSome text.\n\n{/* " + b + " */}\nMore text. <!-- " + b + " -->\n")
		lines := bytes.Count(src.Bytes(), []byte("\n")) + 1
		exts := []struct {
			name string
			fn   shared.Func
		}{{"md", Markdown}, {"mdx", MDX}, {"html", HTML}}
		for _, e := range exts {
			if e.name == "html" && shape%2 == 0 {
				continue
			}
			doc, err := e.fn("f."+e.name, src.Bytes(), nil)
			if err != nil {
				continue // an input error is a finding, not a crash
			}
			last := 0
			for _, d := range doc.Directives {
				if !slices.Contains([]string{"disable", "enable", "disable-next-line", "disable-line", "disable-file"}, d.Kind) {
					t.Fatalf("%s: unknown kind %q", e.name, d.Kind)
				}
				if d.Line < 0 || d.Line > lines {
					t.Fatalf("%s: directive line %d outside 1..%d", e.name, d.Line, lines)
				}
				if d.Kind != "disable-file" {
					if d.Line < last {
						t.Fatalf("%s: directives out of order: %+v", e.name, doc.Directives)
					}
					last = d.Line
				}
				for _, r := range d.Rules {
					if r == "" || strings.ContainsAny(r, ", \t\n") {
						t.Fatalf("%s: bad rule name %q in %+v", e.name, r, d)
					}
				}
			}
			if e.name != "html" {
				if err := checkSegs(doc); err != nil {
					t.Fatalf("%s: %v", e.name, err)
				}
			}
		}
	})
}
