// Package driver runs rules over a corpus: a worker pool extracts each
// file and runs every rule on it, the settlers and the Finish functions run
// once after, and the policy decides what is reported. It knows rules only
// through package lint and no file format at all.
package driver

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Input is one file to lint.
type Input struct {
	// Path is the relative, slash-separated path reported in findings.
	Path string
	// Abs is the file's absolute path ("": none, standard input), for
	// the content cache.
	Abs string
	// Format is the file's format (for the asset record when extraction fails).
	Format string
	// Load reads and extracts the file. It is called once, in a worker.
	Load func() (*content.Document, error)
	// Source, when set, reads the file's bytes again (the Src that Load's
	// document had), for the source lines and text of the findings that
	// need them after the run (lint.SourceNeed): the run then keeps no
	// source. Unset (standard input), the document's Src is kept until
	// the end of the run.
	Source func() ([]byte, error)
	// Context marks a file of the corpus that a partial run did not name,
	// read only for the facts the cross-asset rules' Finish functions
	// judge the named files with: only those rules' Run runs on it (for
	// their facts), no corpus analysis does, and nothing is reported on
	// it (not even an input error). It is not counted in Result.Files.
	Context bool
	// Facts, when not nil on a Context input, are the file's facts as
	// ContextFacts computed them before (context.go): the file is not read.
	Facts lint.Exports
}

// Options configure Run.
type Options struct {
	Env   *lint.Env
	Rules []*lint.Rule
	// Policy configures the policy chain (policy.go) every finding goes
	// through. Nil: the rules' defaults.
	Policy *Policy
	// Jobs bounds parallelism (default: number of CPUs).
	Jobs int
	// Analyses are the corpus analyses to run, in order (the funnel
	// stages, the report's usage tables): each one's per-document part
	// runs on every document before the rules; its Finish runs once after
	// every document, in this order, before the rules' Finish functions.
	// A Finish sees the files in path order only, so it is deterministic.
	Analyses []lint.Corpus
	// Progress, when set, is called after each file (from worker goroutines).
	Progress func(done, total int)
	// KeepDocs keeps every Document in the Result (fix needs sources).
	KeepDocs bool
	// Cache, when set, keeps each file's result between runs (cache.go);
	// unused with KeepDocs or an analysis without a codec.
	Cache Cache
	// sums: every result gets its source's SHA-256 (docResult.sum), for
	// shard files (Collect).
	sums bool
	// spillFindings: each file's findings wait for the end of the run
	// encoded in Env.Spill (Run; not Collect, which encodes them itself).
	spillFindings bool
	// NoLineText leaves the findings' LineText empty: the output format
	// does not show source lines, so no file is read again for them.
	NoLineText bool
	// Stream leaves the findings in the run's spill (Env.Spill) until the
	// output reads them (Result.EachBatch), a few files at a time, when no
	// step needs them all at once (the chain's list steps, KeepDocs):
	// the result's Findings are then nil until Materialize. The caller
	// closes the result when done with it.
	Stream bool
	// FilesDone, when set, is called once the per-file work is done and
	// before the cross-asset steps (the CLI tightens the collector there:
	// internal/cli/gc.go).
	FilesDone func()
}

// docResult is what one worker produces for one file.
type docResult struct {
	file   lint.File
	diags  []lint.Finding
	facts  lint.Exports
	corpus []any // each corpus analysis' per-document result
	dirs   *fileDirectives
	doc    *content.Document
	// context: the input was a context file (Input.Context)
	context bool
	// src is the document's source when the input cannot read it again
	// (Input.Source unset); else hash is its hash, to check the second
	// read against (source.go).
	src  []byte
	hash uint64
	// sum, when hasSum, is the SHA-256 of the document's source: the
	// content cache's and the shards' stable hash (hash is this
	// process's), which a result decoded from them is checked against.
	sum    [32]byte
	hasSum bool
	// spilled holds the file's nSpilled findings, encoded, instead of
	// diags (Options.spillFindings): pointer-free and, in a big run, out
	// of the heap until settle decodes them into the result.
	spilled  lint.Spilled
	nSpilled int
}

