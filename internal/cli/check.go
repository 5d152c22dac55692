package cli

import (
	"fmt"
	"io"

	"github.com/msglint/msglint/engine"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/report"
	"github.com/msglint/msglint/rules"
)

var checkCommand = &command{
	name:    "check",
	summary: "lint content against the glossary and claims rules (the default command)",
	usage:   "msglint [check] [flags] [PATH...]",
}

func init() { checkCommand.run = runCheck }

// checkFlags are check's own flags.
type checkFlags struct {
	common
	format  string
	output  string
	failOn  string
	only    []string
	disable []string
}

func runCheck(a *App, args []string) int {
	var f checkFlags
	fs := a.newFlags(checkCommand)
	f.common.register(fs)
	fs.StringVarP(&f.format, "format", "f", "text", "output `FORMAT`: "+joinFormats())
	fs.StringVarP(&f.output, "output", "o", "", "write the output to `FILE` (written whole or not at all)")
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 on findings at or above `LEVEL`: error|warning|info|never")
	fs.StringArrayVar(&f.only, "rule", nil, "run only this `RULE` or family (repeatable; e.g. naming)")
	fs.StringArrayVar(&f.disable, "disable", nil, "do not run this `RULE` or family (repeatable)")
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
	p, code, ok := a.load(&f.common, fs.Args()...)
	if !ok {
		return code
	}
	res, err := p.Run(opt)
	if err != nil {
		return a.runError(err)
	}
	meta := &report.Meta{ToolName: "msglint", ToolVersion: Version, Rules: rules.All(), Root: p.Config.Dir,
		Color: f.output == "" && a.color(&f.common, a.Stdout), ShowTime: true}
	if err := a.writeOutput(f.output, func(w io.Writer) error { return rep.Report(w, res, meta) }); err != nil {
		fmt.Fprintf(a.Stderr, "msglint: writing output: %v\n", err)
		return ExitUsage
	}
	return exitFor(res, failOn, never)
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

var _ = lint.Error
var _ = engine.Options{}
