package driver

import (
	"crypto/sha256"
	"hash/maphash"
	"sync"

	"github.com/msglint/msglint/content"
	"github.com/msglint/msglint/lint"
)

// The findings keep offsets, not their files' text (lint/source.go): after
// the run, the files that have findings needing their source are read
// again, one at a time, and those findings' lines and surrounding text
// are filled in. A file whose bytes changed since it was linted (its hash
// differs) or that cannot be read again gives no line: its findings are
// shown without their excerpt, never with the wrong one.

// srcSeed hashes the sources of one run.
var srcSeed = maphash.MakeSeed()

// keepSource records what the end of the run needs to find doc's source
// again: its hash when the input can read it again, else the source.
func keepSource(r *docResult, in Input, doc *content.Document, opt *Options) {
	if len(doc.Src) == 0 {
		return
	}
	if opt.sums && !r.hasSum {
		r.sum, r.hasSum = sha256.Sum256(doc.Src), true
	}
	if in.Source == nil {
		r.src = doc.Src
		return
	}
	r.hash = maphash.Bytes(srcSeed, doc.Src)
}

// fillSources fills the sites of fs that need their file's source
// (lint.Site.Need) from it: lines only when the output shows them. The
// files are read on up to jobs goroutines, each file once.
func fillSources(fs []lint.Finding, results []docResult, inputs []Input, docs map[string]*content.Document, opt *Options, jobs int) {
	locate := func(need map[string][]*lint.Site) map[string]int {
		byPath := make(map[string]int, len(need))
		for i := range inputs {
			if _, ok := need[inputs[i].Path]; ok {
				byPath[inputs[i].Path] = i
			}
		}
		return byPath
	}
	fillSourcesOf(fs, locate, results, inputs, docs, opt, jobs)
}

// fillSourcesOf is fillSources with locate finding the index of each
// path of need among the inputs and results (a path it leaves out is
// not an input).
func fillSourcesOf(fs []lint.Finding, locate func(need map[string][]*lint.Site) map[string]int, results []docResult, inputs []Input, docs map[string]*content.Document, opt *Options, jobs int) {
	lines := !opt.NoLineText
	var need map[string][]*lint.Site
	add := func(s *lint.Site) {
		if s.Need == 0 {
			return
		}
		if !s.NeedsSource(lines) {
			s.Need = 0
			return
		}
		if need == nil {
			need = map[string][]*lint.Site{}
		}
		need[s.Path] = append(need[s.Path], s)
	}
	for i := range fs {
		f := &fs[i]
		add(&f.Site)
		for j := range f.Related {
			add(&f.Related[j])
		}
	}
	if len(need) == 0 {
		return
	}
	type file struct {
		i     int // index in inputs and results, -1: not an input
		sites []*lint.Site
	}
	byPath := locate(need)
	files := make([]file, 0, len(need))
	for path, sites := range need {
		i, ok := byPath[path]
		if !ok {
			i = -1
		}
		files = append(files, file{i, sites})
	}
	var wg sync.WaitGroup
	var next sync.Mutex
	k := 0
	for w := 0; w < min(jobs, len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				j := k
				k++
				next.Unlock()
				if j >= len(files) {
					return
				}
				f := &files[j]
				var src []byte
				if f.i >= 0 {
					src = sourceOf(&results[f.i], inputs[f.i], docs)
				}
				var s *lint.Source
				if src != nil {
					s = lint.NewSource(src)
				}
				for _, site := range f.sites {
					if s != nil {
						site.FillSource(s, lines)
					}
					site.Need = 0
				}
			}
		}()
	}
	wg.Wait()
}

// sourceOf returns the source of r's document: kept, or read again and
// checked against its hash (nil when it cannot be had).
func sourceOf(r *docResult, in Input, docs map[string]*content.Document) []byte {
	if r.src != nil {
		return r.src
	}
	if d := docs[in.Path]; d != nil && len(d.Src) > 0 {
		return d.Src
	}
	if in.Source == nil || r.hash == 0 && !r.hasSum {
		return nil
	}
	var src []byte
	if err := safeCall(func() error {
		var err error
		src, err = in.Source()
		return err
	}); err != nil {
		return nil
	}
	// a result from this run has this process' hash; one from the cache
	// or a shard file, its SHA-256
	if r.hash != 0 && maphash.Bytes(srcSeed, src) != r.hash || r.hash == 0 && sha256.Sum256(src) != r.sum {
		return nil
	}
	return src
}
