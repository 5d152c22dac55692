// Package cli is msglint's command line: flags, subcommands and the exit
// code, decided in one place.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/internal/atomicfile"
	"github.com/msglint/msglint/internal/safetext"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/driver"
)

// Version is the tool's version (set with -ldflags "-X ...cli.Version=...").
var Version = "0.1.0"

// Exit codes (docs/output.md).
const (
	ExitOK       = 0 // no finding at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitUsage    = 2 // usage or configuration error
)

// App is one invocation's environment.
type App struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Cwd            string
	Getenv         func(string) string
	// IsTerminal reports whether a writer is a terminal.
	IsTerminal func(w io.Writer) bool
	// Now is the clock (tests may pin it).
	Now func() time.Time

	// rawStderr is Stderr before Run wrapped it (see Run).
	rawStderr io.Writer
	// onFlags, when set, is given each flag set newFlags makes (the
	// completion scripts read the commands' flags from them).
	onFlags func(fs *pflag.FlagSet)
}

// errRaw is standard error without the escaping Run puts on Stderr: for
// the progress bar (its '\r') and reports that escape their own content
// and may be coloured.
func (a *App) errRaw() io.Writer {
	if a.rawStderr != nil {
		return a.rawStderr
	}
	return a.Stderr
}

type command struct {
	name    string
	summary string
	usage   string
	// examples, shown by --help (lines, each "  msglint ...  # what")
	examples string
	run      func(a *App, args []string) int
}

// commands is the one list of subcommands.
func commands() []*command {
	return []*command{
		checkCommand,
		fixCommand,
		initCommand,
		glossaryCommand,
		reportCommand,
		rulesCommand,
		explainCommand,
		versionCommand,
		completionCommand,
		lspCommand,
		cacheCommand,
		mergeCommand,
	}
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Main runs msglint with os.Args and returns the exit code.
func Main() int {
	setGC()
	// MSGLINT_CPUPROFILE=FILE writes a CPU profile of the run (a
	// developer aid, see docs/performance.md).
	if p := os.Getenv("MSGLINT_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer func() { pprof.StopCPUProfile(); f.Close() }()
			}
		}
	}
	// MSGLINT_MEMPROFILE=FILE writes an allocation profile at the end.
	if p := os.Getenv("MSGLINT_MEMPROFILE"); p != "" {
		defer func() {
			if f, err := os.Create(p); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	// Ctrl-C or a CI timeout while fix, init or -o writes a file: its
	// temporary file is removed before the process ends.
	defer atomicfile.CleanupOnSignal()()
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "msglint:", err)
		return ExitUsage
	}
	a := &App{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Cwd: cwd, Getenv: os.Getenv,
		IsTerminal: isTerminal, Now: time.Now}
	return a.Run(os.Args[1:])
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Run dispatches to a subcommand; bare `msglint PATH` is `msglint check PATH`.
func (a *App) Run(args []string) int {
	// Messages on standard error quote paths and config lines: their
	// control characters are escaped (safetext), line breaks kept.
	if a.rawStderr == nil {
		sw := safetext.NewWriter(a.Stderr)
		a.rawStderr, a.Stderr = a.Stderr, sw
		defer func() { sw.Flush(); a.Stderr, a.rawStderr = a.rawStderr, nil }()
	}
	if len(args) > 0 {
		switch args[0] {
		case "-h", "--help", "help":
			if len(args) > 1 && args[0] == "help" {
				if c := findCommand(args[1]); c != nil {
					return c.run(a, []string{"--help"})
				}
			}
			a.usage(a.Stdout)
			return ExitOK
		case "-v", "--version":
			return versionCommand.run(a, nil)
		}
		if c := findCommand(args[0]); c != nil {
			return c.run(a, args[1:])
		}
		if !strings.HasPrefix(args[0], "-") {
			if _, err := os.Lstat(a.abs(args[0])); err != nil {
				fmt.Fprintf(a.Stderr, "msglint: unknown command or path %q%s\nRun 'msglint --help' for usage.\n", args[0], suggestCommand(args[0]))
				return ExitUsage
			}
		}
	}
	return checkCommand.run(a, args)
}

func suggestCommand(s string) string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return config.DidYouMean(s, names)
}

func (a *App) usage(w io.Writer) {
	fmt.Fprintf(w, `msglint %s: a linter for go-to-market content

Usage:
  msglint [check] [flags] [PATH...]   lint; PATH defaults to "."
`, Version)
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'msglint COMMAND --help' for a command's flags.")
	fmt.Fprintln(w, "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.")
}

func (a *App) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(a.Cwd, p)
}

// newFlags returns a flag set whose errors and help go to the app's streams.
func (a *App) newFlags(c *command) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	fs.SortFlags = false
	if a.onFlags != nil {
		a.onFlags(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(a.Stdout, "%s\n\nUsage:\n  %s\n", c.summary, c.usage)
		if flags := fs.FlagUsages(); flags != "" {
			fmt.Fprintf(a.Stdout, "\nFlags:\n%s", flags)
		}
		if c.examples != "" {
			fmt.Fprintf(a.Stdout, "\nExamples:\n%s", c.examples)
		}
	}
	return fs
}

// parse parses flags; it returns an exit code and false when the command
// must stop (help shown, or a usage error).
func (a *App) parse(fs *pflag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return ExitOK, false
		}
		fmt.Fprintf(a.Stderr, "msglint %s: %v\nRun 'msglint %s --help' for usage.\n", fs.Name(), err, fs.Name())
		return ExitUsage, false
	}
	return 0, true
}

