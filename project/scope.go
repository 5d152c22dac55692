package project

import (
	"path/filepath"
	"slices"

	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project/driver"
)

// A run's scope: the whole configured corpus, or part of it with the rest
// read as context.

// scope decides a run's scope (the policy chain's scope step) and its
// inputs. The whole configured corpus is what discovery finds from the
// config's folder with the config's include and exclude; a run whose
// PATHs, --include and --exclude select fewer files is partial: it reports
// only on the files it names, and when a cross-asset rule
// (driver.CrossAsset) is enabled, the rest of the corpus is read as
// context, for those rules' facts only, so that a named file is judged
// against the whole corpus. A partial or --changed-since run does not run
// the corpus-only rules (coverage/gap). With no config file there is no
// configured corpus: the run is about what it names.
func (p *Project) scope(opt Options, named *Files, corpusWalk <-chan walked, ruleList []*lint.Rule, pol *driver.Policy) ([]driver.Input, *driver.Scope, error) {
	inputs := named.Inputs
	var sc *driver.Scope
	if opt.ChangedSince != nil {
		sc = &driver.Scope{}
	}
	if corpusWalk == nil {
		return inputs, sc, nil
	}
	w := <-corpusWalk
	corpus, err := w.files, w.err
	if err != nil {
		return nil, nil, err
	}
	paths := make([]string, len(inputs))
	for i := range inputs {
		paths[i] = inputs[i].Path
	}
	namedScope := driver.NewScope(paths)
	var rest []driver.Input
	for _, f := range corpus.Inputs {
		if !namedScope.Has(f.Path) {
			f.Context, f.Facts = true, opt.Facts[f.Path]
			rest = append(rest, f)
		}
	}
	if len(rest) == 0 {
		return inputs, sc, nil
	}
	sc = namedScope
	if slices.ContainsFunc(ruleList, func(r *lint.Rule) bool { return driver.CrossAsset(r) && pol.Enabled(r) }) {
		inputs = append(slices.Clip(inputs), rest...)
	}
	return inputs, sc, nil
}

// walked is a discovery walk's result.
type walked struct {
	files *Files
	err   error
}

// walkCorpus starts the walk of the whole configured corpus that a run
// naming part of it needs (scope), beside the walk of what it names; nil
// when the run is the whole corpus: its PATHs include the config's folder
// and it has no --include or --exclude (standard input is one file: never
// the whole corpus), or there is no config file.
func (p *Project) walkCorpus(paths []string, opt Options, read func(string) ([]byte, bool), xo *extract.Options) <-chan walked {
	cfg := p.Config
	whole := cfg.Path == "" || opt.Stdin == nil && len(opt.Include) == 0 && len(opt.Exclude) == 0 &&
		slices.ContainsFunc(paths, func(path string) bool { return filepath.Clean(path) == filepath.Clean(cfg.Dir) })
	if whole {
		return nil
	}
	c := make(chan walked, 1)
	go func() {
		f, err := Inputs([]string{cfg.Dir}, InputOptions{Root: cfg.Dir, Include: cfg.Include, Exclude: cfg.Exclude, Extract: xo, Read: read})
		c <- walked{f, err}
	}()
	return c
}
