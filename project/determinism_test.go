package project

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/report"
)

// TestDeterministicAcrossJobs: the JSON output is byte-identical whatever
// the parallelism (form ids, fact order and map iteration must not leak
// into the result).
func TestDeterministicAcrossJobs(t *testing.T) {
	p, err := Load("../examples/acme", "")
	require.NoError(t, err)
	var outs [][]byte
	for _, jobs := range []int{1, 4, 2, 8} {
		res, err := p.Run(Options{Paths: []string{"../examples/acme"}, Jobs: jobs, Today: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)})
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, report.JSON(&b, res, &report.Meta{ToolName: "msglint", ToolVersion: "test"}))
		outs = append(outs, b.Bytes())
	}
	for i := 1; i < len(outs); i++ {
		require.Equal(t, string(outs[0]), string(outs[i]), "run %d differs", i)
	}
	require.Contains(t, string(outs[0]), `"naming/inconsistent"`, "the corpus-wide rule is exercised")
}
