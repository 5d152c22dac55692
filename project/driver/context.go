// A partial run's context: the files of the corpus it did not name, read
// for the cross-asset rules' facts only (Input.Context), or given with
// their facts computed before (Input.Facts, ContextFacts), as the language
// server does: it reads the corpus once and lints a buffer on each
// keystroke against the facts it keeps.

package driver

import (
	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// ContextFacts reads a file as a partial run's context file (Input.Context)
// and returns its facts: what Run would compute for it as context with the
// same rules, policy and Env. The result is never nil (an empty list for a
// file with no facts or that cannot be read), so it can be given back as
// Input.Facts. It does not retain the document.
func ContextFacts(in Input, opt Options) lint.Exports {
	if opt.Policy == nil {
		opt.Policy = NewPolicy(opt.Rules)
	}
	in.Context, in.Facts = true, nil
	r := runContext(in, &opt, docResult{file: lint.File{Path: in.Path, Format: in.Format}})
	if r.facts == nil {
		return lint.Exports{}
	}
	return r.facts
}

// runContext reads a context file (Input.Context) for the cross-asset
// rules' facts: their Run only, its diagnostics dropped; a file that
// cannot be read adds no facts and no finding. With Input.Facts, those are
// its facts and nothing is read (so a related site in that file gets no
// source line at the end of the run: the file may have changed since).
func runContext(in Input, opt *Options, r docResult) docResult {
	if in.Facts != nil {
		r.facts = in.Facts
		return r
	}
	var doc *content.Document
	if err := safeCall(func() error {
		var err error
		doc, err = in.Load()
		return err
	}); err != nil || doc == nil {
		return r
	}
	doc.Path = in.Path
	if doc.Format != "" {
		r.file.Format = doc.Format
	}
	pass := lint.NewPass(opt.Env, doc)
	var fs []lint.Diagnostic
	for _, rule := range opt.Rules {
		if !CrossAsset(rule) || !opt.Policy.Enabled(rule) {
			continue
		}
		_ = safeCall(func() error {
			var err error
			fs, r.facts, err = pass.RunRule(rule, fs, r.facts)
			return err
		})
	}
	pass.Release()
	keepSource(&r, in, doc, opt)
	return r
}

// CrossAsset reports whether rule judges a file against the others with
// facts its Run exports (naming/inconsistent, consistency/claim-conflict):
// on a partial run, it reads the rest of the corpus for those facts.
func CrossAsset(rule *lint.Rule) bool {
	return rule.Run != nil && rule.Finish != nil && len(rule.FactTypes) > 0 && !rule.CorpusOnly
}
