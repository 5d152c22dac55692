package initcfg_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/initcfg"
	"github.com/msglint/msglint/initcfg/glossary"
)

// A .vale.ini leads to its vocabulary (accept.txt, reject.txt) and to the
// substitution rules of its own style; a capitalization rule of that
// style, Vale's own style, and a package style (Google, not in the
// styles folder) give nothing; a vocabulary it names but does not have is
// a problem on its line.
func TestImportValeIni(t *testing.T) {
	ini := filepath.Join("glossary", "testdata", "vale", ".vale.ini")
	r, err := initcfg.Import([]string{ini}, glossary.Options{})
	require.NoError(t, err)
	var names []string
	for _, tm := range r.Terms {
		names = append(names, tm.Name)
	}
	require.Equal(t, []string{"Zentrio", "Zentrio Relay", "PagerDuty", "log in"}, names)
	var phrases []string
	for _, f := range r.Forbidden {
		phrases = append(phrases, f.Phrase+f.Pattern)
	}
	require.Contains(t, phrases, "best-in-class")
	var problems []string
	for _, p := range r.Problems {
		problems = append(problems, p.Error())
	}
	require.Contains(t, problems, ini+`:4: vocabulary "Legacy" has no accept.txt or reject.txt under styles/config/vocabularies/Legacy`)
	require.Contains(t, problems, ini+`:8: style "Google" has no folder styles/Google`)
}
