package driver

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/lint"
)

func TestDirectives(t *testing.T) {
	ds := directives{
		{Kind: "disable", Rules: []string{"naming"}, Line: 3},
		{Kind: "enable", Rules: []string{"naming/variant"}, Line: 6},
		{Kind: "disable-next-line", Line: 9},
		{Kind: "disable-loc", Loc: "slide 2", Rules: []string{"claims"}},
	}
	assert.False(t, ds.suppressed("naming/variant", 2, "", nil))
	assert.True(t, ds.suppressed("naming/variant", 4, "", nil))
	assert.False(t, ds.suppressed("naming/variant", 7, "", nil))
	assert.True(t, ds.suppressed("naming/case", 7, "", nil))
	assert.True(t, ds.suppressed("claims/mismatch", 10, "", nil))
	assert.False(t, ds.suppressed("claims/mismatch", 11, "", nil))
	assert.True(t, ds.suppressed("claims/mismatch", 1, "slide 2 notes", nil))
	assert.False(t, ds.suppressed("claims/mismatch", 1, "slide 20", nil))
}

func TestPolicy(t *testing.T) {
	r := &lint.Rule{Name: "naming/variant", Default: lint.Error}
	p := NewPolicy([]*lint.Rule{r})
	p.Rules = map[string]lint.Severity{"naming": lint.Warning}
	p.Overrides = []OverridePolicy{{Files: []string{"legal/**"}, Rules: map[string]lint.Severity{"naming/variant": lint.Off}}}
	assert.Equal(t, lint.Warning, p.Severity(r, "site/a.md"))
	assert.Equal(t, lint.Off, p.Severity(r, "legal/terms.md"))
	assert.True(t, p.Enabled(r))
	p.Disable = []string{"naming"}
	assert.False(t, p.Enabled(r))
	p.Disable = nil
	p.Only = []string{"claims"}
	assert.False(t, p.Enabled(r))
	assert.Equal(t, "naming", r.Family())
}

// TestChainSteps: the policy chain's steps, in order (the list is defined
// once, in policy.go; the per-finding steps come before the list steps).
func TestChainSteps(t *testing.T) {
	var names []string
	list := false
	for _, p := range chain {
		names = append(names, p.name)
		if p.list != nil {
			list = true
		} else {
			assert.False(t, list, "per-finding step %s after a list step", p.name)
		}
	}
	assert.Equal(t, []string{"severity", "own-severity", "directives", "min-severity", "scope", "changed-since", "baseline"}, names)
}

// TestDirectivesUsed: suppressed marks the directives that turned a
// finding off (for a region, the disable in force), and disable-line
// covers its own line only.
func TestDirectivesUsed(t *testing.T) {
	ds := directives{
		{Kind: "disable", Rules: []string{"naming"}, Line: 3},
		{Kind: "disable", Rules: []string{"naming/variant"}, Line: 5},
		{Kind: "enable", Rules: []string{"naming"}, Line: 8},
		{Kind: "disable-line", Rules: []string{"claims"}, Line: 10},
		{Kind: "disable-next-line", Rules: []string{"claims"}, Line: 20},
		{Kind: "disable-loc", Loc: "slide 2"},
	}
	tests := []struct {
		name string
		id   string
		line int
		loc  string
		want bool
		used []int
	}{
		{"before every directive", "naming/variant", 2, "", false, nil},
		{"the first region", "naming/case", 6, "", true, []int{0}},
		{"the region in force is the later one", "naming/variant", 6, "", true, []int{1}},
		{"enabled again", "naming/variant", 9, "", false, nil},
		{"disable-line on its line", "claims/uncited", 10, "", true, []int{3}},
		{"disable-line not on the next", "claims/uncited", 11, "", false, nil},
		{"disable-next-line", "claims/uncited", 21, "", true, []int{4}},
		{"a slide", "naming/case", 1, "slide 2 notes", true, []int{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			used := make([]bool, len(ds))
			assert.Equal(t, tt.want, ds.suppressed(tt.id, tt.line, tt.loc, used))
			var got []int
			for i, u := range used {
				if u {
					got = append(got, i)
				}
			}
			assert.Equal(t, tt.used, got)
		})
	}
}
