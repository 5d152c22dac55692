package cli

import (
	"fmt"
	"io"
	"net/url"
	"os"
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
	format   string
	output   string
	linkBase string
	compare  string
}

func runReport(a *App, args []string) int {
	var f reportFlags
	fs := a.newFlags(reportCommand)
	f.common.register(fs)
	fs.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: "+strings.Join(report.CoverageFormats(), "|"))
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (written whole or not at all)")
	fs.StringVar(&f.linkBase, "link-base", "", "html: link each asset to `URL` + its path from the repository root (e.g. https://github.com/org/site/blob/SHA/), and each finding to #L<line>; default: links relative to the page")
	fs.StringVar(&f.compare, "compare", "", "html: show what changed since `OLD.json` (an earlier report --format json, run from the same folder): gaps opened and closed, stage changes, assets added and removed, findings added and fixed")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if !slices.Contains(report.CoverageFormats(), f.format) {
		return a.usageError(fmt.Errorf("unknown report format %q (want %s)", f.format, strings.Join(report.CoverageFormats(), ", ")))
	}
	if f.linkBase != "" {
		u, err := url.Parse(f.linkBase)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return a.usageError(fmt.Errorf("--link-base must be an http or https URL, not %q", f.linkBase))
		}
		if !strings.HasSuffix(f.linkBase, "/") {
			f.linkBase += "/"
		}
	}
	var old *report.CoverageJSONOutput
	if f.compare != "" && f.format != "html" {
		return a.usageError(fmt.Errorf("--compare is shown by --format html only"))
	}
	if f.compare != "" {
		fh, err := os.Open(a.abs(f.compare))
		if err != nil {
			return a.usageError(fmt.Errorf("--compare: %v", err))
		}
		old, err = report.ReadCoverageJSON(fh)
		fh.Close()
		if err != nil {
			return a.usageError(fmt.Errorf("--compare %s: %v", f.compare, err))
		}
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
	// usage analysis). The page shows each asset's findings too, and the
	// JSON lists them (for a later --compare): they run the enabled
	// rules, as check does; text and Markdown show none, so no rule runs
	// for them.
	withFindings := f.format == "html" || f.format == "json"
	if !withFindings {
		opt.Rules = []*lint.Rule{}
	}
	opt.Analyses = []lint.Corpus{coverage.UsageAnalysis}
	res, err := p.Run(opt)
	if err != nil {
		return a.runError(err)
	}
	u, _ := lint.CorpusResult(res.Analyses, coverage.UsageAnalysis)
	c := coverage.Build(p.Config, funnel.AssetsOf(res.Analyses), res.Files, res.Skipped, u)
	paths := a.paths(p)
	var links map[string]string
	if f.format == "html" {
		links = a.reportLinks(p, paths, c, res.Findings, f.output, f.linkBase)
	}
	showCoveragePaths(c, paths)
	meta := &report.CoverageMeta{Date: opt.Today.Format("2006-01-02"), Version: Version, Commit: gitCommit(p.Config.Dir),
		Options: usedOptions(fs), Links: links, LineAnchors: f.linkBase != "",
		PlainParam: strings.HasPrefix(f.linkBase, "https://github.com/")}
	if withFindings {
		meta.Findings = make([]lint.Finding, len(res.Findings))
		for i, fd := range res.Findings {
			fd.Path = paths.Show(fd.Path)
			meta.Findings[i] = fd
		}
	}
	if old != nil {
		meta.Compare = report.CompareCoverage(f.compare, old, c, meta.Findings)
	}
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

// reportLinks maps each asset's and finding's path, as the page shows it,
// to its link: with a link base, the base and the path from the
// repository root (no link for a file outside the repository); else the
// path relative to the page's folder (-o's, or the working folder's for
// standard output), "./" first so that no file name reads as a scheme.
// Each segment is escaped ('#', '?', '%', spaces).
func (a *App) reportLinks(p *project.Project, paths *report.Paths, c *coverage.Model, findings []lint.Finding, output, base string) map[string]string {
	pageDir := a.Cwd
	if output != "" && output != "-" {
		pageDir = filepath.Dir(a.abs(output))
	}
	cfgDir := a.abs(p.Config.Dir)
	links := map[string]string{}
	add := func(rel string) {
		if rel == "" || rel == "." {
			return
		}
		shown := paths.Show(rel)
		if _, done := links[shown]; done {
			return
		}
		if base != "" {
			if r, ok := paths.Repo(rel); ok {
				links[shown] = base + escapeSegments(r)
			}
			return
		}
		abs := filepath.FromSlash(rel)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cfgDir, abs)
		}
		r, err := filepath.Rel(pageDir, abs)
		if err != nil {
			return
		}
		r = escapeSegments(filepath.ToSlash(r))
		if !strings.HasPrefix(r, "../") {
			r = "./" + r
		}
		links[shown] = r
	}
	for _, as := range c.Assets {
		add(as.Path)
	}
	for i := range findings {
		add(findings[i].Path)
	}
	return links
}

// escapeSegments escapes each '/'-separated segment of a path for a URL.
func escapeSegments(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}
