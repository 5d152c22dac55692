// Package initcfg is `msglint init`: it reads a corpus, finds
// the product-like names in it and the folders that suggest funnel stages
// and teams, and proposes a starter msglint.yaml for a person to review.
//
// Heuristics (docs/init.md explains them to users):
//
//   - A name is product-like when one of its surface forms is CamelCase
//     (PostHog, eBay; not plural acronyms such as APIs), a run of two or
//     three capitalised words joined by a space or a hyphen (Acme Cloud,
//     Cloud-Sync), or carries ™ or ® right after it.
//   - Surface forms are grouped by match.LooseKey (case, spaces, hyphens,
//     dots and ™®© ignored); every capitalised form of a group counts, so
//     "Gitpod" joins the group of "GitPod". The most frequent form is the
//     canonical name; the others become variants.
//   - Noise: names inside code, URLs, paths and identifiers are not prose
//     (the extractors and the tokenizer drop them). A sentence-initial
//     capital only counts for the form it capitalises. Multi-word runs are
//     not taken from headings, titles and front matter (Title Case), runs
//     of four or more capitalised words are phrases, not names, and a run
//     loses its leading words when they are common words (The, Our, Try...,
//     or a sentence-initial word the corpus also writes in lower case). A
//     run needs one word the corpus never writes in lower case ("Customer
//     Success" is two ordinary words). All-capitals words of three or more
//     letters are acronyms or shouting.
//   - A name must be seen MinCount times (default 3) in all its forms.
//     Every name with two or more forms is proposed; of the names with a
//     single form, only the MaxSingle most frequent are.
//
// Init finds and reads its files through project.Inputs, the discovery
// and extraction `msglint check` uses (here with no config: no include or
// exclude globs, the default extraction options), and runs one analysis of
// its own through the driver (project/driver): the name scan (scan.go), whose
// per-document Run exports each document's name candidates and whose
// Finish groups them into names (names.go) and proposes funnel and team
// globs from the files' folders (paths.go). The analysis is not one of
// msglint's rules: `msglint rules` and the config do not know it.
package initcfg

import (
	"errors"

	"github.com/msglint/msglint/extract"
	"github.com/msglint/msglint/initcfg/glossary"
	"github.com/msglint/msglint/lint"
	"github.com/msglint/msglint/project"
	"github.com/msglint/msglint/project/driver"
)

// Options configure Propose.
type Options struct {
	// Root is the folder the config is written to; paths and globs are
	// relative to it.
	Root string
	// Paths to read (default: Root).
	Paths []string
	// MinCount is the minimum number of mentions of a name (default 3).
	MinCount int
	// MaxSingle bounds the names with a single form (default 30).
	MaxSingle int
	// Jobs bounds parallelism (default: number of CPUs).
	Jobs int
	// From are glossary files to import (msglint init --from): their terms
	// come first and replace the proposed names they cover.
	From []string
	// Columns maps unusual sheet headers to column roles (--columns).
	Columns glossary.Columns
	// Progress, when set, is called after each file.
	Progress func(done, total int)
}

// Proposal is what init proposes.
type Proposal struct {
	// Imported are the terms and forbidden phrases of the glossaries
	// imported (--from), in the order given; Sources names them.
	Imported   *glossary.Result
	Sources    []string
	Files      int // files read
	Unreadable int // files that could not be read
	Names      []Name
	Stages     []PathRule // in stage order, then glob
	Teams      []PathRule // in team order, then glob
}

// Propose reads the corpus and proposes names, stages and teams.
func Propose(opt Options) (*Proposal, error) {
	if opt.MinCount <= 0 {
		opt.MinCount = 3
	}
	if opt.MaxSingle <= 0 {
		opt.MaxSingle = 30
	}
	paths := opt.Paths
	if len(paths) == 0 {
		paths = []string{opt.Root}
	}
	files, err := project.Inputs(paths, project.InputOptions{Root: opt.Root,
		Extract: &extract.Options{FrontMatter: initFrontMatter(extract.DefaultFrontMatter), Limits: extract.DefaultLimits}})
	if err != nil {
		return nil, err
	}
	p := &Proposal{Files: len(files.Inputs), Sources: opt.From}
	if len(opt.From) > 0 {
		if p.Imported, err = Import(opt.From, glossary.Options{Columns: opt.Columns}); err != nil {
			return nil, err
		}
	}
	a := nameScan(p, opt)
	res := driver.Run(files.Inputs, driver.Options{Env: &lint.Env{}, Analyses: []lint.Corpus{a}, Jobs: opt.Jobs, Progress: opt.Progress})
	// The findings on documents (unreadable files) are not init's
	// business; one on "." is the analysis' Finish failing.
	for _, f := range res.Findings {
		if f.Path == "." {
			return nil, errors.New(f.Message)
		}
	}
	p.mergeImported()
	return p, nil
}
