package funnel_test

import (
	"testing"

	"github.com/msglint/msglint/lint/linttest"
	"github.com/msglint/msglint/rules/funnel"
)

func TestRules(t *testing.T) {
	linttest.Run(t, "testdata", funnel.Gap, funnel.UnknownStage)
}
