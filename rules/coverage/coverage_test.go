package coverage_test

import (
	"testing"

	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/coverage"
)

func TestRules(t *testing.T) {
	projecttest.Run(t, "testdata", coverage.Gap)
}
