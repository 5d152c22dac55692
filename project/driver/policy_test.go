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
	assert.False(t, ds.suppressed("naming/variant", 2, ""))
	assert.True(t, ds.suppressed("naming/variant", 4, ""))
	assert.False(t, ds.suppressed("naming/variant", 7, ""))
	assert.True(t, ds.suppressed("naming/case", 7, ""))
	assert.True(t, ds.suppressed("claims/mismatch", 10, ""))
	assert.False(t, ds.suppressed("claims/mismatch", 11, ""))
	assert.True(t, ds.suppressed("claims/mismatch", 1, "slide 2 notes"))
	assert.False(t, ds.suppressed("claims/mismatch", 1, "slide 20"))
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
	assert.Equal(t, []string{"severity", "own-severity", "min-severity", "directives", "scope", "changed-since", "baseline"}, names)
}
