// Package project is a msglint run over one repository: it finds and loads
// the config, compiles the glossary, lists the files, picks each file's
// extractor and hands them to the driver (package project/driver) with the
// rule list. `msglint check`, `fix`, `report` and the rule test harness
// (project/projecttest) run through it; `msglint init` takes its files
// from Inputs and runs its own analysis through the driver.
package project

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/msglint/msglint/config"
	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/internal/safeopen"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/match"
	"github.com/msglint/msglint/project/cache"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules"
	"github.com/msglint/msglint/rules/input"
	"github.com/msglint/msglint/rules/naming"
)

// ConfigError is a configuration problem: exit code 2.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// Project is a loaded configuration with its compiled glossary.
type Project struct {
	Config *config.Config
	Index  *match.Index
	// ConfigRel is the config file's path relative to Config.Dir ("" with no file).
	ConfigRel string
	// Warnings are the config's warnings (config.Config.Warnings) and,
	// when the config was found by searching, one for each other config
	// file in its folder (not read); the CLI prints them on standard error.
	Warnings []*config.Error
}

// LoadOptions tune Load.
type LoadOptions struct {
	// AllowOutside lets the config and the files it names lie outside the
	// repository (--allow-outside-config).
	AllowOutside bool
	// ConfigAbsolute says the config path was given as an absolute path
	// on the command line: that file may lie outside the repository (the
	// files it names may not). The repository is the git work tree (or,
	// outside git, the folder) of the config file; for a relative
	// --config path, the working folder's work tree when there is one.
	ConfigAbsolute bool
}

// Load finds (or takes) the config, loads it, compiles the glossary and
// runs the terms' self-tests. cwd is the working folder. Without
// configPath, the config is searched from the first of paths (its folder,
// then each parent), then from cwd: `msglint check site/` uses
// site/msglint.yaml when there is one. The config is confined to its
// repository (see config.RepoRoot and LoadWith).
func Load(cwd, configPath string, paths ...string) (*Project, error) {
	return LoadWith(cwd, configPath, LoadOptions{}, paths...)
}

// LoadWith is Load with options.
func LoadWith(cwd, configPath string, o LoadOptions, paths ...string) (*Project, error) {
	path := configPath
	var warns []*config.Error
	if path == "" {
		o.ConfigAbsolute = false
		var starts []string
		if len(paths) > 0 {
			start := paths[0]
			if fi, err := os.Stat(start); err != nil || !fi.IsDir() {
				// a file, or a path that cannot be followed (a link
				// loop): its folder
				start = filepath.Dir(start)
			}
			starts = append(starts, start)
		}
		starts = append(starts, cwd)
		for _, s := range starts {
			p, err := config.Find(s)
			if err != nil {
				return nil, &ConfigError{err}
			}
			if p != "" {
				path = p
				for _, o := range config.Shadowed(p) {
					warns = append(warns, &config.Error{File: o, Warning: true,
						Msg: fmt.Sprintf("not read: %s in the same folder is used (the first of %s)", filepath.Base(p), strings.Join(config.ConfigNames, ", "))})
				}
				break
			}
		}
	}
	var cfg *config.Config
	if path == "" {
		cfg = config.Default(cwd)
	} else {
		lo := config.LoadOptions{KnownRule: rules.Known, KnownRules: rules.Names(), MainOutside: o.ConfigAbsolute}
		if !o.AllowOutside {
			root, err := config.RepoRoot(path)
			if err != nil {
				return nil, &ConfigError{err}
			}
			if configPath != "" && !o.ConfigAbsolute {
				// a relative --config path: the repository is the
				// working folder's
				if top, ok := config.GitTop(cwd); ok {
					root = top
				}
			}
			lo.Root = root
		}
		c, err := config.Load(path, lo)
		if err != nil {
			return nil, &ConfigError{err}
		}
		cfg = c
	}
	ix, err := match.Compile(cfg.Terms)
	if err != nil {
		return nil, &ConfigError{fmt.Errorf("%s: %w", path, err)}
	}
	if errs := naming.SelfTest(cfg, ix); len(errs) > 0 {
		return nil, &ConfigError{errors.Join(errs...)}
	}
	p := &Project{Config: cfg, Index: ix, Warnings: append(warns, cfg.Warnings...)}
	if cfg.Path != "" {
		if rel, err := filepath.Rel(cfg.Dir, cfg.Path); err == nil {
			p.ConfigRel = filepath.ToSlash(rel)
		}
	}
	return p, nil
}