// Run lints every input and then runs every rule's Finish.
func Run(inputs []Input, opt Options) *Result {
	start := time.Now()
	setDefaults(&opt)
	opt.spillFindings = opt.Env != nil && opt.Env.Spill != nil
	rc := runCacheOf(inputs, &opt)
	if rc != nil {
		if res := cachedRun(rc, inputs, &opt); res != nil {
			res.Duration = time.Since(start)
			return res
		}
	}
	results := collect(inputs, &opt)
	if opt.FilesDone != nil {
		opt.FilesDone()
	}
	res := settle(results, inputs, &opt, rc)
	res.Duration = time.Since(start)
	return res
}

func setDefaults(opt *Options) {
	if opt.Policy == nil {
		opt.Policy = NewPolicy(opt.Rules)
	}
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.Env != nil && opt.Env.Jobs == 0 {
		opt.Env.Jobs = opt.Jobs
	}
}

// collect runs the per-file work on every input, on opt.Jobs workers.
func collect(inputs []Input, opt *Options) []docResult {
	results := make([]docResult, len(inputs))
	var done atomic.Int64
	one := runOne
	if cacheable(opt) {
		one = runCached
	}
	Each(len(inputs), opt.Jobs, func(i int) bool {
		results[i] = one(inputs[i], opt)
		results[i].context = inputs[i].Context
		parkCorpus(&results[i], opt)
		if opt.spillFindings {
			spillFindings(&results[i], opt.Env)
		}
		if opt.Progress != nil {
			opt.Progress(int(done.Add(1)), len(inputs))
		}
		return true
	})
	return results
}

// parkCorpus hands each analysis's result of r's document to the
// analysis's Park (lint.CorpusAnalysis): it waits for Finish in the form
// Park gives it. A Park that panics keeps the result it was given and
// gives the file an internal-error finding, as a panicking analysis does.
func parkCorpus(r *docResult, opt *Options) {
	for ai, a := range opt.Analyses {
		if ai >= len(r.corpus) || r.corpus[ai] == nil {
			continue
		}
		d := r.corpus[ai]
		if err := safeCall(func() error { d = lint.ParkCorpusDoc(opt.Env, a, d); return nil }); err != nil {
			s := sink{pol: opt.Policy, path: r.file.Path, dirs: r.dirs}
			s.internalError(r.file.Path, fmt.Sprintf("internal error in analysis %s: %v", a.AnalysisName(), err))
			r.diags = append(r.diags, s.out...)
			continue
		}
		r.corpus[ai] = d
	}
}

