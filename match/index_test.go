package match

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/config"
)

var classNames = map[Class]string{OK: "ok", Case: "case", IsVariant: "variant", IsDeprecated: "deprecated", Undeclared: "undeclared", NearMiss: "near-miss"}

func testIndex(t testing.TB) *Index {
	ix, err := Compile([]config.Term{
		{Name: "Acme CloudSync", Kind: "product", Variants: []string{"CloudSync", "Acme Cloud Sync"}, Deprecated: []string{"SyncBox"}, Trademark: "®"},
		{Name: "CloudSync Pro", Kind: "product"},
		{Name: "sign-up", Variants: []string{"signup"}},
		{Name: "Acme Insights", Kind: "feature"},
	})
	require.NoError(t, err)
	return ix
}

func find(ix *Index, text string) []string {
	var out []string
	for _, m := range ix.Find(text, nil, nil) {
		out = append(out, fmt.Sprintf("%s:%s:%s", text[m.Start:m.End], classNames[m.Class], ix.Terms[m.Term].Name))
	}
	return out
}

func TestFind(t *testing.T) {
	ix := testIndex(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Try Acme CloudSync today", []string{"Acme CloudSync:ok:Acme CloudSync"}},
		{"Try CloudSync today", []string{"CloudSync:variant:Acme CloudSync"}},
		{"acme cloudsync", []string{"acme cloudsync:case:Acme CloudSync"}},
		{"ACME CLOUDSYNC", []string{"ACME CLOUDSYNC:case:Acme CloudSync"}},
		{"Acme insights", []string{"Acme insights:case:Acme Insights"}},
		{"Acme Cloudsync and Cloud-Sync", []string{"Acme Cloudsync:undeclared:Acme CloudSync", "Cloud-Sync:undeclared:Acme CloudSync"}},
		{"Acme Cloud Sync works", []string{"Acme Cloud Sync:variant:Acme CloudSync"}},
		{"our SyncBox", []string{"SyncBox:deprecated:Acme CloudSync"}},
		{"CloudSync Pro is separate", []string{"CloudSync Pro:ok:CloudSync Pro"}},
		{"CloudSync's sync and two CloudSyncs", []string{"CloudSync:variant:Acme CloudSync", "CloudSyncs:variant:Acme CloudSync"}},
		{"Acme CloudSyncs rock", []string{"Acme CloudSyncs:ok:Acme CloudSync"}},
		{"see acme/cloudsync and cloudsync.io and @cloudsync and --cloudsync and cloud_sync", nil},
		{"Acme, CloudSync", []string{"CloudSync:variant:Acme CloudSync"}},
		{"Acme. CloudSync", []string{"CloudSync:variant:Acme CloudSync"}},
		{"Acme\u00a0CloudSync", []string{"Acme\u00a0CloudSync:ok:Acme CloudSync"}},
		{"Acme CloudSnyc is typo", []string{"Acme CloudSnyc:near-miss:Acme CloudSync"}},
		{"Acme Insight is singular", nil},
		{"Signup now, or Sign-up", []string{"Signup:variant:sign-up", "Sign-up:ok:sign-up"}},
		{"Cloud\u00adSync and Acme Cloud\u200bSync", []string{"Cloud\u00adSync:variant:Acme CloudSync", "Acme Cloud\u200bSync:ok:Acme CloudSync"}},
		{"Ionide-CloudSync and CloudSync-powered", []string{"CloudSync:variant:Acme CloudSync"}},
		{"Acme \uFFFCCloudSync", []string{"CloudSync:variant:Acme CloudSync"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, find(ix, tt.text), tt.text)
	}
}

func TestEditDistance1(t *testing.T) {
	assert.True(t, editDistance1([]byte("cloudsnyc"), "cloudsync"))
	assert.True(t, editDistance1([]byte("cloudsyn"), "cloudsync"))
	assert.True(t, editDistance1([]byte("cloudsyncc"), "cloudsync"))
	assert.True(t, editDistance1([]byte("cloudsinc"), "cloudsync"))
	assert.False(t, editDistance1([]byte("cloudsync"), "cloudsync"))
	assert.False(t, editDistance1([]byte("clousdnyc"), "cloudsync"))
}

// TestFindMatchesReference checks Find against the original implementation
// (ref_test.go) with a glossary large enough for wide trie nodes and the
// near-miss filter, on text made of the terms' words, misspelt, re-cased,
// hyphenated and mixed with prose.
func TestFindMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	syll := []string{"zor", "blat", "quin", "vex", "tra", "mo", "lin", "dra", "pex", "sor", "ka", "nu", "a", "e", "io"}
	word := func() string {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var terms []config.Term
	seen := map[string]bool{}
	for len(terms) < 400 {
		name := word()
		if r.IntN(2) == 0 {
			name = []string{"Acme", "Globo", "Umbra"}[r.IntN(3)] + " " + name
		}
		if r.IntN(4) == 0 {
			name += " " + word()
		}
		v := strings.ReplaceAll(name, " ", "")
		if seen[LooseKey(name)] || seen[LooseKey(v)] {
			continue
		}
		seen[LooseKey(name)], seen[LooseKey(v)] = true, true
		term := config.Term{Name: name, Kind: "product", Variants: []string{v}, Trademark: "™"}
		if old := "Old" + strings.ToLower(v); len(terms)%5 == 0 && !seen[LooseKey(old)] {
			seen[LooseKey(old)] = true
			term.Deprecated = []string{old}
		}
		terms = append(terms, term)
	}
	ix, err := Compile(terms)
	require.NoError(t, err)
	prose := []string{"the", "team", "ships", "Faster", "with", "-", ".", ",", "and", "\u00a0", "\uFFFC", "org/repo", "Straße", "İstanbul", "--flag"}
	cnt := map[Class]int{}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			if r.IntN(2) == 0 {
				b.WriteString(prose[r.IntN(len(prose))])
			} else {
				tm := terms[r.IntN(len(terms))]
				w := tm.Name
				if len(tm.Deprecated) > 0 && r.IntN(4) == 0 {
					w = tm.Deprecated[0]
				}
				switch r.IntN(7) {
				case 0:
					w = strings.ToLower(w)
				case 1:
					w = strings.ToUpper(w)
				case 2:
					w = strings.ReplaceAll(w, " ", "-")
				case 3: // one edit
					i := r.IntN(len(w))
					w = w[:i] + string(rune('a'+r.IntN(26))) + w[i+1:]
				case 4:
					w += "s"
				case 5:
					w = strings.ReplaceAll(w, " ", "")
				}
				b.WriteString(w)
			}
			b.WriteString([]string{" ", " ", "  ", "-", ". ", "\n"}[r.IntN(6)])
		}
		text := b.String()
		got0 := ix.Find(text, nil, nil)
		for _, m := range got0 {
			cnt[m.Class]++
		}
		if got, want := got0, ix.findRef(text, nil, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", text, got, want)
		}
	}
	maxKids := int32(0)
	for n := int32(0); n < ix.nodes; n++ {
		maxKids = max(maxKids, ix.kidStart[n+1]-ix.kidStart[n])
	}
	t.Logf("matches by class %v; widest trie node %d children", cnt, maxKids)
	for _, c := range []Class{OK, Case, IsVariant, IsDeprecated, Undeclared, NearMiss} {
		assert.Greater(t, cnt[c], 0, classNames[c])
	}
	assert.Greater(t, maxKids, int32(8))
}

// TestEdgeFilter: the edge filter in front of kid never rejects an edge of
// the trie, and kid finds every child by its label.
func TestEdgeFilter(t *testing.T) {
	ix := testIndex(t)
	edges := 0
	for n := int32(0); n < ix.nodes; n++ {
		for k := ix.kidStart[n]; k < ix.kidStart[n+1]; k++ {
			edges++
			if !ix.mayKid(n, ix.kidLab[k]) {
				t.Fatalf("node %d: edge %q filtered out", n, ix.kidLab[k])
			}
			if got := ix.kid(n, ix.kidLab[k]); got != ix.kidNode[k] {
				t.Fatalf("node %d: kid(%q) = %d, want %d", n, ix.kidLab[k], got, ix.kidNode[k])
			}
		}
	}
	assert.Greater(t, edges, 0)
}