// Options configure a run.
type Options struct {
	Paths []string
	// Include and Exclude are the command line's globs, relative to Cwd
	// (the working folder; "" means the config's folder): an Include
	// replaces the config's include:, an Exclude adds to its exclude:.
	Include, Exclude []string
	Cwd              string
	Jobs             int
	Only, Disable    []string // --rule, --disable
	Today            time.Time
	Progress         func(done, total int)
	KeepDocs         bool
	// NoLineText: the output does not show the findings' source lines
	// (driver.Options.NoLineText).
	NoLineText bool
	// FilesDone is driver.Options.FilesDone.
	FilesDone func()
	// Stream is driver.Options.Stream: the findings stay in the run's
	// spill until the output reads them; the caller closes the result
	// (driver.Result.Close).
	Stream bool
	// Rules overrides the rule list (tests, report); nil = rules.All().
	// The input/* rules are added to it when missing: the driver reports
	// them whatever the list, and takes their defaults from it.
	Rules []*lint.Rule
	// Analyses are corpus analyses to run after rules.Analyses() (the
	// report's usage tables).
	Analyses []lint.Corpus
	// ChangedSince and Baseline are the policy chain's --changed-since and
	// --baseline steps (a *filter.Changes, a *filter.Baseline; nil: off).
	ChangedSince, Baseline driver.Filter
	// KeepUnfiltered keeps the findings before those two in
	// Result.Unfiltered (--write-baseline).
	KeepUnfiltered bool
	// Stdin, when set, is the run's one input instead of Paths: it is
	// linted as if it were the file StdinName (an absolute path, which
	// need not exist), see StdinInput. Include and Exclude do not apply,
	// as to a file named on the command line.
	Stdin     io.Reader
	StdinName string
	// ReportUnusedDirectives turns input/unused-directive on
	// (--report-unused-directives): at warning unless the config's rules:
	// sets its severity, and selected even when --rule narrows the run.
	ReportUnusedDirectives bool
	// Scoped makes the run's scope the policy chain's scope step (`msglint
	// check`; see scope): a partial run reports only on the files it
	// names, and corpus-only rules report only on a full run.
	Scoped bool
	// MinSeverity drops findings below it (--min-severity, --quiet;
	// Off: none).
	MinSeverity lint.Severity
	// Cache, when set, keeps each file's result between runs (not with
	// KeepDocs nor standard input); see cached.go.
	Cache *cache.Store
	// Facts are files' facts by path, computed before by ContextFacts with
	// the same rules: a partial run takes a context file's facts from here
	// instead of reading it (msglint lsp); a file not here is read.
	Facts map[string]lint.Exports
}

// Run lints the paths.
func (p *Project) Run(opt Options) (*driver.Result, error) {
	r, err := p.prepare(opt, true)
	if err != nil {
		return nil, err
	}
	res := driver.Run(r.inputs, r.dopt)
	if r.fc != nil {
		r.fc.done()
	}
	if res.Streamed() {
		res.CloseWith(r.close) // its findings are read from the spill
	} else {
		r.close()
	}
	res.Skipped = r.skipped
	p.configLines(res.Findings)
	p.configLines(res.Unfiltered)
	p.configLines(res.Settled())
	return res, nil
}

// prepared is a run ready to start: its inputs (when discovered) and the
// driver's options.
type prepared struct {
	inputs  []driver.Input
	skipped int
	dopt    driver.Options
	fc      *fileCache // nil: no cache
	fp      [32]byte   // the run's fingerprint (fingerprint); zero: none
}

// The run's spill: its folder ("": the system's temporary folder) and
// chunk size (variables for the tests).
var (
	spillDir   = ""
	spillChunk = lint.SpillChunk
)

// close removes the run's spill file, once the driver is done.
func (r *prepared) close() {
	if s := r.dopt.Env.Spill; s != nil {
		_ = s.Close()
	}
}

