package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/report"
	"github.com/msglint/msglint/rules/coverage"
	"github.com/msglint/msglint/rules/funnel"
	"github.com/spf13/pflag"
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
	paths := a.paths(p)
	showCoveragePaths(c, paths)
	meta := &report.CoverageMeta{Date: opt.Today.Format("2006-01-02"), Version: Version, Commit: gitCommit(p.Config.Dir),
		Options: usedOptions(fs)}
	if p.Config.Path != "" {
		meta.Config = paths.Show(filepath.ToSlash(a.relToConfig(p, p.Config.Path)))
	}
	if err := a.writeOutput(f.output, func(w io.Writer) error { return report.RenderCoverageMeta(w, f.format, c, meta) }); err != nil {
		fmt.Fprintf(a.Stderr, "msglint: writing output: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

// relToConfig is an absolute path relative to the config's folder (the
// paths report.Paths maps), or the path itself when it is elsewhere.
func (a *App) relToConfig(p *project.Project, abs string) string {
	if r, err := filepath.Rel(a.abs(p.Config.Dir), abs); err == nil {
		return r
	}
	return abs
}

// usedOptions lists the flags given (as --name value, in the flag set's
// order) and then the PATHs, for the page's header.
func usedOptions(fs *pflag.FlagSet) []string {
	var out []string
	fs.Visit(func(fl *pflag.Flag) {
		if fl.Value.Type() == "bool" {
			out = append(out, "--"+fl.Name)
			return
		}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				out = append(out, "--"+fl.Name, v)
			}
			return
		}
		out = append(out, "--"+fl.Name, fl.Value.String())
	})
	return append(out, fs.Args()...)
}
