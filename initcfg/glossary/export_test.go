package glossary

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

var exportTerms = []Term{
	{Name: "Zentrio", Kind: "product", Variants: []string{"zentrio"}, Deprecated: []string{"ZenTrio", "Zen Trio"}, Note: `Our name, "always" so`},
	{Name: "Zentrio Relay", Kind: "product", Deprecated: []string{"Relay"}},
	{Name: "PagerDuty", Variants: []string{"Pagerduty", "Pager Duty"}, Note: "Partner; one word"},
	{Name: "Kubernetes"},
}

// strip keeps what a format carries.
func strip(ts []Term, kindNote, deprecated bool) []Term {
	var out []Term
	for _, t := range ts {
		t.File, t.Line = "", 0
		if !kindNote {
			t.Kind, t.Note = "", ""
		}
		if !deprecated {
			t.Variants = append(append([]string{}, t.Variants...), t.Deprecated...)
			t.Deprecated = nil
			if len(t.Variants) == 0 {
				t.Variants = nil
			}
		}
		out = append(out, t)
	}
	return out
}

func TestExportRoundTrip(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, Export(&b, "csv", exportTerms))
	r, err := Read("g.csv", b.Bytes())
	require.NoError(t, err)
	require.Empty(t, r.Problems)
	require.Equal(t, strip(exportTerms, true, true), strip(r.Terms, true, true))

	b.Reset()
	require.NoError(t, Export(&b, "prh", exportTerms))
	r, err = Read("prh.yml", b.Bytes())
	require.NoError(t, err)
	require.Empty(t, r.Problems)
	require.Equal(t, strip(exportTerms, false, false), strip(r.Terms, false, false))

	b.Reset()
	require.NoError(t, Export(&b, "vale", exportTerms))
	r, err = Read("Terms.yml", b.Bytes())
	require.NoError(t, err)
	require.Empty(t, r.Problems)
	// a swap: map holds the terms that have other forms; the rest is a comment
	require.Equal(t, strip(exportTerms[:3], false, false), strip(r.Terms, false, false))
	require.Contains(t, b.String(), "#   Kubernetes\n")

	b.Reset()
	require.NoError(t, Export(&b, "json", exportTerms))
	var got []Term
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	require.Equal(t, exportTerms, got)

	require.EqualError(t, Export(&b, "xml", nil), `--format must be one of csv, vale, prh, json, not "xml"`)
}