// prepare makes a run's policy, environment and, with find, its inputs.
func (p *Project) prepare(opt Options, find bool) (*prepared, error) {
	cfg := p.Config
	paths := opt.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	xo := &extract.Options{FrontMatter: cfg.FrontMatter, HTMLIgnore: cfg.HTML.Ignore, Limits: Limits(cfg)}
	in := InputOptions{Root: cfg.Dir, Include: cfg.Include, Exclude: cfg.Exclude,
		CwdInclude: opt.Include, CwdExclude: opt.Exclude, Cwd: opt.Cwd, Extract: xo}
	var fc *fileCache
	if opt.Cache != nil && opt.Stdin == nil && !opt.KeepDocs {
		fc = newFileCache(opt.Cache, cfg.Dir, xo.Limits.MaxFileSize, time.Now())
		in.Read = fc.source
	}
	ruleList := opt.Rules
	if ruleList == nil {
		ruleList = rules.All()
	} else {
		ruleList = withInputRules(ruleList)
	}
	// The policy and the fingerprint come before discovery, so that the
	// cache's pack (tens of MB on a large corpus) is read while the walk
	// runs; a config error is still reported after a path error.
	pol, polErr := Policy(cfg, ruleList, opt.Only, opt.Disable)
	today := opt.Today
	if today.IsZero() {
		today = time.Now()
	}
	analyses := append(rules.Analyses(), opt.Analyses...)
	var fp [32]byte
	var fpOK bool
	var pack chan *cache.Pack
	if polErr == nil {
		pol.ChangedSince, pol.Baseline, pol.KeepUnfiltered = opt.ChangedSince, opt.Baseline, opt.KeepUnfiltered
		pol.MinSeverity = opt.MinSeverity
		if opt.ReportUnusedDirectives {
			pol.Defaults[input.UnusedDirective.Name] = lint.Warning
			if len(pol.Only) > 0 {
				pol.Only = append(slices.Clip(pol.Only), input.UnusedDirective.Name)
			}
		}
		if fp, fpOK = fingerprintOf(cfg, pol, ruleList, analyses, today); fpOK && fc != nil {
			pack = make(chan *cache.Pack, 1)
			go func() { pack <- opt.Cache.OpenPack(fc.root, fp) }()
		}
	}
	var corpusWalk <-chan walked
	if opt.Scoped && find {
		corpusWalk = p.walkCorpus(paths, opt, in.Read, xo)
	}
	files := &Files{}
	if find && opt.Stdin != nil {
		files = StdinInput(opt.Stdin, opt.StdinName, in)
	} else if find {
		var err error
		if files, err = Inputs(paths, in); err != nil {
			return nil, err
		}
	}
	if polErr != nil {
		return nil, &ConfigError{polErr}
	}
	inputs := files.Inputs
	var err error
	if opt.Scoped && find {
		if inputs, pol.Scope, err = p.scope(opt, files, corpusWalk, ruleList, pol); err != nil {
			return nil, err
		}
	} else if opt.Scoped && opt.ChangedSince != nil {
		pol.Scope = &driver.Scope{}
	}
	// What the funnel tagger keeps for its in-repo learning and
	// naming/inconsistent for its Finish goes to a temporary file past
	// the first MiB (lint.Spill).
	env := &lint.Env{Config: cfg, Index: p.Index, Today: today, Spill: lint.NewSpillSize(spillDir, spillChunk)}
	r := &prepared{inputs: inputs, skipped: files.Skipped, dopt: driver.Options{Env: env, Rules: ruleList, Policy: pol, Jobs: opt.Jobs,
		Analyses: analyses, Progress: opt.Progress, KeepDocs: opt.KeepDocs, NoLineText: opt.NoLineText,
		FilesDone: opt.FilesDone, Stream: opt.Stream}}
	if fpOK {
		r.fp = fp
		if fc != nil {
			fc.base = fp
			fc.setPack(pack)
			r.dopt.Cache = fc
			r.fc = fc
		}
	}
	return r, nil
}

// withInputRules returns list with the input/* rules it lacks appended.
func withInputRules(list []*lint.Rule) []*lint.Rule {
	out := slices.Clip(list) // an append copies: the caller's array is left alone
	for _, in := range []*lint.Rule{input.Unreadable, input.Encoding, input.TooLarge, input.Degraded, input.Directive, input.UnusedDirective} {
		if !slices.ContainsFunc(list, func(r *lint.Rule) bool { return r.Name == in.Name }) {
			out = append(out, in)
		}
	}
	return out
}

