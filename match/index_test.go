package match

import (
	"fmt"
	"testing"

	"github.com/msglint/msglint/glossary"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var classNames = map[Class]string{OK: "ok", Case: "case", IsVariant: "variant", IsDeprecated: "deprecated", Undeclared: "undeclared", NearMiss: "near-miss"}

func testIndex(t testing.TB) *Index {
	ix, err := Compile([]glossary.Term{
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
