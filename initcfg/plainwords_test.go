package initcfg_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/initcfg"
)

// A common English word (Dashboard) and an invented one (Zorblat), used
// the same way: capitalised mid-sentence 12 times in 6 files, and in
// lower case 4 times. The corpus' own rule (at most one lower-case
// mention for 3 capitalised ones) lets both through; the word list holds
// Dashboard to one for 4.
func TestPlainWordsNeedMoreEvidence(t *testing.T) {
	dir := t.TempDir()
	for i := 1; i <= 6; i++ {
		s := fmt.Sprintf("# Page %d\n\nOpen the Dashboard and then Zorblat. Then the Dashboard shows Zorblat results.\n", i)
		if i <= 4 {
			s += "\nA dashboard is a zorblat of sorts.\n"
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.md", i)), []byte(s), 0o644))
	}
	p, err := initcfg.Propose(initcfg.Options{Root: dir, Jobs: 1})
	require.NoError(t, err)
	var got []string
	for _, n := range p.Names {
		got = append(got, n.Canonical())
	}
	require.Equal(t, []string{"Zorblat"}, got)
}