// settle runs what comes after every file (the corpus analyses' and the
// rules' Finish, the list steps of the chain) on the files' results.
func settle(results []docResult, inputs []Input, opt *Options, rc RunCache) *Result {
	jobs := opt.Jobs
	res := &Result{Partial: opt.Policy.Scope.Partial()}
	if opt.KeepDocs {
		res.Docs = map[string]*content.Document{}
	}
	dirsByPath := map[string]*fileDirectives{}
	for i := range results {
		r := &results[i]
		if r.dirs != nil {
			dirsByPath[r.file.Path] = r.dirs
		}
		if opt.KeepDocs && r.doc != nil {
			res.Docs[r.file.Path] = r.doc
		}
	}
	// Everything after the documents sees them in path order only, so
	// the outcome does not depend on the workers.
	// The corpus analyses and the Finish functions see the files in
	// scope; the facts come from every file read (context files too).
	all := make([]int, len(results))
	for i := range all {
		all[i] = i
	}
	sort.Slice(all, func(a, b int) bool { return results[all[a]].file.Path < results[all[b]].file.Path })
	order := all
	if slices.ContainsFunc(results, func(r docResult) bool { return r.context }) {
		order = make([]int, 0, len(all))
		for _, i := range all {
			if !results[i].context {
				order = append(order, i)
			}
		}
	}
	res.Files = len(order)
	files := make([]lint.File, len(order))
	for k, i := range order {
		files[k] = results[i].file
	}
	settled := sink{pol: opt.Policy}
	res.Analyses = lint.NewResults()
	var kept [][]any // the analyses' settled documents, for rc
	if rc != nil {
		kept = make([][]any, len(opt.Analyses))
	}
	for ai, a := range opt.Analyses {
		docs := make([]any, len(order))
		if kept != nil {
			kept[ai] = docs
		}
		for k, i := range order {
			if c := results[i].corpus; c != nil {
				docs[k] = c[ai]
			}
		}
		if err := safeCall(func() error { lint.RunCorpusFinish(opt.Env, a, files, docs, res.Analyses); return nil }); err != nil {
			settled.internalError(".", fmt.Sprintf("internal error in analysis %s: %v", a.AnalysisName(), err))
		}
	}
	for i := range results {
		results[i].corpus = nil // the analyses' results hold what they keep
	}
	facts := lint.FactTable{}
	for _, i := range all {
		if len(results[i].facts) > 0 {
			facts.AddFacts(results[i].file.Path, results[i].facts)
			results[i].facts = nil
		}
	}

	finished := finish(files, facts, res.Analyses, dirsByPath, opt)
	// Every finding has been through the directives step: the disable
	// directives that suppressed nothing are known.
	unused := sink{pol: opt.Policy}
	for _, i := range order {
		if r := &results[i]; r.dirs != nil {
			unused.path, unused.dirs = r.file.Path, r.dirs
			unused.reportUnused()
		}
	}
	finished = append(finished, unused.out...)

	if streams(opt) {
		return settleStream(res, results, inputs, all, finished, &settled, opt, rc, files, kept)
	}
	// The documents' findings, then the cross-document ones, in one slice
	// of the exact size, copied on every core (a big run has tens of
	// thousands of findings, and this is the serial tail of the run).
	offs := make([]int, len(results)+1)
	for i := range results {
		offs[i+1] = offs[i] + len(results[i].diags) + results[i].nSpilled
	}
	res.Findings = make([]lint.Finding, offs[len(results)], offs[len(results)]+len(finished))
	names := ruleNames(opt)
	var lostMu sync.Mutex
	var lost []int // files whose findings could not be read back
	parallelChunks(len(results), offs[len(results)], jobs, func(lo, hi int) {
		var buf []byte
		sh := newSharer(names)
		for i := lo; i < hi; i++ {
			r := &results[i]
			if r.nSpilled > 0 {
				var err error
				if buf, err = unspillFindings(r, res.Findings[offs[i]:offs[i+1]], buf, sh); err != nil {
					lostMu.Lock()
					lost = append(lost, i)
					lostMu.Unlock()
				}
				continue
			}
			copy(res.Findings[offs[i]:], r.diags)
			r.diags = nil // what a run keeps does not grow twice
		}
	}, func(i int) int { return offs[i] })
	if len(lost) > 0 {
		// their slots are empty (no rule): dropped, and each file says why
		res.Findings = slices.DeleteFunc(res.Findings, func(f lint.Finding) bool { return f.Rule == "" })
		slices.Sort(lost)
		for _, i := range lost {
			settled.internalError(results[i].file.Path, lostSpillMessage)
		}
	}
	spillError(&settled, opt)
	res.Findings = append(res.Findings, finished...)
	res.Findings = append(res.Findings, settled.out...)
	SortFindings(res.Findings)
	if rc != nil {
		keepRun(rc, res, files, kept, results, inputs, opt)
	}
	fillSources(res.Findings, results, inputs, res.Docs, opt, jobs)
	res.Findings, res.Unfiltered = opt.Policy.filterList(res.Findings)
	return res
}

