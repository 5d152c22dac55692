package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/msglint/msglint/filter"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/report"
	"github.com/msglint/msglint/rules"
)

var checkCommand = &command{
	name:    "check",
	summary: "lint content against the glossary and claims rules (the default command)",
	usage:   "msglint [check] [flags] [PATH...]",
	examples: `  msglint check site/                            # site/msglint.yaml or the nearest one above
  msglint check -c /etc/msglint/shared.yaml .    # an absolute --config may lie outside the repository
  msglint check --allow-outside-config .         # let extends:/glossary: name files outside the repository
  msglint check --format github .                # GitHub annotations (escaped workflow commands)
  cat draft.md | msglint check --stdin-filename site/pricing.md -   # standard input, as if it were that file
  msglint check --min-severity warning .         # hide infos (they no longer count for --fail-on either)
  msglint check --quiet .                        # errors only, no summary line: silent when clean
`,
}

func init() { checkCommand.run = runCheck }

// checkFlags are check's own flags.
type checkFlags struct {
	common
	format                 string
	output                 string
	failOn                 string
	minSev                 string
	quiet                  bool
	only                   []string
	disable                []string
	reportUnusedDirectives bool
	// CI filters (package filter)
	changedSince  string
	baseline      string
	writeBaseline string
	stdin         stdinFlag
	cache         cacheFlags
	shard         string
	factsOut      string
}

// registerOutput registers the output flags check and merge share.
func (f *checkFlags) registerOutput(fs *pflag.FlagSet) {
	fs.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: "+joinFormats())
	fs.StringVarP(&f.output, "output", "o", "", "write the output to `FILE` (written whole or not at all)")
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 on findings at or above `LEVEL`: error|warning|info|never")
}

