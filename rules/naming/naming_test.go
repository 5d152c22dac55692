package naming_test

import (
	"testing"

	"github.com/msglint/msglint/project/projecttest"
	"github.com/msglint/msglint/rules/naming"
)

func TestNamingRules(t *testing.T) {
	projecttest.Run(t, "testdata", naming.Variant, naming.Deprecated, naming.Case, naming.Trademark,
		naming.Undeclared, naming.NearMiss, naming.Inconsistent)
}
