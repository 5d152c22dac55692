package funnel_test

import (
	"testing"

	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/funnel"
)

func TestRules(t *testing.T) {
	projecttest.Run(t, "testdata", funnel.UnknownStage)
}
