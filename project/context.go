// The configured corpus and its facts, computed once for many partial
// runs (msglint lsp: each keystroke lints one buffer against the facts of
// every other file, which it keeps instead of reading the corpus again).

package project

import (
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
	"github.com/msglint/msglint/rules"
)

// Corpus returns the configured corpus: the files discovery finds from
// the config's folder with the config's include and exclude, what a
// partial run reads as context. With no config file there is none (nil).
func (p *Project) Corpus() (*Files, error) {
	cfg := p.Config
	if cfg.Path == "" {
		return nil, nil
	}
	xo := &extract.Options{FrontMatter: cfg.FrontMatter, HTMLIgnore: cfg.HTML.Ignore, Limits: Limits(cfg)}
	return Inputs([]string{cfg.Dir}, InputOptions{Root: cfg.Dir, Include: cfg.Include, Exclude: cfg.Exclude, Extract: xo})
}

// ContextFacts reads inputs (files of Corpus) as a partial run reads its
// context files and returns each one's facts by path, for Options.Facts.
// opt's Rules, Only, Disable, Today, Jobs and Progress apply as in Run;
// the facts are valid for runs with the same ones and this Project. With
// no cross-asset rule enabled there are no facts to compute (an empty map).
func (p *Project) ContextFacts(inputs []driver.Input, opt Options) (map[string]lint.Exports, error) {
	ruleList := opt.Rules
	if ruleList == nil {
		ruleList = rules.All()
	} else {
		ruleList = withInputRules(ruleList)
	}
	pol, err := Policy(p.Config, ruleList, opt.Only, opt.Disable)
	if err != nil {
		return nil, &ConfigError{err}
	}
	out := make(map[string]lint.Exports, len(inputs))
	if !slices.ContainsFunc(ruleList, func(r *lint.Rule) bool { return driver.CrossAsset(r) && pol.Enabled(r) }) {
		return out, nil
	}
	today := opt.Today
	if today.IsZero() {
		today = time.Now()
	}
	dopt := driver.Options{Env: &lint.Env{Config: p.Config, Index: p.Index, Today: today}, Rules: ruleList, Policy: pol}
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	facts := make([]lint.Exports, len(inputs))
	var done atomic.Int64
	driver.Each(len(inputs), jobs, func(i int) bool {
		facts[i] = driver.ContextFacts(inputs[i], dopt)
		if opt.Progress != nil {
			opt.Progress(int(done.Add(1)), len(inputs))
		}
		return true
	})
	for i, in := range inputs {
		out[in.Path] = facts[i]
	}
	return out, nil
}