// finish runs the cross-document rules, each on its own goroutine, with
// facts in path order, and returns their findings, through the policy
// chain's per-finding steps, in rule order.
func finish(files []lint.File, facts lint.FactTable, results *lint.Results, dirsByPath map[string]*fileDirectives, opt *Options) []lint.Finding {
	type out struct {
		fs  []lint.Diagnostic
		err error
	}
	outs := make([]out, len(opt.Rules))
	var wg sync.WaitGroup
	for ri, rule := range opt.Rules {
		if rule.Finish == nil || !opt.Policy.Enabled(rule) || rule.CorpusOnly && opt.Policy.Scope != nil {
			continue
		}
		corpus := lint.NewCorpusPass(opt.Env, rule, files, facts, results)
		wg.Add(1)
		go func() {
			defer wg.Done()
			var fs []lint.Diagnostic
			err := safeCall(func() error {
				var err error
				fs, err = corpus.RunFinish()
				return err
			})
			outs[ri] = out{fs, err}
		}()
	}
	wg.Wait()
	s := sink{pol: opt.Policy}
	for ri, rule := range opt.Rules {
		o := &outs[ri]
		if o.err != nil {
			s.internalError(".", fmt.Sprintf("internal error in rule %s: %v", rule.Name, o.err))
		}
		for i := range o.fs {
			f := &o.fs[i]
			if f.Site == nil {
				continue
			}
			s.path, s.dirs = f.Site.Path, dirsByPath[f.Site.Path]
			s.diag(rule.Name, f)
		}
	}
	return s.out
}

func safeCall(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if be, ok := content.AsBudgetError(r); ok {
				err = be.InputError() // the file's budget: a finding, not an internal error
				return
			}
			err = fmt.Errorf("panic: %v", r)
			if os.Getenv("MSGLINT_DEBUG") != "" {
				err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
			}
		}
	}()
	return f()
}

func runOne(in Input, opt *Options) (r docResult) {
	r.file = lint.File{Path: in.Path, Format: in.Format}
	if in.Context {
		return runContext(in, opt, r)
	}
	s := sink{pol: opt.Policy, path: in.Path}
	var doc *content.Document
	err := safeCall(func() error {
		var err error
		doc, err = in.Load()
		return err
	})
	if err != nil || doc == nil {
		rule := content.RuleUnreadable
		var ie *content.InputError
		if errors.As(err, &ie) && ie.Rule != "" {
			rule = ie.Rule
		}
		if err == nil {
			err = errors.New("no document")
		}
		s.inputError(rule, err.Error())
		r.diags = s.out
		return r
	}
	doc.Path = in.Path
	if doc.Format != "" {
		r.file.Format = doc.Format
	}
	r.dirs = newFileDirectives(in.Path, doc)
	s.doc, s.dirs = doc, r.dirs
	s.checkDirectiveRules()
	pass := lint.NewPass(opt.Env, doc)
	spent := false // the file's budget ran out: no more work on it, one finding
	if len(opt.Analyses) > 0 {
		r.corpus = make([]any, len(opt.Analyses))
		for ai, a := range opt.Analyses {
			if spent {
				break
			}
			if err := safeCall(func() error { r.corpus[ai] = pass.RunCorpusDoc(a); return nil }); err != nil {
				if spent = overBudget(&s, err); !spent {
					s.internalError(in.Path, fmt.Sprintf("internal error in analysis %s: %v", a.AnalysisName(), err))
				}
			}
		}
	}
	for i := range doc.Notes {
		s.note(&doc.Notes[i])
	}
	// One diagnostics buffer for every rule (its diagnostics go through the
	// policy chain before the next rule runs); the document's facts of
	// every rule go into one list.
	var fs []lint.Diagnostic
	for _, rule := range opt.Rules {
		if spent {
			break
		}
		if rule.Run == nil || !opt.Policy.Enabled(rule) {
			continue
		}
		if err := safeCall(func() error {
			var err error
			fs, r.facts, err = pass.RunRule(rule, fs, r.facts)
			return err
		}); err != nil {
			if overBudget(&s, err) {
				break // the file's budget is spent: no more rules on it
			}
			s.internalError(in.Path, fmt.Sprintf("internal error in rule %s: %v", rule.Name, err))
			continue
		}
		for i := range fs {
			s.diag(rule.Name, &fs[i])
		}
	}
	pass.Release()
	r.diags = s.out
	if cap(r.diags) > len(r.diags)+len(r.diags)/4 {
		r.diags = slices.Clone(r.diags) // kept to the end of the run: no spare room
	}
	if opt.KeepDocs {
		r.doc = doc
	}
	keepSource(&r, in, doc, opt)
	return r
}
