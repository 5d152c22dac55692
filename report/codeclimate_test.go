package report

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/msglint/msglint/internal/golden"
)

func TestCodeClimateGolden(t *testing.T) {
	res, meta := ciFixture()
	out := render(t, CodeClimate, res, meta)
	golden.Check(t, filepath.Join("testdata", "codeclimate", "ci.json"), out)

	// the fields GitLab requires, and unique fingerprints
	var issues []map[string]any
	require.NoError(t, json.Unmarshal(out, &issues))
	require.Len(t, issues, len(res.Findings))
	fps := map[any]bool{}
	for _, is := range issues {
		for _, k := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
			require.Contains(t, is, k)
		}
		require.NotContains(t, fps, is["fingerprint"])
		fps[is["fingerprint"]] = true
		loc := is["location"].(map[string]any)
		require.NotEmpty(t, loc["path"])
		require.GreaterOrEqual(t, loc["lines"].(map[string]any)["begin"], 1.0)
	}
}
