package initcfg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/rules"
)

// TestNameScanIsNotARule: init's analysis runs through the driver but is
// none of msglint's rules (`msglint rules`, config `rules:`).
func TestNameScanIsNotARule(t *testing.T) {
	a := nameScan(&Proposal{}, Options{})
	require.False(t, rules.Known(a.AnalysisName()))
	for _, r := range rules.All() {
		require.NotEqual(t, a.AnalysisName(), r.Name)
	}
}