// configLines gives findings located in the config file (coverage/gap at a
// product's line) their source line, for the text output's excerpt.
func (p *Project) configLines(findings []lint.Finding) {
	if p.ConfigRel == "" {
		return
	}
	var lines []string
	for i := range findings {
		d := &findings[i]
		if d.Path != p.ConfigRel || d.LineText != "" || d.Line < 1 {
			continue
		}
		if lines == nil {
			b, err := safeopen.ReadFile(p.Config.Path, config.MaxFileSize)
			if err != nil {
				return
			}
			lines = strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		}
		if d.Line <= len(lines) {
			d.LineText = lines[d.Line-1]
		}
	}
}

// Limits returns the extractors' limits: the defaults, with the values
// the config's limits: section sets.
func Limits(cfg *config.Config) extract.Limits {
	l := extract.DefaultLimits
	c := &cfg.Limits
	for _, f := range []struct {
		src int
		dst *int64
	}{
		{c.MaxFileSize, &l.MaxFileSize},
		{c.MaxZipTotal, &l.MaxZipTotal},
		{c.MaxZipRatio, &l.MaxZipRatio},
		{c.MaxPDFObjects, &l.MaxPDFObjects},
		{c.MaxPDFStreamBytes, &l.MaxPDFStreamBytes},
		{c.MaxPDFInflateBytes, &l.MaxPDFInflateBytes},
		{c.MaxPDFWork, &l.MaxPDFWork},
		{c.MaxFileMemory, &l.MaxFileMemory},
		{c.MaxWork, &l.MaxWork},
		{c.MaxRegexWork, &l.MaxRegexWork},
	} {
		if f.src > 0 {
			*f.dst = int64(f.src)
		}
	}
	for _, f := range []struct {
		src int
		dst *int
	}{
		{c.MaxZipEntries, &l.MaxZipEntries},
		{c.MaxXMLDepth, &l.MaxXMLDepth},
		{c.MaxNestingDepth, &l.MaxNestingDepth},
		{c.MaxElements, &l.MaxElements},
		{c.MaxPDFPages, &l.MaxPDFPages},
	} {
		if f.src > 0 {
			*f.dst = f.src
		}
	}
	if c.PDFTimeout > 0 {
		l.PDFTimeout = time.Duration(c.PDFTimeout) * time.Second
	}
	if c.FileTimeout > 0 {
		l.FileTimeout = time.Duration(c.FileTimeout) * time.Second
	}
	return l
}

// Policy builds the severity policy from the config and the command line.
func Policy(cfg *config.Config, ruleList []*lint.Rule, only, disable []string) (*driver.Policy, error) {
	pol := driver.NewPolicy(ruleList)
	for _, sel := range append(append([]string(nil), only...), disable...) {
		if !rules.Known(sel) {
			return nil, fmt.Errorf("unknown rule %q%s (see `msglint rules`)", sel, suggest(sel))
		}
	}
	pol.Only, pol.Disable = only, disable
	pol.KnownRule, pol.Suggest = rules.Known, suggest
	conv := func(m map[string]string) (map[string]lint.Severity, error) {
		out := map[string]lint.Severity{}
		for k, v := range m {
			s, err := lint.ParseSeverity(v)
			if err != nil {
				return nil, fmt.Errorf("rules: %s: %v", k, err)
			}
			out[k] = s
		}
		return out, nil
	}
	var err error
	if pol.Rules, err = conv(cfg.Rules); err != nil {
		return nil, err
	}
	// coverage.severity is the default of coverage/gap; `rules:` still wins.
	if cfg.Coverage.Severity != "" {
		if s, err := lint.ParseSeverity(cfg.Coverage.Severity); err == nil {
			pol.Defaults["coverage/gap"] = s
		}
	}
	for _, o := range cfg.Overrides {
		m, err := conv(o.Rules)
		if err != nil {
			return nil, err
		}
		pol.Overrides = append(pol.Overrides, driver.OverridePolicy{Files: o.Files, Rules: m})
	}
	return pol, nil
}

func suggest(sel string) string { return config.DidYouMean(sel, rules.Names()) }
