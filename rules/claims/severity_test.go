package claims_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/claims"
)

// TestForbiddenEntrySeverity: a forbidden entry's own `severity:` replaces
// the rule's default for its findings.
func TestForbiddenEntrySeverity(t *testing.T) {
	res := projecttest.Lint(t, "testdata/forbidden", claims.Forbidden)
	sev := map[string]lint.Severity{}
	for _, d := range res.Findings {
		sev[d.Match] = d.Severity
	}
	assert.Equal(t, lint.Warning, sev["seamlessly"], "entry with severity: warning")
	assert.Equal(t, lint.Error, sev["synergy"], "entry without severity: the rule's default")
}
