package driver

import (
	"time"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// Result is the outcome of a run.
type Result struct {
	Findings []lint.Finding // what the policy chain kept, sorted by path, line, column, rule
	// Analyses holds the corpus analyses' results (lint.CorpusResult).
	Analyses *lint.Results
	Docs     map[string]*content.Document
	Files    int // files read (a partial run's context files not counted)
	Skipped  int // files of unknown kinds (set by the caller)
	Duration time.Duration
	// Unfiltered is what the chain kept before --changed-since and
	// --baseline, when Policy.KeepUnfiltered (for --write-baseline).
	Unfiltered []lint.Finding
	// Partial says the run named fewer files than the configured corpus
	// (Policy.Scope): corpus checks were limited to the named files.
	Partial bool

	// stream, when set, holds the findings (Options.Stream; stream.go).
	stream *stream
	// closers run at Close (the run's spill, which stream reads).
	closers []func()
}

// Streamed reports whether the result's findings wait in the run's spill
// (Options.Stream): Findings is nil, EachBatch gives them.
func (r *Result) Streamed() bool { return r.stream != nil }

// EachBatch calls fn with the result's findings in order (Findings'
// order): a streamed result's a few files at a time, decoded as they are
// needed, any other's in one batch. fn must not keep the slice. A
// streamed result's counts (Counts) are those of the last whole pass.
func (r *Result) EachBatch(fn func([]lint.Finding) error) error {
	if r.stream != nil {
		return r.stream.each(true, fn)
	}
	return fn(r.Findings)
}

// Settled returns a streamed result's findings that are in no file's
// spill (the cross-file rules', the run's internal errors), sorted, to be
// changed in place (nil when the result is not streamed).
func (r *Result) Settled() []lint.Finding {
	if r.stream == nil {
		return nil
	}
	return r.stream.extras
}

// Materialize decodes a streamed result's findings into Findings: the
// result is then like any other.
func (r *Result) Materialize() error {
	if r.stream == nil {
		return nil
	}
	fs := make([]lint.Finding, 0, r.stream.len())
	if err := r.stream.each(true, func(b []lint.Finding) error {
		fs = append(fs, b...)
		return nil
	}); err != nil {
		return err
	}
	r.Findings, r.stream = fs, nil
	return nil
}

// CloseWith adds f to what Close runs.
func (r *Result) CloseWith(f func()) { r.closers = append(r.closers, f) }

// Close runs what the result's owner gave it to release (CloseWith):
// the run's spill of a streamed result. A streamed result's findings
// cannot be read after it.
func (r *Result) Close() {
	for _, f := range r.closers {
		f()
	}
	r.closers = nil
}

// Counts returns the number of errors, warnings and infos. A streamed
// result's are those of its last whole pass (EachBatch); without one, a
// pass is made.
func (r *Result) Counts() (errs, warns, infos int) {
	if s := r.stream; s != nil {
		s.mu.Lock()
		counted := s.counted
		s.mu.Unlock()
		if !counted {
			_ = s.each(false, func([]lint.Finding) error { return nil }) // (a pass that consumes nothing cannot fail)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.counts.errs, s.counts.warns, s.counts.infos
	}
	var c counts
	c.add(r.Findings)
	return c.errs, c.warns, c.infos
}

// counts are findings' numbers by severity.
type counts struct{ errs, warns, infos int }

func (c *counts) add(fs []lint.Finding) {
	for i := range fs {
		switch fs[i].Severity {
		case lint.Error:
			c.errs++
		case lint.Warning:
			c.warns++
		case lint.Info:
			c.infos++
		}
	}
}
