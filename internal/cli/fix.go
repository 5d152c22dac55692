package cli

import (
	"fmt"
	"io"

	"github.com/msglint/msglint/fix"
	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/report"
	"github.com/msglint/msglint/rules"
)

var fixCommand = &command{
	name:    "fix",
	summary: "apply the unambiguous fixes to Markdown, MDX, HTML and text files",
	usage:   "msglint fix [--dry-run] [--force] [flags] [PATH... | -]",
	examples: `  msglint fix --dry-run > fixes.patch   # review the fixes as a patch (git apply fixes.patch)
  msglint fix docs/                     # rewrite the files under docs/ (owner, group and mode kept)
  msglint fix --force docs/             # read-only files too
  msglint fix --stdin-filename site/pricing.md - < draft.md > fixed.md   # the fixed content on stdout
`,
}

func init() { fixCommand.run = runFix }

type fixFlags struct {
	common
	dryRun    bool
	heuristic bool
	force     bool
	failOn    string
	only      []string
	disable   []string
	stdin     stdinFlag
}

// fixRename is the rename used to replace files (tests may swap it).
var fixRename fix.Rename

func runFix(a *App, args []string) int {
	var f fixFlags
	fs := a.newFlags(fixCommand)
	fs.BoolVarP(&f.dryRun, "dry-run", "n", false, "print a unified diff of the fixes on stdout and write nothing")
	fs.BoolVar(&f.heuristic, "heuristic", false, "also apply the fixes of naming/near-miss and naming/inconsistent (review them first)")
	fs.BoolVar(&f.force, "force", false, "also rewrite read-only files (mode without the owner's write bit); they keep their mode")
	f.common.register(fs)
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 when findings at or above `LEVEL` are left unfixed: error|warning|info|never")
	fs.StringArrayVar(&f.only, "rule", nil, "run (and fix) only this `RULE` or family (repeatable)")
	fs.StringArrayVar(&f.disable, "disable", nil, "do not run this `RULE` or family (repeatable)")
	f.stdin.register(fs)
	if code, ok := a.parse(fs, args); !ok {
		return code
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
	opt.KeepDocs = true
	stdinName, err := a.stdinRun(&f.stdin, fs.Args())
	if err != nil {
		return a.usageError(err)
	}
	paths := fs.Args()
	if stdinName != "" {
		if _, fixable := project.FileKind(stdinName); !fixable {
			return a.usageError(fmt.Errorf("fix --stdin-filename %s: only Markdown, MDX, HTML and text are fixed", f.stdin.name))
		}
		a.useStdin(&opt, stdinName)
		paths = opt.Paths
	}
	p, code, ok := a.load(&f.common, paths...)
	if !ok {
		return code
	}
	a.noConfigNotice(p)
	bar := a.newProgress(f.progress)
	opt.Progress = bar.callback()
	res, err := p.Run(opt)
	bar.finish()
	if err != nil {
		return a.runError(err)
	}
	show := a.paths(p)
	plan := fix.Plan(res, fix.Options{Root: p.Config.Dir, Heuristic: f.heuristic, Show: show.Show})

	// In a dry run stdout carries only the patch, so that
	// `msglint fix --dry-run > fixes.patch` can be applied with git apply;
	// the findings left and the summary go to stderr.
	out := a.Stdout
	if stdinName != "" && !f.dryRun {
		// standard input fixed: stdout carries only the content
		return a.fixStdin(res, plan, p.Config.Dir, &f, failOn, never, show)
	}
	if f.dryRun {
		out = a.errRaw() // report.Text escapes what it quotes
		// The patch is written as is when redirected (git apply needs the
		// bytes); on a terminal its control characters are escaped.
		var patch io.Writer = a.Stdout
		if a.IsTerminal != nil && a.IsTerminal(a.Stdout) {
			sw := safetext.NewWriter(a.Stdout)
			defer sw.Flush()
			patch = sw
		}
		for _, file := range plan.Files {
			fmt.Fprint(patch, file.Diff())
		}
	}
	left := plan.Left
	written, fixed, failed := 0, plan.Fixed, false
	if !f.dryRun {
		for _, file := range plan.Files {
			if err := file.Write(fix.WriteOptions{Rename: fixRename, Force: f.force}); err != nil {
				failed = true
				fmt.Fprintf(a.Stderr, "msglint fix: %v\n", err)
				for _, e := range file.Edits {
					fixed -= len(e.Diags)
					for _, d := range e.Diags {
						left = append(left, fix.Unfixed{Finding: d, Reason: "not written: " + err.Error()})
					}
				}
				continue
			}
			written++
		}
	} else {
		written = len(plan.Files)
	}

	rest, code := a.fixLeft(out, res, left, p.Config.Dir, &f.common, show)
	if code != 0 {
		return code
	}
	writeFixSummary(out, f.dryRun, fixed, written, len(rest.Findings))
	if failed {
		return ExitFindings
	}
	return exitFor(rest, failOn, never)
}

// fixLeft writes the findings a fix leaves to out, as text; it returns
// them, and ExitUsage when they cannot be written.
func (a *App) fixLeft(out io.Writer, res *driver.Result, left []fix.Unfixed, root string, c *common, show *report.Paths) (*driver.Result, int) {
	rest := &driver.Result{Files: res.Files, Skipped: res.Skipped, Duration: res.Duration}
	for _, u := range left {
		d := u.Finding
		if u.Reason != "" {
			d.Message += " (not fixed: " + u.Reason + ")"
		}
		rest.Findings = append(rest.Findings, d)
	}
	driver.SortFindings(rest.Findings)
	if len(rest.Findings) > 0 {
		meta := &report.Meta{ToolName: "msglint", ToolVersion: Version, Rules: rules.All(), Root: root,
			Color: a.color(c, out), Paths: show}
		if err := report.Text(out, rest, meta); err != nil {
			fmt.Fprintf(a.Stderr, "msglint: %v\n", err)
			return nil, ExitUsage
		}
		fmt.Fprintln(out)
	}
	return rest, 0
}

// fixStdin writes standard input, fixed, to stdout, and the findings left
// and the summary to stderr. When standard input could not be read whole
// or extracted (an input/* finding), nothing is written to stdout and the
// exit code is 1 whatever --fail-on, so that an editor or a hook that
// replaces a buffer with the output never replaces it with nothing.
func (a *App) fixStdin(res *driver.Result, plan *fix.Result, root string, f *fixFlags, failOn lint.Severity, never bool, show *report.Paths) int {
	errOut := a.errRaw() // report.Text escapes what it quotes
	var src []byte
	for _, doc := range res.Docs { // the one input
		src = doc.Src
	}
	fixed := plan.Fixed
	if len(plan.Files) == 1 {
		src = plan.Files[0].New
	}
	rest, code := a.fixLeft(errOut, res, plan.Left, root, &f.common, show)
	if code != 0 {
		return code
	}
	if src == nil {
		fmt.Fprintln(a.Stderr, "msglint fix: standard input was not read whole or could not be extracted (above); nothing written to stdout")
		return ExitFindings
	}
	if _, err := a.Stdout.Write(src); err != nil {
		fmt.Fprintf(a.Stderr, "msglint fix: writing stdout: %v\n", err)
		return ExitUsage
	}
	writeFixSummary(errOut, false, fixed, len(plan.Files), len(rest.Findings))
	return exitFor(rest, failOn, never)
}

func writeFixSummary(w io.Writer, dry bool, fixed, files, left int) {
	verb := "Fixed"
	if dry {
		verb = "Would fix"
	}
	need := "nothing left that needs a person"
	switch left {
	case 0:
	case 1:
		need = "1 finding left that needs a person (listed above)"
	default:
		need = fmt.Sprintf("%d findings left that need a person (listed above)", left)
	}
	fmt.Fprintf(w, "%s %s in %s; %s.\n", verb, countOf(fixed, "finding"), countOf(files, "file"), need)
}

func countOf(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