// registerBaseline registers the baseline flags check and merge share.
func (f *checkFlags) registerBaseline(fs *pflag.FlagSet) {
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not in `FILE` (a --format json output of an earlier run; matched by rule, path, match and surrounding text, not line)")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "write every finding of this run to `FILE` as a baseline (before --baseline and --changed-since filter them; paths relative to the config's folder, so it matches from any working folder)")
}

func runCheck(a *App, args []string) int {
	var f checkFlags
	fs := a.newFlags(checkCommand)
	f.common.register(fs)
	f.registerOutput(fs)
	fs.StringVar(&f.minSev, "min-severity", "info", "show only findings at or above `LEVEL`: info|warning|error (those below are dropped and do not count for --fail-on)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "errors only (--min-severity error), no summary line and no progress bar")
	fs.StringArrayVar(&f.only, "rule", nil, "run only this `RULE` or family (repeatable; e.g. naming)")
	fs.StringArrayVar(&f.disable, "disable", nil, "do not run this `RULE` or family (repeatable)")
	fs.StringVar(&f.changedSince, "changed-since", "", "report only findings on lines changed since `GITREF` (and in files added since); cross-asset checks still read every file; coverage gaps are not reported")
	f.registerBaseline(fs)
	f.stdin.register(fs)
	f.cache.register(fs, true)
	fs.StringVar(&f.shard, "shard", "", "check only share `K/N` of the files (by a hash of each path) and write their results to --facts-out, for `msglint merge` (docs/ci.md)")
	fs.StringVar(&f.factsOut, "facts-out", "", "with --shard, the shard's results `FILE`")
	fs.BoolVar(&f.reportUnusedDirectives, "report-unused-directives", false, "report disable directives that suppressed no finding (rule input/unused-directive)")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	rep, err := report.Get(f.format)
	if err != nil {
		return a.usageError(err)
	}
	failOn, never, err := parseFailOn(f.failOn)
	if err != nil {
		return a.usageError(err)
	}
	opt, err := a.options(&f.common, fs.Args())
	if err != nil {
		return a.usageError(err)
	}
	opt.Only, opt.Disable = f.only, f.disable
	if opt.MinSeverity, err = parseMinSeverity(f.minSev, f.quiet, fs.Changed("min-severity")); err != nil {
		return a.usageError(err)
	}
	if f.quiet && !fs.Changed("progress") {
		f.progress = "never"
	}
	opt.Scoped = true // a partial run reports on what it names
	opt.ReportUnusedDirectives = f.reportUnusedDirectives
	stdinName, err := a.stdinRun(&f.stdin, fs.Args())
	if err != nil {
		return a.usageError(err)
	}
	paths := fs.Args()
	if stdinName != "" {
		a.useStdin(&opt, stdinName)
		paths = opt.Paths // the config is searched from the name's folder
	}
	p, code, ok := a.load(&f.common, paths...)
	if !ok {
		return code
	}
	if f.format == "text" {
		a.noConfigNotice(p)
	}
	// the filters' inputs are checked before the (long) run; the run's
	// policy chain applies them, after severities and directives
	if code, ok := a.filterOptions(&f, p, &opt); !ok {
		return code
	}
	opt.Cache = a.openCache(&f.cache)
	if f.shard != "" || f.factsOut != "" {
		return a.runShard(&f, p, opt)
	}
	bar := a.newProgress(f.progress)
	opt.Progress = bar.callback()
	res, err := p.Run(opt)
	bar.finish()
	if err != nil {
		return a.runError(err)
	}
	defer res.Close()
	if res.Files == 0 {
		where := strings.Join(fs.Args(), ", ")
		if where == "" {
			where = "."
		}
		fmt.Fprintf(a.Stderr, "msglint: no files to check under %s (%d of other kinds skipped; see --include and the config's include/exclude)\n",
			where, res.Skipped)
	}
	return a.writeResult(&f, p, res, rep, failOn, never)
}

// writeResult writes a run's result (--write-baseline, then the report)
// and returns the exit code (check and merge).
func (a *App) writeResult(f *checkFlags, p *project.Project, res *driver.Result, rep report.Reporter, failOn lint.Severity, never bool) int {
	meta := &report.Meta{ToolName: "msglint", ToolVersion: Version, Rules: rules.All(), Root: p.Config.Dir,
		Color: f.output == "" && a.color(&f.common, a.Stdout), ShowTime: true, NoSummary: f.quiet}
	if f.writeBaseline != "" {
		all := *res
		all.Findings = res.Unfiltered
		// a baseline's paths are relative to the config's folder (no
		// Paths), so that it matches from any working folder
		if err := a.writeOutput(f.writeBaseline, func(w io.Writer) error { return report.JSON(w, &all, meta) }); err != nil {
			fmt.Fprintf(a.Stderr, "msglint: writing baseline: %v\n", err)
			return ExitUsage
		}
	}
	meta.Paths = a.paths(p)
	if res.Streamed() && !report.Streams(f.format) {
		if err := res.Materialize(); err != nil {
			fmt.Fprintf(a.Stderr, "msglint: %v\n", err)
			return ExitUsage
		}
	}
	if err := a.writeOutput(f.output, func(w io.Writer) error { return rep.Report(w, res, meta) }); err != nil {
		fmt.Fprintf(a.Stderr, "msglint: %v\n", err)
		return ExitUsage
	}
	return exitFor(res, failOn, never)
}

// parseMinSeverity reads --min-severity; --quiet is --min-severity error
// (an explicit other level with it is a usage error).
func parseMinSeverity(s string, quiet, set bool) (lint.Severity, error) {
	var sev lint.Severity
	switch s {
	case "info", "warning", "error":
		sev, _ = lint.ParseSeverity(s)
	default:
		return lint.Off, fmt.Errorf("--min-severity must be info, warning or error, not %q", s)
	}
	if quiet {
		if set && sev != lint.Error {
			return lint.Off, fmt.Errorf("--quiet shows errors only: it cannot be used with --min-severity %s", s)
		}
		sev = lint.Error
	}
	return sev, nil
}

// filterOptions sets the options the policy chain's filters and the
// output need (--changed-since, --baseline, --write-baseline, the format's
// lines), for check and merge alike; ok false: exit with code.
func (a *App) filterOptions(f *checkFlags, p *project.Project, opt *project.Options) (code int, ok bool) {
	changes, base, code, ok := a.ciFilters(f, p)
	if !ok {
		return code, false
	}
	if changes != nil {
		opt.ChangedSince = changes
	}
	if base != nil {
		opt.Baseline = base
	}
	opt.KeepUnfiltered = f.writeBaseline != ""
	opt.NoLineText = !report.ShowsLines(f.format)
	// the findings wait in the run's spill until the output reads them,
	// a few files at a time, where the format can (report.Streams)
	opt.Stream = report.Streams(f.format)
	return 0, true
}

// ciFilters loads --changed-since's git changes and --baseline's file
// (exit 2 when git or the file fails).
func (a *App) ciFilters(f *checkFlags, p *project.Project) (*filter.Changes, *filter.Baseline, int, bool) {
	var changes *filter.Changes
	var base *filter.Baseline
	var err error
	if f.changedSince != "" {
		if changes, err = filter.Changed(p.Config.Dir, f.changedSince); err != nil {
			return nil, nil, a.usageError(err), false
		}
	}
	if f.baseline != "" {
		if base, err = filter.LoadBaseline(a.abs(f.baseline), p.Config.Dir); err != nil {
			return nil, nil, a.usageError(err), false
		}
	}
	return changes, base, 0, true
}

func joinFormats() string {
	s := ""
	for i, f := range report.Formats() {
		if i > 0 {
			s += "|"
		}
		s += f
	}
	return s
}

func (a *App) usageError(err error) int {
	fmt.Fprintf(a.Stderr, "msglint: %v\n", err)
	return ExitUsage
}

// runError reports an error from a run: configuration errors and bad
// paths are usage errors (exit 2).
func (a *App) runError(err error) int {
	fmt.Fprintf(a.Stderr, "msglint: %v\n", err)
	return ExitUsage
}

// noConfigNotice says once, on stderr, that no config was found and the
// embedded defaults are in use (check and report in text format, fix).
func (a *App) noConfigNotice(p *project.Project) {
	if p.Config.Path == "" {
		fmt.Fprintln(a.Stderr, "msglint: no msglint.yaml found; using the embedded defaults; run `msglint init` to write one")
	}
}
