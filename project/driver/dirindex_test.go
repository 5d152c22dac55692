package driver

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/content"
)

// TestDirIndexAgrees: the index finds the same directives as the linear
// reference (directives.suppressed), and marks the same ones used, on
// random files of directives.
func TestDirIndexAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	kinds := []string{"disable-file", "disable-loc", "disable-next-line", "disable-line", "disable", "enable"}
	rules := [][]string{nil, {"naming"}, {"naming/variant"}, {"claims"}, {"claims/uncited", "naming/case"}}
	locs := []string{"", "slide 2", "slide 2 notes", "slide 20", "page 1"}
	ids := []string{"naming/variant", "naming/case", "claims/uncited", "funnel/unknown"}
	for round := range 300 {
		var ds directives
		line := 1
		for range r.IntN(12) {
			line += r.IntN(3)
			d := content.Directive{Kind: kinds[r.IntN(len(kinds))], Rules: rules[r.IntN(len(rules))], Line: line}
			if d.Kind == "disable-loc" {
				d.Loc = locs[1+r.IntN(len(locs)-1)]
			}
			ds = append(ds, d)
		}
		fd := &fileDirectives{list: ds, used: make([]bool, len(ds))}
		want := make([]bool, len(ds))
		for range 40 {
			id, l, loc := ids[r.IntN(len(ids))], r.IntN(line+3), locs[r.IntN(len(locs))]
			require.Equal(t, ds.suppressed(id, l, loc, want), fd.suppressed(id, l, loc), "round %d: %s at %d %q in %+v", round, id, l, loc, ds)
		}
		require.Equal(t, want, fd.used, "round %d: %+v", round, ds)
	}
}