// common are the flags every linting command shares.
type common struct {
	config   string
	include  []string
	exclude  []string
	jobs     int
	noColor  bool
	progress string
	today    string
	// allowOutside: --allow-outside-config
	allowOutside bool
}

func (c *common) register(fs *pflag.FlagSet) {
	fs.StringVarP(&c.config, "config", "c", "", "config `FILE` (default: msglint.yaml, msglint.yml, .msglint.yaml or .msglint.yml in the first PATH's folder or a parent, else in the working folder or a parent)")
	fs.BoolVar(&c.allowOutside, "allow-outside-config", false, "let the config, its extends: and glossary: files lie outside the repository (the git work tree, or the config's folder) or in .git; an absolute --config path is always allowed")
	fs.StringArrayVar(&c.include, "include", nil, "only check files matching `GLOB` (repeatable; doublestar syntax, relative to the working folder)")
	fs.StringArrayVar(&c.exclude, "exclude", nil, "skip files matching `GLOB` (repeatable; relative to the working folder)")
	fs.IntVarP(&c.jobs, "jobs", "j", 0, "files processed in parallel, and threads of the in-repo learning (default: number of CPUs)")
	fs.BoolVar(&c.noColor, "no-color", false, "no colours (NO_COLOR is honoured too)")
	fs.StringVar(&c.progress, "progress", "auto", "progress bar on stderr: auto|always|never (auto: only on a terminal, for long runs)")
	fs.StringVar(&c.today, "today", "", "the date claim expiry is judged against, `YYYY-MM-DD` (default: today)")
}

// load loads the project (exit 2 on a configuration error); paths are the
// command's PATH arguments (the config is searched from the first).
func (a *App) load(c *common, paths ...string) (*project.Project, int, bool) {
	cfgPath := c.config
	if cfgPath != "" {
		cfgPath = a.abs(cfgPath)
		if _, err := os.Stat(cfgPath); err != nil {
			fmt.Fprintf(a.Stderr, "msglint: config file %s: not found\n", c.config)
			return nil, ExitUsage, false
		}
	}
	var abs []string
	for _, p := range paths {
		abs = append(abs, a.abs(p))
	}
	p, err := project.LoadWith(a.Cwd, cfgPath, project.LoadOptions{AllowOutside: c.allowOutside,
		ConfigAbsolute: filepath.IsAbs(c.config)}, abs...)
	if err != nil {
		fmt.Fprintf(a.Stderr, "%v\n", err)
		return nil, ExitUsage, false
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(a.Stderr, "%v\n", w)
	}
	return p, 0, true
}

// options turns the common flags into project options.
func (a *App) options(c *common, paths []string) (project.Options, error) {
	opt := project.Options{Include: c.include, Exclude: c.exclude, Cwd: a.Cwd, Jobs: c.jobs, FilesDone: gcFilesDone}
	if c.jobs < 0 {
		return opt, fmt.Errorf("--jobs must be 1 or more")
	}
	switch c.progress {
	case "auto", "always", "never":
	default:
		return opt, fmt.Errorf("--progress must be auto, always or never, not %q", c.progress)
	}
	if c.today != "" {
		t, err := time.Parse("2006-01-02", c.today)
		if err != nil {
			return opt, fmt.Errorf("--today must be YYYY-MM-DD, not %q", c.today)
		}
		opt.Today = t
	} else {
		opt.Today = a.Now()
	}
	for flag, globs := range map[string][]string{"--include": c.include, "--exclude": c.exclude} {
		for _, g := range globs {
			if !doublestar.ValidatePattern(g) {
				return opt, fmt.Errorf("%s %q: not a valid glob (doublestar syntax: *, **, ?, [abc], {a,b})", flag, g)
			}
		}
	}
	for _, p := range paths {
		opt.Paths = append(opt.Paths, a.abs(p))
	}
	if len(opt.Paths) == 0 {
		opt.Paths = []string{a.Cwd}
	}
	return opt, nil
}

// color decides whether to colour output written to w.
func (a *App) color(c *common, w io.Writer) bool {
	if c.noColor || a.Getenv("NO_COLOR") != "" || a.Getenv("TERM") == "dumb" {
		return false
	}
	return a.IsTerminal != nil && a.IsTerminal(w)
}

// writeOutput writes to the -o file atomically (temporary file, then
// rename), or to stdout.
func (a *App) writeOutput(path string, write func(w io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.Stdout)
	}
	return atomicfile.Write(a.abs(path), write, atomicfile.Options{Mode: 0o644})
}

func parseFailOn(s string) (lint.Severity, bool, error) {
	switch s {
	case "never":
		return lint.Off, true, nil
	case "error", "warning", "info":
		sev, err := lint.ParseSeverity(s)
		return sev, false, err
	}
	return lint.Off, false, fmt.Errorf("--fail-on must be error, warning, info or never, not %q", s)
}

// exitFor returns 1 when a finding is at or above failOn.
func exitFor(res *driver.Result, failOn lint.Severity, never bool) int {
	if never {
		return ExitOK
	}
	// the counts (a streamed result's: of the pass that wrote it)
	e, w, in := res.Counts()
	if e > 0 && failOn <= lint.Error || w > 0 && failOn <= lint.Warning || in > 0 && failOn <= lint.Info {
		return ExitFindings
	}
	return ExitOK
}
