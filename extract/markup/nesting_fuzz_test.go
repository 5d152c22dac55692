package markup

import (
	"testing"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/extract/internal/extracttest"
	"github.com/msglint/msglint/extract/internal/shared"
)

// Structure-aware fuzz targets for the hostile inputs of issue 16 (the
// inputs and seeds are extracttest's, shared with extract/office).

func FuzzMarkdownNesting(f *testing.F) {
	extracttest.AddNestingSeeds(f)
	f.Fuzz(func(t *testing.T, open, middle, close string, depth, count uint16) {
		src := []byte(extracttest.Nested(open, middle, close, depth, count, extracttest.FuzzNestLen))
		for _, fn := range []shared.Func{Markdown, MDX} {
			for _, o := range []*shared.Options{{Limits: extracttest.FuzzLimits}, nil} {
				d, err := fn("f.md", src, o)
				if !extracttest.RequireInputErr(t, err) {
					continue
				}
				if err := checkSegs(d); err != nil {
					t.Fatalf("%v\n%s", err, shared.Dump(d))
				}
				n := 0
				for _, note := range d.Notes {
					if note.Rule == content.RuleDegraded {
						n++
					}
				}
				if n > 1 {
					t.Fatalf("%d input/degraded notes", n)
				}
			}
		}
	})
}

func FuzzHTMLNesting(f *testing.F) {
	extracttest.AddNestingSeeds(f)
	f.Fuzz(func(t *testing.T, open, middle, close string, depth, count uint16) {
		src := []byte(extracttest.Nested(open, middle, close, depth, count, extracttest.FuzzNestLen))
		for _, o := range []*shared.Options{{Limits: extracttest.FuzzLimits}, {Limits: extracttest.FuzzLimits, HTMLIgnore: []string{"nav", "i"}}, nil} {
			d, err := HTML("f.html", src, o)
			if !extracttest.RequireInputErr(t, err) {
				continue
			}
			htmlCheckSegs(t, d)
		}
	})
}
