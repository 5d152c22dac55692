package glossary

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func readFixture(t *testing.T, rel string) *Result {
	t.Helper()
	p := filepath.Join("testdata", filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	r, err := Read(filepath.ToSlash(p), data)
	require.NoError(t, err)
	return r
}

func problems(r *Result) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, p.Error())
	}
	return out
}

func TestSheetCSV(t *testing.T) {
	r := readFixture(t, "terms.csv")
	require.Equal(t, "sheet", r.Format)
	f := "testdata/terms.csv"
	require.Equal(t, []Term{
		{Name: "Zentrio", Kind: "product", Deprecated: []string{"zentrio.io", "ZenTrio"}, Note: "Our company. Always one word.", File: f, Line: 2},
		{Name: "Zentrio Relay", Kind: "product", Variants: []string{"Relay"}, Deprecated: []string{"Zentrio relay", "Zentrio-Relay"}, Note: "The forwarder", File: f, Line: 3},
		{Name: "PagerDuty", Kind: "term", Variants: []string{"Pagerduty"}, Note: "Partner, incident response", File: f, Line: 4},
		{Name: "uptime check", Kind: "term", Variants: []string{"uptime-check", "Uptime Check"}, File: f, Line: 6},
		{Name: "sign-in", Deprecated: []string{"signin", "sign in"}, Note: "verb: sign in", File: f, Line: 7},
	}, r.Terms)
	require.Equal(t, []string{
		"testdata/terms.csv:5: a row with no term",
		`testdata/terms.csv:7: kind "gadget" is none of product, feature, term: imported without a kind`,
	}, problems(r))
}

func TestSheetTSV(t *testing.T) {
	r := readFixture(t, "terms.tsv")
	f := "testdata/terms.tsv"
	require.Equal(t, []Term{
		{Name: "Zentrio", Variants: []string{"zentrio"}, Deprecated: []string{"Zen Trio", "ZenTrio"}, File: f, Line: 2},
		{Name: "DuckDuckGo", Variants: []string{"Duck Duck Go"}, File: f, Line: 3},
	}, r.Terms)
	require.Empty(t, r.Problems)
}

func TestSheetErrors(t *testing.T) {
	_, err := Read("x.csv", []byte("Entry,Gloss\nfoo,bar\n"))
	require.EqualError(t, err, `x.csv:1: the header names no term column (one of term, approved, preferred, name; or map one with --columns "HEADER=term"); it has "Entry", "Gloss"`)
	cols, err := ParseColumns("Entry=term, Gloss=note")
	require.NoError(t, err)
	mapped, err := ReadWith("x.csv", []byte("Entry,Gloss\nfoo,bar\n"), Options{Columns: cols})
	require.NoError(t, err)
	require.Equal(t, []Term{{Name: "foo", Note: "bar", File: "x.csv", Line: 2}}, mapped.Terms)
	_, err = Read("x.csv", []byte("Term\n\xff\n"))
	require.EqualError(t, err, "x.csv: not UTF-8 text (export the sheet as CSV UTF-8)")
	r, err := Read("x.csv", []byte("Term,Note\nA,12\" screen\nB,ok\n"))
	require.NoError(t, err)
	require.Equal(t, []string{`x.csv:2: bare " in non-quoted-field`}, problems(r))
	require.Equal(t, []Term{{Name: "B", Note: "ok", File: "x.csv", Line: 3}}, r.Terms)
}

func TestValeVocab(t *testing.T) {
	dir := "vale/styles/config/vocabularies/Zentrio/"
	a := readFixture(t, dir+"accept.txt")
	f := "testdata/" + dir + "accept.txt"
	require.Equal(t, []Term{{Name: "Zentrio", File: f, Line: 2}, {Name: "Zentrio Relay", File: f, Line: 3}, {Name: "PagerDuty", File: f, Line: 5}}, a.Terms)
	require.Equal(t, []string{f + ":4: a regular expression ([Oo]bservability), not a plain word: add the term by hand"}, problems(a))

	r := readFixture(t, dir+"reject.txt")
	require.Equal(t, []Forbidden{{Phrase: "best-in-class", Line: 1}, {Pattern: "world[- ]class", Line: 2}}, r.Forbidden)
	require.Len(t, r.Problems, 1)
	require.Contains(t, r.Problems[0].Error(), "reject.txt:3: not a valid RE2 pattern")
}

