// A streamed result: the findings stay encoded in the run's spill after
// the run, and the output decodes them a few files at a time, in path
// order, instead of the whole run's findings in one slice (at 100,000
// bench files, 355,000 findings: about 82 MB of lint.Finding structs and
// their strings, which the collector then let the heap grow to twice).

package driver

import (
	"sort"
	"sync"

	"github.com/msglint/msglint/lint"
)

// settleStream ends settle for a streamed result: the findings of no
// file's spill (finished, settled's) sorted beside the files', which stay
// in the spill.
func settleStream(res *Result, results []docResult, inputs []Input, all []int, finished []lint.Finding, settled *sink, opt *Options, rc RunCache, files []lint.File, kept [][]any) *Result {
	spillError(settled, opt)
	extras := append(finished, settled.out...)
	SortFindings(extras)
	res.stream = newStream(results, inputs, all, extras, opt)
	if rc != nil {
		keepRun(rc, res, files, kept, results, inputs, opt)
	}
	return res
}

// stream is what a streamed result decodes its findings from.
type stream struct {
	results []docResult
	inputs  []Input
	order   []int // results in path order
	// extras are the findings that are in no file's spill (the Finish
	// functions', the unused directives', the settle step's internal
	// errors), through the chain's per-finding steps and sorted.
	extras []lint.Finding
	opt    *Options
	names  map[string]string
	blocks []block

	mu   sync.Mutex
	lost map[int]bool // results whose findings could not be read back
	// counted: a whole pass went through; the counts are its.
	counted bool
	counts  counts
}

// block is a run of consecutive paths of a stream: order[fileLo:fileHi]
// and extras[extraLo:extraHi], never a path cut in two.
type block struct {
	fileLo, fileHi, extraLo, extraHi int
}

// streamBlock is about how many findings a block holds: a streamed pass
// keeps at most two blocks a worker decoded and not yet consumed. A
// variable for the tests.
var streamBlock = 4096

// streams reports whether a run's findings can stay in the spill to the
// output: they are spilled (every file's: collect spills them all),
// opt.Stream asks for it, and no step needs them all at once (the chain's
// list steps; fix's documents).
func streams(opt *Options) bool {
	return opt.Stream && opt.spillFindings && !opt.KeepDocs && !opt.Policy.hasListSteps()
}

// newStream makes the stream of a settled run and cuts it into blocks.
func newStream(results []docResult, inputs []Input, order []int, extras []lint.Finding, opt *Options) *stream {
	s := &stream{results: results, inputs: inputs, order: order, extras: extras, opt: opt, names: ruleNames(opt)}
	i, j := 0, 0
	b := block{}
	n := 0
	for i < len(order) || j < len(extras) {
		p := s.nextPath(i, len(order), j, len(extras))
		if i < len(order) && results[order[i]].file.Path == p {
			n += results[order[i]].nSpilled
			i++
		}
		for j < len(extras) && extras[j].Path == p {
			n++
			j++
		}
		if n >= streamBlock {
			b.fileHi, b.extraHi = i, j
			s.blocks = append(s.blocks, b)
			b = block{fileLo: i, extraLo: j}
			n = 0
		}
	}
	if b.fileLo < len(order) || b.extraLo < len(extras) {
		b.fileHi, b.extraHi = len(order), len(extras)
		s.blocks = append(s.blocks, b)
	}
	return s
}

// nextPath is the smaller of the paths of order[i] and extras[j], of
// those below iHi and jHi.
func (s *stream) nextPath(i, iHi, j, jHi int) string {
	switch {
	case i >= iHi:
		return s.extras[j].Path
	case j >= jHi:
		return s.results[s.order[i]].file.Path
	}
	return min(s.results[s.order[i]].file.Path, s.extras[j].Path)
}

// len is the number of findings a pass gives when every file's findings
// are read back.
func (s *stream) len() int {
	n := len(s.extras)
	for _, i := range s.order {
		n += s.results[i].nSpilled
	}
	return n
}

// spilledBytes is the size of the encoded findings in the spill.
func (s *stream) spilledBytes() int {
	n := 0
	for _, i := range s.order {
		n += s.results[i].spilled.Len()
	}
	return n
}

