package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/report"
	"github.com/msglint/msglint/rules/coverage"
	"github.com/msglint/msglint/rules/funnel"
)

var reportCommand = &command{
	name:    "report",
	summary: "funnel stages, the coverage matrix, gaps and marketing/sales alignment",
	usage:   "msglint report [flags] [PATH...]",
	examples: `  msglint report                               # the coverage report of the working folder, as text
  msglint report --format html -o report.html  # a page to share
  msglint report --allow-outside-config .      # a config that extends a file outside the repository
`,
}

func init() { reportCommand.run = runReport }

// reportFlags are report's own flags.
type reportFlags struct {
	common
	format string
	output string
}

func runReport(a *App, args []string) int {
	var f reportFlags
	fs := a.newFlags(reportCommand)
	f.common.register(fs)
	fs.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: "+strings.Join(report.CoverageFormats(), "|"))
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (written whole or not at all)")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if !slices.Contains(report.CoverageFormats(), f.format) {
		return a.usageError(fmt.Errorf("unknown report format %q (want %s)", f.format, strings.Join(report.CoverageFormats(), ", ")))
	}
	opt, err := a.options(&f.common, fs.Args())
	if err != nil {
		return a.usageError(err)
	}
	p, code, ok := a.load(&f.common, fs.Args()...)
	if !ok {
		return code
	}
	if f.format == "text" {
		a.noConfigNotice(p)
	}
	// The report needs the stage of every asset (the funnel analysis
	// every run makes) and the name forms and claims per asset (the
	// usage analysis). Findings are not shown, so no rule runs.
	opt.Rules = []*lint.Rule{}
	opt.Analyses = []lint.Corpus{coverage.UsageAnalysis}
	res, err := p.Run(opt)
	if err != nil {
		return a.runError(err)
	}
	u, _ := lint.CorpusResult(res.Analyses, coverage.UsageAnalysis)
	c := coverage.Build(p.Config, funnel.AssetsOf(res.Analyses), res.Files, res.Skipped, u)
	showCoveragePaths(c, a.paths(p))
	if err := a.writeOutput(f.output, func(w io.Writer) error { return report.RenderCoverage(w, f.format, c) }); err != nil {
		fmt.Fprintf(a.Stderr, "msglint: writing output: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}