func TestValeSwap(t *testing.T) {
	r := readFixture(t, "vale/styles/Zentrio/Terms.yml")
	require.Equal(t, "vale substitution", r.Format)
	f := "testdata/vale/styles/Zentrio/Terms.yml"
	require.Equal(t, []Term{
		{Name: "Zentrio Relay", Variants: []string{"Zentrio relay", "Zentrio-Relay"}, File: f, Line: 6},
		{Name: "PagerDuty", Variants: []string{"Pagerduty"}, File: f, Line: 8},
		{Name: "log in", Variants: []string{"log-in"}, File: f, Line: 10},
	}, r.Terms)
	require.Equal(t, []string{f + ":9: a regular expression ((?:e-mail|Email): email), not a plain word: add the term by hand"}, problems(r))
	_, err := Read("s.yml", []byte("extends: substitution\nswap: [a, b]\n"))
	require.EqualError(t, err, "s.yml:2: swap: is not a mapping of forms to avoid to forms to use")
	_, err = Read("s.yml", []byte("swap: {a: b\n"))
	require.ErrorContains(t, err, "s.yml: not valid YAML")
}

func TestPrh(t *testing.T) {
	r := readFixture(t, "prh.yml")
	require.Equal(t, "prh", r.Format)
	f := "testdata/prh.yml"
	require.Equal(t, []Term{
		{Name: "Zentrio", Variants: []string{"ZenTrio"}, Specs: []string{"ZenTrio is great -> Zentrio is great"}, File: f, Line: 5},
		{Name: "JavaScript", Variants: []string{"Javascript", "javascript"}, File: f, Line: 10},
		{Name: "GitHub", File: f, Line: 15},
		{Name: "DuckDuckGo", File: f, Line: 17},
	}, r.Terms)
	p := problems(r)
	require.Len(t, p, 4)
	require.Equal(t, f+":3: imports: are not followed; import each file with its own --from", p[0])
	require.Equal(t, f+":14: pattern /[Jj]ava-?[Ss]cript/ is a regular expression: add its forms as variants by hand", p[1])
	require.Contains(t, p[2], f+":16: pattern /git(?<!x)hub/ is not a valid RE2 expression")
	require.Equal(t, f+":18: a rule with no expected: form", p[3])
}

func TestReadUnknown(t *testing.T) {
	_, err := Read("notes.txt", []byte("# Glossary\n"))
	require.ErrorContains(t, err, "notes.txt: unknown glossary format")
	_, err = Read("x.yaml", []byte("foo: bar\n"))
	require.ErrorContains(t, err, "x.yaml: a YAML file that is neither")
}

func TestMerge(t *testing.T) {
	a := &Result{Terms: []Term{{Name: "Zentrio", Variants: []string{"ZenTrio"}}}, Forbidden: []Forbidden{{Phrase: "x"}}}
	b := &Result{Terms: []Term{{Name: "Zentrio", Kind: "product", Variants: []string{"ZenTrio", "Zen Trio"}, Note: "n"}}, Forbidden: []Forbidden{{Phrase: "x"}}}
	m := Merge(a, b)
	require.Equal(t, []Term{{Name: "Zentrio", Kind: "product", Variants: []string{"ZenTrio", "Zen Trio"}, Note: "n"}}, m.Terms)
	require.Len(t, m.Forbidden, 1)
}

func TestParseColumns(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Columns
		err  string
	}{
		{"Approved spelling=term, Bad forms = avoid,Remarks=note", Columns{"approved spelling": "name", "bad forms": "deprecated", "remarks": "note"}, ""},
		{"Type=skip,", Columns{"type": "skip"}, ""},
		{"Word", nil, `--columns: pair 1 ("Word") is not HEADER=ROLE`},
		{"A=term,B=colour", nil, `--columns: pair 2 ("B=colour"): role "colour" is none of term, variants, avoid, note, kind, skip`},
		{"=term", nil, `--columns: pair 1 ("=term") is not HEADER=ROLE`},
	} {
		got, err := ParseColumns(tc.in)
		if tc.err != "" {
			require.EqualError(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, got, tc.in)
	}
}

func TestSheetCompetitors(t *testing.T) {
	r, err := Read("c.csv", []byte("Term,Type\nGlobex,Competitor\nAcme,product\n"))
	require.NoError(t, err)
	require.Equal(t, []Term{
		{Name: "Globex", Kind: "term", Competitor: true, File: "c.csv", Line: 2},
		{Name: "Acme", Kind: "product", File: "c.csv", Line: 3},
	}, r.Terms)
}
