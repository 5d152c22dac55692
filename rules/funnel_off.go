//go:build nofunnel

package rules

import "github.com/msglint/msglint/lint"

// A build without the funnel (`go build -tags nofunnel`): no tagging, no
// asset records, no coverage/gap or funnel/unknown. It exists to measure
// what the funnel costs (`go run ./bench -funnel`, docs/performance.md);
// only `msglint check` is meant to run in it.

func funnelRules() []*lint.Rule { return nil }

func funnelAnalyses() []lint.Corpus { return nil }
