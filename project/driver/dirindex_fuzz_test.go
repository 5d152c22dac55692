package driver

import (
	"testing"

	"github.com/msglint/msglint/content"
)

// FuzzDirIndex: the directives index agrees with the linear reference
// (directives.suppressed) on directives and findings built from the
// fuzzed bytes: each directive is 4 bytes (kind, rules, line step, loc),
// each finding 3 (rule, line, loc). Seeds: testdata/fuzz/FuzzDirIndex.
func FuzzDirIndex(f *testing.F) {
	f.Add([]byte{4, 1, 3, 0, 5, 1, 5, 0, 3, 3, 2, 0, 1, 0, 0, 2}, []byte{1, 4, 0, 2, 9, 0, 0, 1, 2})
	f.Add([]byte{4, 0, 0, 0, 5, 0, 0, 0, 4, 2, 0, 0}, []byte{0, 0, 0, 1, 0, 0, 3, 3, 0})
	f.Add([]byte{0, 2, 1, 0, 2, 0, 1, 0}, []byte{2, 1, 0, 2, 2, 0})
	kinds := []string{"disable-file", "disable-loc", "disable-next-line", "disable-line", "disable", "enable"}
	rules := [][]string{nil, {"naming"}, {"naming/variant"}, {"claims"}, {"claims/uncited", "naming/case"}}
	locs := []string{"", "slide 2", "slide 2 notes", "slide 20", " x", "page 1"}
	ids := []string{"naming/variant", "naming/case", "claims/uncited", "funnel/unknown"}
	f.Fuzz(func(t *testing.T, dirs, finds []byte) {
		var ds directives
		line := 0
		for i := 0; i+4 <= len(dirs) && len(ds) < 64; i += 4 {
			line += int(dirs[i+2] % 4)
			d := content.Directive{Kind: kinds[int(dirs[i])%len(kinds)], Rules: rules[int(dirs[i+1])%len(rules)], Line: line}
			if d.Kind == "disable-loc" {
				d.Loc = locs[int(dirs[i+3])%len(locs)]
			}
			ds = append(ds, d)
		}
		fd := &fileDirectives{list: ds, used: make([]bool, len(ds))}
		want := make([]bool, len(ds))
		for i := 0; i+3 <= len(finds) && i < 3*64; i += 3 {
			id, l, loc := ids[int(finds[i])%len(ids)], int(finds[i+1]%64), locs[int(finds[i+2])%len(locs)]
			if w, g := ds.suppressed(id, l, loc, want), fd.suppressed(id, l, loc); w != g {
				t.Fatalf("%s at %d %q: reference %v, index %v, in %+v", id, l, loc, w, g, ds)
			}
		}
		for i := range want {
			if want[i] != fd.used[i] {
				t.Fatalf("used: reference %v, index %v, in %+v", want, fd.used, ds)
			}
		}
	})
}
