//go:build !nofunnel

package rules

import (
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/rules/coverage"
	"github.com/msglint/msglint/rules/funnel"
)

// funnelRules are the rules that read the funnel stages.
func funnelRules() []*lint.Rule { return []*lint.Rule{coverage.Gap, funnel.UnknownStage} }

// funnelAnalyses is the funnel tagger's corpus analysis.
func funnelAnalyses() []lint.Corpus { return []lint.Corpus{funnel.Stages} }
