package naming_test

import (
	"fmt"
	"testing"

	"github.com/msglint/msglint/internal/benchcorpus"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules/naming"
)

// BenchmarkNaming runs the naming rules (the shared tokens and glossary
// analysis included) on 300 generated, already extracted documents, on one
// worker: the per-document cost of tokenizing, matching and the rules.
func BenchmarkNaming(b *testing.B) {
	for _, g := range []int{10, 1000} {
		b.Run(fmt.Sprintf("terms=%d", g), func(b *testing.B) {
			c := benchcorpus.Load(b, 300, g, 0)
			inputs := c.Inputs()
			ruleList := []*lint.Rule{naming.Variant, naming.Deprecated, naming.Case, naming.Trademark,
				naming.Undeclared, naming.NearMiss, naming.Inconsistent}
			b.SetBytes(c.Bytes)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				env := &lint.Env{Config: c.Config, Index: c.Index}
				driver.Run(inputs, driver.Options{Env: env, Rules: ruleList, Jobs: 1})
			}
		})
	}
}