// decodeBlock returns block b's findings, in the order settle sorts them
// in: each path's findings from its file's spill, then its extras, sorted
// (SortFindings is stable, and its first key is the path). With fill, the
// sites that need their file's source get it (fillSources).
func (s *stream) decodeBlock(b block, fill bool, sh *sharer, buf *[]byte) []lint.Finding {
	n := b.extraHi - b.extraLo
	for _, i := range s.order[b.fileLo:b.fileHi] {
		n += s.results[i].nSpilled
	}
	out := make([]lint.Finding, 0, n)
	i, j := b.fileLo, b.extraLo
	for i < b.fileHi || j < b.extraHi {
		p := s.nextPath(i, b.fileHi, j, b.extraHi)
		start := len(out)
		lostFile := false
		if i < b.fileHi && s.results[s.order[i]].file.Path == p {
			r := &s.results[s.order[i]]
			if r.nSpilled > 0 {
				lostFile = s.isLost(s.order[i])
				if !lostFile {
					dst := out[start : start+r.nSpilled]
					var err error
					if *buf, err = readSpilled(r, dst, *buf, sh); err != nil {
						s.setLost(s.order[i])
						lostFile = true
					} else {
						out = out[:start+r.nSpilled]
					}
				}
			}
			i++
		}
		for j < b.extraHi && s.extras[j].Path == p {
			out = append(out, s.extras[j])
			j++
		}
		if lostFile {
			ls := sink{pol: s.opt.Policy}
			ls.internalError(p, lostSpillMessage)
			out = append(out, ls.out...)
		}
		SortFindings(out[start:])
	}
	if fill {
		fillSourcesOf(out, s.locate, s.results, s.inputs, nil, s.opt, 1)
	}
	return out
}

// locate finds the paths of need among the stream's files (by binary
// search: they are in path order), for fillSourcesOf.
func (s *stream) locate(need map[string][]*lint.Site) map[string]int {
	byPath := make(map[string]int, len(need))
	for path := range need {
		k := sort.Search(len(s.order), func(k int) bool { return s.results[s.order[k]].file.Path >= path })
		if k < len(s.order) && s.results[s.order[k]].file.Path == path {
			byPath[path] = s.order[k]
		}
	}
	return byPath
}

func (s *stream) isLost(i int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lost[i]
}

func (s *stream) setLost(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lost == nil {
		s.lost = map[int]bool{}
	}
	s.lost[i] = true
}

// lostSpillMessage is the internal error of a file whose findings could
// not be read back from the run's spill.
const lostSpillMessage = "internal error in the run's spill: the file's findings could not be read back"

// each calls fn with every block's findings in order; the blocks are
// decoded on up to jobs goroutines, at most two a goroutine ahead of fn.
// A pass that ends without an error sets the stream's counts. fn must not
// keep its slice.
func (s *stream) each(fill bool, fn func([]lint.Finding) error) error {
	jobs := max(s.opt.Jobs, 1)
	var c counts
	count := func(fs []lint.Finding) error {
		c.add(fs)
		return fn(fs)
	}
	err := ordered(len(s.blocks), jobs, func() func(k int) []lint.Finding {
		sh := newSharer(s.names)
		var buf []byte
		return func(k int) []lint.Finding { return s.decodeBlock(s.blocks[k], fill, sh, &buf) }
	}, count)
	if err == nil {
		s.mu.Lock()
		s.counted, s.counts = true, c
		s.mu.Unlock()
	}
	return err
}

// ordered calls consume(k, work(k)) for k in [0, n) in order, the work
// done on up to jobs goroutines (each with its own function from newWork)
// and at most 2*jobs results made and not yet consumed. The first error
// of consume ends the pass and is returned.
func ordered[T any](n, jobs int, newWork func() func(k int) T, consume func(T) error) error {
	if n == 0 {
		return nil
	}
	if jobs < 2 || n < 2 {
		work := newWork()
		for k := range n {
			if err := consume(work(k)); err != nil {
				return err
			}
		}
		return nil
	}
	done := make([]chan T, n)
	for k := range done {
		done[k] = make(chan T, 1)
	}
	slots := make(chan struct{}, 2*jobs)
	quit := make(chan struct{})
	var next sync.Mutex
	k := 0
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWork()
			for {
				select {
				case slots <- struct{}{}:
				case <-quit:
					return
				}
				next.Lock()
				c := k
				k++
				next.Unlock()
				if c >= n {
					<-slots
					return
				}
				done[c] <- work(c)
			}
		}()
	}
	var err error
	for c := range done {
		v := <-done[c]
		<-slots
		if err = consume(v); err != nil {
			break
		}
	}
	// after an error, the workers stop at quit (each done channel has
	// room for the value a worker was making)
	close(quit)
	wg.Wait()
	return err
}
